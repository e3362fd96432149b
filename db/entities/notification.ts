import { EntitySchema } from 'typeorm';
import type { NotificationKind } from '../../plan/recipient';

/** The outbox: rows a notifier delivers later; written in the same transaction as the event. */
export interface NotificationRow {
  /** Deterministic (`<taskId>:overdue`) so a retried activity writes it once. */
  id: string;
  instanceId: string;
  taskId: string | null;
  kind: NotificationKind;
  /** `department:<id>`, `department-lead:<id>`, `role:<name>` or `address:<text>`. */
  recipient: string;
  subject: string | null;
  message: string;
  createdAt: Date;
  deliveredAt: Date | null;
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
  },
});
