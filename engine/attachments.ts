import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Attachment, type AttachmentRow } from '../db/entities/attachment';
import { NotFoundError } from '../errors';
import type { Actor } from './context';
import { isUuid } from './ids';
import { assertMayReadInstance } from './instance-access';

/** An attachment without its bytes: what a list shows. */
export type AttachmentSummary = Omit<AttachmentRow, 'content'>;

/** A file to keep, as a mail brought it. */
export interface NewAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/** The attachments of an instance, oldest first, for whoever may read the instance. */
export async function listAttachments(db: DataSource, instanceId: string, actor: Actor): Promise<AttachmentSummary[]> {
  await assertMayReadInstance(db, instanceId, actor);
  return db.getRepository(Attachment).find({
    select: {
      id: true,
      instanceId: true,
      commentId: true,
      fileName: true,
      contentType: true,
      size: true,
      createdAt: true,
    },
    where: { instanceId },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

/** One attachment with its bytes; one of another instance is not found, whatever its id. */
export async function getAttachment(
  db: DataSource,
  instanceId: string,
  attachmentId: string,
  actor: Actor,
): Promise<AttachmentRow> {
  await assertMayReadInstance(db, instanceId, actor);
  const found = isUuid(attachmentId)
    ? await db.getRepository(Attachment).findOneBy({ id: attachmentId, instanceId })
    : null;
  if (!found) {
    throw new NotFoundError(`instance ${instanceId} has no attachment ${attachmentId}; see its attachments list`);
  }
  return found;
}

/**
 * Keeps the files one mail brought to an instance. Each id is derived from `origin` (what the
 * mail is known by) and the file's place in it, so the same mail delivered again keeps each
 * file once, and one whose first delivery failed half-way gets the rest.
 */
export async function keepAttachments(
  db: Pick<DataSource, 'query'>,
  instanceId: string,
  commentId: string | null,
  origin: string,
  attachments: readonly NewAttachment[],
): Promise<void> {
  const createdAt = new Date();
  for (const [index, attachment] of attachments.entries()) {
    await db.query(
      `INSERT INTO attachments (id, instance_id, comment_id, file_name, content_type, size, content, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        attachmentId(instanceId, origin, index),
        instanceId,
        commentId,
        attachment.fileName,
        attachment.contentType,
        attachment.content.length,
        attachment.content,
        // One mail's files keep their order when listed.
        new Date(createdAt.getTime() + index),
      ],
    );
  }
}

/** A UUID-shaped digest (version 8, RFC 9562: custom) of where the file came from. */
function attachmentId(instanceId: string, origin: string, index: number): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([instanceId, origin, index]))
    .digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
