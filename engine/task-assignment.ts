import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../db/audit';
import { Department } from '../db/entities/department';
import { User } from '../db/entities/user';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { Recipient } from '../plan/recipient';
import { reassignTaskUpdate } from '../workflows/messages';
import type { Actor, EngineContext } from './context';
import { isUuid } from './ids';
import { writeMessages } from './outbox';
import type { TaskDetails } from './task-records';
import { getTask, leads } from './tasks';
import { translateUpdateRejection, withUpdateDeadline } from './temporal-failures';

/*
 * Work for people: a department's open task may be claimed by one of its staff, given to one by
 * the department's lead or a manager, and moved to another department by a manager. Who holds a
 * task is the read model's business only: the process does not change with it.
 */

/** The caller takes an open task of their department. */
export async function claimTask(db: DataSource, id: string, actor: Actor): Promise<TaskDetails> {
  const task = await openTask(db, id, actor);
  if (actor.role !== 'staff' && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} cannot claim tasks; staff of ${task.department} do`);
  }
  if (task.assigneeId === actor.id) return task;
  const userId = actorUserId(actor);
  const claimed = await db.transaction(async (tx) => {
    // An UPDATE answers [rows, count].
    const [rows]: [unknown[], number] = await tx.query(
      `UPDATE tasks SET assignee_id = $2, claimed_at = now() WHERE id = $1 AND status = 'open' AND assignee_id IS NULL RETURNING id`,
      [id, userId],
    );
    // Only an unheld task is claimed: it had no holder before.
    if (rows.length > 0) await auditHolder(tx, 'task.claimed', task, { from: null, to: userId }, actor);
    return rows.length > 0;
  });
  if (!claimed) throw await heldElsewhere(db, id);
  return getTask(db, id, actor);
}

/** The task goes back to its department's queue: by its holder, the department's lead, a manager or an admin. */
export async function unclaimTask(db: DataSource, id: string, actor: Actor): Promise<TaskDetails> {
  const task = await openTask(db, id, actor);
  if (task.assigneeId === null) return task;
  if (task.assigneeId !== actor.id && !(await mayDirect(db, actor, task.department))) {
    throw new ForbiddenError(
      `task ${id} is held by ${task.assigneeName}; they, the lead of ${task.department}, a manager or an admin may release it`,
    );
  }
  await db.transaction(async (tx) => {
    const holder = await lockOpenTaskHolder(tx, id);
    // Closed or released meanwhile: nothing left to release, nor to record.
    if (holder === undefined || holder === null) return;
    await tx.query('UPDATE tasks SET assignee_id = NULL, claimed_at = NULL WHERE id = $1', [id]);
    await auditHolder(tx, 'task.unclaimed', task, { from: holder, to: null }, actor);
  });
  return getTask(db, id, actor);
}

/** The department's lead (or a manager, or an admin) gives the task to one of its people, who is told. */
export async function assignTask(db: DataSource, id: string, userId: string, actor: Actor): Promise<TaskDetails> {
  const task = await openTask(db, id, actor);
  if (!(await mayDirect(db, actor, task.department))) {
    throw new ForbiddenError(`only the lead of ${task.department}, a manager or an admin assign its tasks`);
  }
  const assignee = isUuid(userId) ? await db.getRepository(User).findOneBy({ id: userId }) : null;
  if (!assignee || assignee.deactivatedAt) {
    throw new ValidationError('unknown user', [{ field: '/userId', message: `no active user has the id ${userId}` }]);
  }
  if (assignee.department !== task.department) {
    throw new ValidationError('the user is not of this department', [
      {
        field: '/userId',
        message: `${assignee.name} belongs to ${assignee.department ?? 'no department'}, the task to ${task.department}; move the task first (POST /tasks/${id}/reassign)`,
      },
    ]);
  }
  if (task.assigneeId === assignee.id) return task;
  await db.transaction(async (tx) => {
    const holder = await lockOpenTaskHolder(tx, id);
    if (holder === undefined || holder === assignee.id) return;
    await tx.query('UPDATE tasks SET assignee_id = $2, claimed_at = now() WHERE id = $1', [id, assignee.id]);
    await auditHolder(tx, 'task.assigned', task, { from: holder, to: assignee.id }, actor);
    if (assignee.id === actor.id) return;
    await writeMessages(tx, [
      {
        instanceId: task.instanceId,
        taskId: id,
        kind: 'assigned',
        recipients: [Recipient.user(assignee.id)],
        subject: `${task.title} is yours`,
        message: `${actor.name} gave you "${task.title}", due ${task.dueAt.toISOString()}.`,
        facts: { taskTitle: task.title, dueAt: task.dueAt.toISOString(), actor: actor.name },
      },
    ]);
  });
  return getTask(db, id, actor);
}

/** A manager moves an open task to another department's queue; the instance follows it there. */
export async function reassignTask(
  context: EngineContext,
  id: string,
  department: string,
  actor: Actor,
): Promise<TaskDetails> {
  if (actor.role !== 'manager' && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} cannot move tasks between departments; a manager does`);
  }
  const task = await openTask(context.db, id, actor);
  if (!(await context.db.getRepository(Department).existsBy({ id: department }))) {
    throw new ValidationError('unknown department', [
      { field: '/department', message: `"${department}" is not a department; see GET /departments` },
    ]);
  }
  if (task.department === department) return task;
  try {
    await withUpdateDeadline(context, () =>
      context.temporal.workflow.getHandle(task.instanceId).executeUpdate(reassignTaskUpdate, {
        args: [{ taskId: id, department, reassignedBy: actor.id, reassignedByName: actor.name }],
      }),
    );
  } catch (error) {
    throw translateUpdateRejection(error);
  }
  // The workflow moved it (its activity wrote the move) before the Update answered.
  await recordAudit(context.db, {
    actor,
    action: 'task.reassigned',
    subjectId: id,
    instanceId: task.instanceId,
    taskId: id,
    before: { department: task.department, assigneeId: task.assigneeId },
    after: { department, assigneeId: null },
  });
  return getTask(context.db, id, actor);
}

/**
 * Who holds the open task (null: nobody; undefined: it is no longer open), its row locked until
 * the transaction ends. The holder read before the transaction could have changed by the time
 * the task changes hands: two assignments at once would both record it as their before, and the
 * trail of holders would skip one.
 */
async function lockOpenTaskHolder(tx: EntityManager, id: string): Promise<string | null | undefined> {
  const [row]: { assignee_id: string | null }[] = await tx.query(
    `SELECT assignee_id FROM tasks WHERE id = $1 AND status = 'open' FOR UPDATE`,
    [id],
  );
  return row?.assignee_id;
}

/** Who held the task and who holds it now, in the transaction that changed it. */
function auditHolder(
  tx: EntityManager,
  action: 'task.claimed' | 'task.unclaimed' | 'task.assigned',
  task: TaskDetails,
  holder: { readonly from: string | null; readonly to: string | null },
  actor: Actor,
): Promise<void> {
  return recordAudit(tx, {
    actor,
    action,
    subjectId: task.id,
    instanceId: task.instanceId,
    taskId: task.id,
    before: { assigneeId: holder.from },
    after: { assigneeId: holder.to },
  });
}

async function openTask(db: DataSource, id: string, actor: Actor): Promise<TaskDetails> {
  const task = await getTask(db, id, actor);
  if (task.status !== 'open') throw new ConflictError(`task ${id} is ${task.status}; only open tasks change hands`);
  return task;
}

async function heldElsewhere(db: DataSource, id: string): Promise<Error> {
  const [row]: { status: string; holder: string | null }[] = await db.query(
    'SELECT status, (SELECT name FROM users WHERE users.id = tasks.assignee_id) AS holder FROM tasks WHERE id = $1',
    [id],
  );
  if (!row) return new NotFoundError(`no task has the id ${id}`);
  if (row.status !== 'open') return new ConflictError(`task ${id} is ${row.status}; only open tasks change hands`);
  return new ConflictError(
    `task ${id} is already held by ${row.holder}; ask them or the department's lead to release it`,
  );
}

/** Managers and admins direct any department's work; a lead directs their own department's. */
async function mayDirect(db: DataSource, actor: Actor, department: string): Promise<boolean> {
  return actor.role === 'manager' || actor.role === 'admin' || leads(db, actor, department);
}

/** The bootstrap admin has no user row to hold a task with. */
function actorUserId(actor: Actor): string {
  if (!isUuid(actor.id)) {
    throw new ConflictError('the bootstrap admin cannot hold tasks; assign them to a user (POST /tasks/:id/assign)');
  }
  return actor.id;
}
