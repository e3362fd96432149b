import { EntitySchema } from 'typeorm';

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * pending: to send (at `nextAttemptAt`); held: waits for its recipient's daily digest;
 * delivered; failed: cannot be sent (no address, refused for good); dead-letter: retried for a
 * day without success. `POST /deliveries/:id/redeliver` makes a failed or dead one pending again.
 */
export const DELIVERY_STATUSES = ['pending', 'held', 'delivered', 'failed', 'dead-letter'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One notification on one channel to one address. */
export interface DeliveryRow {
  id: string;
  notificationId: string;
  channel: DeliveryChannel;
  /** The person it is for, when it is for a person (not a shared mailbox or a webhook). */
  userId: string | null;
  webhookId: string | null;
  /** The e-mail address or the webhook's URL; null when nobody could be found to send it to. */
  address: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  /** While a dispatcher sends it; a crash leaves the lease to expire, and it is sent again. */
  leaseUntil: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export const Delivery = new EntitySchema<DeliveryRow>({
  name: 'Delivery',
  tableName: 'deliveries',
  columns: {
    id: { type: 'uuid', primary: true },
    notificationId: { type: 'text', name: 'notification_id' },
    channel: { type: 'text' },
    userId: { type: 'uuid', name: 'user_id', nullable: true },
    webhookId: { type: 'uuid', name: 'webhook_id', nullable: true },
    address: { type: 'text', nullable: true },
    status: { type: 'text' },
    attempts: { type: 'integer' },
    lastError: { type: 'text', name: 'last_error', nullable: true },
    nextAttemptAt: { type: 'timestamptz', name: 'next_attempt_at', nullable: true },
    leaseUntil: { type: 'timestamptz', name: 'lease_until', nullable: true },
    deliveredAt: { type: 'timestamptz', name: 'delivered_at', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});
