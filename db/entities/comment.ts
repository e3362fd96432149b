import { EntitySchema } from 'typeorm';

export const COMMENT_SOURCES = ['api', 'email'] as const;
export type CommentSource = (typeof COMMENT_SOURCES)[number];

/** A message someone left on an instance (or one of its tasks), for the people working on it. */
export interface CommentRow {
  id: string;
  instanceId: string;
  taskId: string | null;
  /** A user id, or `admin` for the bootstrap admin. */
  authorId: string;
  /** The author's name when they wrote it. */
  authorName: string;
  body: string;
  /** Written through the API, or a reply to one of Baton's mails. */
  source: CommentSource;
  createdAt: Date;
}

export const Comment = new EntitySchema<CommentRow>({
  name: 'Comment',
  tableName: 'comments',
  columns: {
    id: { type: 'uuid', primary: true },
    instanceId: { type: 'uuid', name: 'instance_id' },
    taskId: { type: 'text', name: 'task_id', nullable: true },
    authorId: { type: 'text', name: 'author_id' },
    authorName: { type: 'text', name: 'author_name' },
    body: { type: 'text' },
    source: { type: 'text' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});
