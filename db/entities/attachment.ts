import { EntitySchema } from 'typeorm';

/** A file a mail brought to an instance, as it came (its bytes, its name and type as the sender's client gave them). */
export interface AttachmentRow {
  id: string;
  instanceId: string;
  /** The comment a reply became, when the file came with a reply; null: with the mail that opened the request. */
  commentId: string | null;
  fileName: string;
  contentType: string;
  /** Bytes, decoded. */
  size: number;
  content: Buffer;
  createdAt: Date;
}

export const Attachment = new EntitySchema<AttachmentRow>({
  name: 'Attachment',
  tableName: 'attachments',
  columns: {
    id: { type: 'uuid', primary: true },
    instanceId: { type: 'uuid', name: 'instance_id' },
    commentId: { type: 'uuid', name: 'comment_id', nullable: true },
    fileName: { type: 'text', name: 'file_name' },
    contentType: { type: 'text', name: 'content_type' },
    size: { type: 'integer' },
    content: { type: 'bytea' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});
