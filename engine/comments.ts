import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Comment, type CommentRow, type CommentSource } from '../db/entities/comment';
import { Instance } from '../db/entities/instance';
import { ForbiddenError, NotFoundError } from '../errors';
import { Recipient } from '../plan/recipient';
import type { Actor } from './context';
import { assertMayReadInstance } from './instance-access';
import { writeMessages } from './outbox';
import { getTask } from './tasks';

export interface NewComment {
  readonly body: string;
  /** Written through the API, or a reply to one of Baton's mails. */
  readonly source?: CommentSource;
}

/** The comments of an instance (its tasks' included), oldest first. */
export async function listInstanceComments(db: DataSource, instanceId: string, actor: Actor): Promise<CommentRow[]> {
  await assertMayReadInstance(db, instanceId, actor);
  return db.getRepository(Comment).find({ where: { instanceId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

export async function listTaskComments(db: DataSource, taskId: string, actor: Actor): Promise<CommentRow[]> {
  await getTask(db, taskId, actor);
  return db.getRepository(Comment).find({ where: { taskId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

export async function commentOnInstance(
  db: DataSource,
  instanceId: string,
  comment: NewComment,
  actor: Actor,
): Promise<CommentRow> {
  await assertMayReadInstance(db, instanceId, actor);
  return addComment(db, instanceId, null, comment, actor);
}

export async function commentOnTask(
  db: DataSource,
  taskId: string,
  comment: NewComment,
  actor: Actor,
): Promise<CommentRow> {
  if (actor.role === 'requester')
    throw new ForbiddenError('requesters comment on their requests (POST /requests/:id/comments)');
  const task = await getTask(db, taskId, actor);
  return addComment(db, task.instanceId, taskId, comment, actor);
}

/**
 * Keeps the comment and tells the other participants in the same transaction: the requester,
 * and whoever holds each open task (its department when nobody does).
 */
async function addComment(
  db: DataSource,
  instanceId: string,
  taskId: string | null,
  { body, source = 'api' }: NewComment,
  actor: Actor,
): Promise<CommentRow> {
  const instance = await db.getRepository(Instance).findOneBy({ id: instanceId });
  if (!instance) throw new NotFoundError(`no instance has the id ${instanceId}`);
  const row: CommentRow = {
    id: randomUUID(),
    instanceId,
    taskId,
    authorId: actor.id,
    authorName: actor.name,
    body,
    source,
    createdAt: new Date(),
  };
  const openTasks: { id: string; title: string; department: string; assignee_id: string | null }[] = await db.query(
    `SELECT id, title, department, assignee_id FROM tasks
      WHERE (instance_id = $1 OR parent_instance_id = $1) AND status = 'open' AND ($2::text IS NULL OR id = $2)`,
    [instanceId, taskId],
  );
  const recipients = new Set<Recipient>();
  if (instance.requesterId !== null && instance.requesterId !== actor.id) recipients.add(Recipient.requester);
  for (const task of openTasks) {
    if (task.assignee_id !== null) {
      if (task.assignee_id !== actor.id) recipients.add(Recipient.user(task.assignee_id));
    } else if (task.department !== actor.department) {
      recipients.add(Recipient.department(task.department));
    }
  }
  const about = openTasks.length === 1 && taskId !== null ? openTasks[0]?.title : undefined;
  await db.transaction(async (tx) => {
    await tx.getRepository(Comment).insert(row);
    await writeMessages(tx, [
      {
        id: `${instanceId}:comment:${row.id}`,
        instanceId,
        taskId,
        kind: 'comment',
        recipients: [...recipients],
        subject: `${actor.name} commented${about ? ` on ${about}` : ''}`,
        message: `${actor.name} wrote:\n\n${body}`,
        facts: { actor: actor.name, comment: body, ...(about ? { taskTitle: about } : {}) },
      },
    ]);
  });
  return row;
}
