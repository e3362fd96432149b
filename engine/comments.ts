import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../db/audit';
import { Comment, type CommentRow, type CommentSource } from '../db/entities/comment';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { Recipient } from '../plan/recipient';
import type { Actor } from './context';
import { assertMayReadInstance } from './instance-access';
import { type EngineMessage, writeMessages } from './outbox';
import { type Page, pageOf } from './pagination';
import { getTask } from './tasks';

/** The most comments an instance keeps: each is stored, listed and mailed to every participant. */
export const MAXIMUM_COMMENTS_PER_INSTANCE = 1_000;

export interface NewComment {
  readonly body: string;
  /** Written through the API, or a reply to one of Baton's mails. */
  readonly source?: CommentSource;
}

export interface CommentPage {
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The comments of an instance, oldest first. Comments on its tasks are the staff's among
 * themselves: listed for staff, managers and owners, not for the requester.
 */
export async function listInstanceComments(
  db: DataSource,
  instanceId: string,
  actor: Actor,
  page: CommentPage,
): Promise<Page<CommentRow>> {
  await assertMayReadInstance(db, instanceId, actor);
  const query = db.getRepository(Comment).createQueryBuilder('c').where('c.instance_id = :instanceId', { instanceId });
  if (actor.role === 'requester') query.andWhere('c.task_id IS NULL');
  return pageOf(query, 'c.created_at', 'c.id', 'ASC', page.limit, page.cursor, (row) => row.createdAt);
}

export async function listTaskComments(
  db: DataSource,
  taskId: string,
  actor: Actor,
  page: CommentPage,
): Promise<Page<CommentRow>> {
  await getTask(db, taskId, actor);
  const query = db.getRepository(Comment).createQueryBuilder('c').where('c.task_id = :taskId', { taskId });
  return pageOf(query, 'c.created_at', 'c.id', 'ASC', page.limit, page.cursor, (row) => row.createdAt);
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
  if (actor.role === 'requester') {
    throw new ForbiddenError('requesters comment on their requests (POST /requests/:id/comments)');
  }
  const task = await getTask(db, taskId, actor);
  return addComment(db, task.instanceId, taskId, comment, actor);
}

/**
 * Keeps the comment and tells the other participants in the same transaction: whoever holds
 * each open task (its department when nobody does) and, for a comment on the instance, its
 * requester. A comment on a task stays among the staff.
 */
async function addComment(
  db: DataSource,
  instanceId: string,
  taskId: string | null,
  { body, source = 'api' }: NewComment,
  actor: Actor,
): Promise<CommentRow> {
  const [instance]: { requester_id: string | null; title: string; comments: number }[] = await db.query(
    `SELECT i.requester_id, coalesce(i.subject, d.title) AS title, (SELECT count(*)::int FROM comments c WHERE c.instance_id = i.id) AS comments
       FROM instances i JOIN definitions d ON d.key = i.definition_key AND d.version = i.definition_version
      WHERE i.id = $1`,
    [instanceId],
  );
  if (!instance) throw new NotFoundError(`no instance has the id ${instanceId}`);
  if (instance.comments >= MAXIMUM_COMMENTS_PER_INSTANCE) {
    throw new ConflictError(
      `instance ${instanceId} has ${MAXIMUM_COMMENTS_PER_INSTANCE} comments, the most it keeps; write to the people concerned directly`,
    );
  }
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
  const staff = new Set<Recipient>();
  for (const task of openTasks) {
    if (task.assignee_id !== null) {
      if (task.assignee_id !== actor.id) staff.add(Recipient.user(task.assignee_id));
    } else if (task.department !== actor.department) {
      staff.add(Recipient.department(task.department));
    }
  }
  const about = taskId === null ? undefined : openTasks[0]?.title;
  const said = {
    id: `${instanceId}:comment:${row.id}`,
    instanceId,
    kind: 'comment' as const,
    message: `${actor.name} wrote:\n\n${body}`,
  };
  const messages: EngineMessage[] = [
    {
      ...said,
      taskId,
      recipients: [...staff],
      subject: `${actor.name} commented${about ? ` on ${about}` : ''}`,
      facts: { actor: actor.name, comment: body, ...(about ? { taskTitle: about } : {}) },
    },
  ];
  if (taskId === null && instance.requester_id !== null && instance.requester_id !== actor.id) {
    // The requester's copy points at their request, in their words: its title, not a task's.
    messages.push({
      ...said,
      id: `${said.id}:requester`,
      taskId: null,
      recipients: [Recipient.requester],
      subject: `${actor.name} commented on ${instance.title}`,
      facts: { actor: actor.name, comment: body, requestTitle: instance.title },
    });
  }
  await db.transaction(async (tx) => {
    await tx.getRepository(Comment).insert(row);
    await recordAudit(tx, {
      actor,
      action: 'comment.added',
      subjectId: row.id,
      instanceId,
      taskId,
      after: { body, source },
    });
    await writeMessages(tx, messages);
  });
  return row;
}
