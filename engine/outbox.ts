import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Notification } from '../db/entities/notification';
import type { NotificationKind, Recipient } from '../plan/recipient';

/** A message the engine itself sends (about people's work and requests), written to the outbox. */
export interface EngineMessage {
  readonly instanceId: string;
  readonly taskId?: string | null;
  readonly kind: NotificationKind;
  readonly recipients: readonly Recipient[];
  readonly subject: string;
  readonly message: string;
  /** What it is about, for renderings in each recipient's language and time zone. */
  readonly facts?: Readonly<Record<string, string>>;
  /** A stable id when the message must be sent once (a retried request); random otherwise. */
  readonly id?: string;
}

/** Writes the messages in the caller's transaction, so they go out exactly when what they tell happened. */
export async function writeMessages(tx: EntityManager, messages: readonly EngineMessage[]): Promise<void> {
  const rows = messages.flatMap((message) => {
    const id = message.id ?? `${message.instanceId}:${message.kind}:${randomUUID()}`;
    return [...new Set(message.recipients)].map((recipient, index) => ({
      id: `${id}:${index}`,
      instanceId: message.instanceId,
      taskId: message.taskId ?? null,
      kind: message.kind,
      recipient,
      subject: message.subject,
      message: message.message,
      facts: message.facts ?? null,
      createdAt: new Date(),
      deliveredAt: null,
      resolvedAt: null,
    }));
  });
  if (rows.length === 0) return;
  await tx.createQueryBuilder().insert().into(Notification).values(rows).orIgnore().execute();
}
