import { EntitySchema } from 'typeorm';

/** A receiver of Baton's notifications over HTTP, signed per the Standard Webhooks spec. */
export interface WebhookRow {
  id: string;
  url: string;
  /** Notification kinds it receives; `*` for all. */
  events: string[];
  /** `whsec_<base64>`: the key deliveries are signed with; shown once, at creation. */
  secret: string;
  createdBy: string;
  createdAt: Date;
  /** Deleted webhooks receive nothing more; their deliveries stay readable. */
  deletedAt: Date | null;
}

export const Webhook = new EntitySchema<WebhookRow>({
  name: 'Webhook',
  tableName: 'webhooks',
  columns: {
    id: { type: 'uuid', primary: true },
    url: { type: 'text' },
    events: { type: 'text', array: true },
    secret: { type: 'text' },
    createdBy: { type: 'text', name: 'created_by' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    deletedAt: { type: 'timestamptz', name: 'deleted_at', nullable: true },
  },
});
