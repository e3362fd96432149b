import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../db/audit';
import { Webhook, type WebhookRow } from '../db/entities/webhook';
import type { Actor } from '../engine/context';
import { NotFoundError, ValidationError } from '../errors';
import { newWebhookSecret } from './webhook-sender';

export interface NewWebhook {
  readonly url: string;
  /** Notification kinds, or `*` for every kind. */
  readonly events: readonly string[];
  /** `whsec_<base64>`; generated when absent. */
  readonly secret?: string;
}

/** A receiver of notifications; its secret is returned here and never again. */
export async function createWebhook(db: DataSource, request: NewWebhook, actor: Actor): Promise<WebhookRow> {
  if (request.secret !== undefined && !isWebhookSecret(request.secret)) {
    throw new ValidationError('the webhook is not valid', [
      {
        field: '/secret',
        message: 'must be whsec_ followed by the base64 of 24 to 64 random bytes; omit it to get one',
      },
    ]);
  }
  const webhook: WebhookRow = {
    id: randomUUID(),
    url: request.url,
    events: [...new Set(request.events)],
    secret: request.secret ?? newWebhookSecret(),
    createdBy: actor.id,
    createdAt: new Date(),
    deletedAt: null,
  };
  await db.transaction(async (tx) => {
    await tx.getRepository(Webhook).insert(webhook);
    // Never the secret: the trail is read by managers.
    await recordAudit(tx, {
      actor,
      action: 'webhook.created',
      subjectId: webhook.id,
      after: { url: webhook.url, events: webhook.events },
    });
  });
  return webhook;
}

export async function listWebhooks(db: DataSource): Promise<WebhookRow[]> {
  return db
    .getRepository(Webhook)
    .createQueryBuilder('w')
    .where('w.deleted_at IS NULL')
    .orderBy('w.created_at')
    .getMany();
}

/** It receives nothing more; its past deliveries stay readable. */
export async function deleteWebhook(db: DataSource, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [deleted]: [{ url: string; events: string[] }[], number] = await tx.query(
      'UPDATE webhooks SET deleted_at = now() WHERE id::text = $1 AND deleted_at IS NULL RETURNING url, events',
      [id],
    );
    const webhook = deleted[0];
    if (!webhook) throw new NotFoundError(`no webhook has the id ${id}; see GET /webhooks`);
    await recordAudit(tx, {
      actor,
      action: 'webhook.deleted',
      subjectId: id,
      before: { url: webhook.url, events: webhook.events },
      after: { deleted: true },
    });
  });
}

function isWebhookSecret(secret: string): boolean {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  const bytes = match?.[1] ? Buffer.from(match[1], 'base64').length : 0;
  return bytes >= 24 && bytes <= 64;
}
