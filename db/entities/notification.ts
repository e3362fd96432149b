import { EntitySchema } from 'typeorm';
import type { NotificationKind } from '../../plan/recipient';

/** The channel an outbox insert notifies (the trigger of migration 0007): it wakes the dispatchers. */
export const OUTBOX_CHANNEL = 'baton_outbox';

/** The outbox: rows a notifier delivers later; written in the same transaction as the event. */
export interface NotificationRow {
  /** Deterministic (`<taskId>:overdue`) so a retried activity writes it once. */
  id: string;
  instanceId: string;
  taskId: string | null;
  kind: NotificationKind;
  /** A `Recipient` (plan/recipient.ts): resolved to people and addresses when delivered. */
  recipient: string;
  subject: string | null;
  message: string;
  createdAt: Date;
  /** When its last delivery succeeded, once none is left to try. */
  deliveredAt: Date | null;
  /** What the message is about, for renderings in the recipient's language and time zone. */
  facts: Record<string, unknown> | null;
  /** When its deliveries were written; null: the dispatcher has not read it yet. */
  resolvedAt: Date | null;
}

export const Notification = new EntitySchema<NotificationRow>({
  name: 'Notification',
  tableName: 'notifications',
  columns: {
    id: { type: 'text', primary: true },
    instanceId: { type: 'uuid', name: 'instance_id' },
    taskId: { type: 'text', name: 'task_id', nullable: true },
    kind: { type: 'text' },
    recipient: { type: 'text' },
    subject: { type: 'text', nullable: true },
    message: { type: 'text' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    deliveredAt: { type: 'timestamptz', name: 'delivered_at', nullable: true },
    facts: { type: 'jsonb', nullable: true },
    resolvedAt: { type: 'timestamptz', name: 'resolved_at', nullable: true },
  },
});
