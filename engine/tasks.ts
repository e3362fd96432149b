import type { DataSource } from 'typeorm';
import { Instance } from '../db/entities/instance';
import { Task, type TaskRow, type TaskStatus } from '../db/entities/task';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError, ValidationError } from '../errors';
import type { JsonObject, JsonSchema } from '../plan/types';
import { completeTaskUpdate } from '../workflows/messages';
import type { Actor, EngineContext } from './context';
import { findDefinition } from './definitions';
import { isUuid } from './ids';
import { validateAgainst } from './json-schema';
import { type Page, pageOf } from './pagination';
import { translateUpdateRejection, withUpdateDeadline } from './temporal-failures';

export interface TaskFilter {
  readonly department?: string;
  readonly status?: TaskStatus;
  readonly overdue?: boolean;
  readonly instanceId?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** A department's inbox: by due date, soonest first. Reads Postgres only, never Temporal. */
export async function listTasks(db: DataSource, filter: TaskFilter, actor: Actor): Promise<Page<TaskRow>> {
  const department = inboxDepartment(filter.department, actor);
  const query = db.getRepository(Task).createQueryBuilder('t');
  if (department) query.andWhere('t.department = :department', { department });
  if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
  if (filter.overdue !== undefined) query.andWhere('t.overdue = :overdue', { overdue: filter.overdue });
  if (filter.instanceId) {
    if (!isUuid(filter.instanceId))
      throw new InvalidRequestError(`instance must be an instance id (a UUID); got "${filter.instanceId}"`);
    query.andWhere('t.instance_id = :instanceId', { instanceId: filter.instanceId });
  }
  return pageOf(query, 't.due_at', 't.id', 'ASC', filter.limit, filter.cursor, (row) => row.dueAt);
}

export async function getTask(db: DataSource, id: string, actor: Actor): Promise<TaskRow> {
  const task = await db.getRepository(Task).findOneBy({ id });
  if (!task) throw await missingTaskError(db, id, actor);
  assertMayActOn(task, actor);
  return task;
}

/**
 * Task ids are `<instance id>.<step id>`, known before the task opens: for a step that
 * exists but waits on others, say so (409) rather than "not found".
 */
async function missingTaskError(db: DataSource, id: string, actor: Actor): Promise<Error> {
  const separator = id.indexOf('.');
  const instanceId = id.slice(0, separator);
  const stepId = id.slice(separator + 1);
  const instance =
    separator > 0 && isUuid(instanceId) ? await db.getRepository(Instance).findOneBy({ id: instanceId }) : null;
  const step = instance
    ? (await findDefinition(db, instance.key, instance.version)).plan.steps.find((candidate) => candidate.id === stepId)
    : undefined;
  if (!instance || !step) return new NotFoundError(`no task has the id ${id}`);
  assertMayActOn({ id, department: step.department }, actor);
  if (instance.status !== 'running')
    return new ConflictError(`task ${id} never opened: the instance is ${instance.status}`);
  return new ConflictError(`task ${id} is not open yet: it waits for ${step.after.join(', ')} to be done`);
}

export interface CompletionRequest {
  readonly output: JsonObject;
  readonly actualCost?: number;
}

/**
 * Checks what only the read model knows (department, form), then asks the instance's
 * workflow: its validator is the authority on whether the task is still open.
 */
export async function completeTask(
  context: EngineContext,
  id: string,
  request: CompletionRequest,
  actor: Actor,
): Promise<TaskRow> {
  const task = await getTask(context.db, id, actor);
  if (actor.role !== 'staff' && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} cannot complete tasks; staff of ${task.department} do`);
  }
  if (task.status !== 'open') throw new ConflictError(`task ${id} is ${task.status}, it cannot be completed`);
  if (task.form) {
    const errors = validateAgainst(task.form as JsonSchema, request.output);
    if (errors.length > 0) throw new ValidationError(`the output does not match the form of task ${id}`, errors);
  }
  try {
    await withUpdateDeadline(context, () =>
      context.temporal.workflow.getHandle(task.instanceId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: id, output: request.output, actualCost: request.actualCost, completedBy: actor.id }],
      }),
    );
  } catch (error) {
    throw translateUpdateRejection(error);
  }
  // The update's handler persisted the completion before returning: this read sees it.
  return getTask(context.db, id, actor);
}

function inboxDepartment(requested: string | undefined, actor: Actor): string | undefined {
  if (actor.role !== 'staff') return requested;
  if (requested && requested !== actor.department) {
    throw new ForbiddenError(`staff of ${actor.department} cannot read the inbox of ${requested}`);
  }
  return actor.department ?? undefined;
}

function assertMayActOn(task: Pick<TaskRow, 'id' | 'department'>, actor: Actor): void {
  if (actor.role === 'staff' && task.department !== actor.department) {
    throw new ForbiddenError(
      `task ${task.id} belongs to ${task.department}; staff of ${actor.department} cannot act on it`,
    );
  }
}
