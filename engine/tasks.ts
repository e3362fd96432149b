import type { DataSource } from 'typeorm';
import { Department } from '../db/entities/department';
import { Instance } from '../db/entities/instance';
import type { TaskStatus } from '../db/entities/task';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError, ValidationError } from '../errors';
import { literalText } from '../plan/template';
import type { JsonObject, JsonSchema } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import { validateAgainst } from '../validation/field-errors';
import { completeTaskUpdate, type TaskCompletion } from '../workflows/messages';
import type { Actor, EngineContext } from './context';
import { findDefinition } from './definitions';
import { isUuid } from './ids';
import { decodeCursor, type Page, pageFromRows } from './pagination';
import { TASK_COLUMNS, type TaskDetails, type TaskRecord, toTaskRow } from './task-records';
import { translateUpdateRejection, withUpdateDeadline } from './temporal-failures';

export interface TaskFilter {
  readonly department?: string;
  readonly status?: TaskStatus;
  readonly overdue?: boolean;
  readonly instanceId?: string;
  /** `me`, a user id, or `none` (tasks nobody holds). */
  readonly assignee?: string;
  /** Text the title contains, whatever its case (`%` and `_` are plain characters). */
  readonly titleContains?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * A department's inbox: by due date, soonest first, keyset-paginated on (due_at, id) and
 * served by the `tasks_inbox` index. Reads Postgres only, never Temporal. Plain SQL: this is
 * the hottest read of the API, and entity hydration cost more than the query itself.
 */
export async function listTasks(db: DataSource, filter: TaskFilter, actor: Actor): Promise<Page<TaskDetails>> {
  const department = inboxDepartment(filter.department, actor);
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const where = (condition: (placeholder: string) => string, value: unknown) => {
    parameters.push(value);
    conditions.push(condition(`$${parameters.length}`));
  };
  if (department) where((p) => `department = ${p}`, department);
  if (filter.status) where((p) => `status = ${p}`, filter.status);
  // Overdue is open past its due: a task done late or cancelled keeps its mark, but nobody has it left to do.
  if (filter.overdue !== undefined) where((p) => `(status = 'open' AND overdue) = ${p}`, filter.overdue);
  if (filter.instanceId) {
    if (!isUuid(filter.instanceId)) {
      throw new InvalidRequestError(`instance must be an instance id (a UUID); got "${filter.instanceId}"`);
    }
    // A sub-process's tasks belong to its parent's instance too.
    where((p) => `(instance_id = ${p} OR parent_instance_id = ${p})`, filter.instanceId);
  }
  if (filter.assignee === 'none') conditions.push('assignee_id IS NULL');
  else if (filter.assignee !== undefined) {
    const assignee = filter.assignee === 'me' ? actor.id : filter.assignee;
    if (!isUuid(assignee)) {
      throw new InvalidRequestError(`assignee must be me, none or a user id (a UUID); got "${filter.assignee}"`);
    }
    where((p) => `assignee_id = ${p}`, assignee);
  }
  // Only a search adds this: the inbox's usual queries keep their index. It filters the rows the
  // other conditions and the (due_at, id) order select, so pagination stays keyset. ICU's root
  // collation folds every letter's case (É to é); a database in the C locale, as the embedded one
  // is, would fold only ASCII.
  if (filter.titleContains !== undefined) {
    where((p) => `title COLLATE "und-x-icu" ILIKE ${p} ESCAPE '\\'`, `%${escapeLike(filter.titleContains)}%`);
  }
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor, () => true);
    parameters.push(after.sort, after.id);
    conditions.push(`(due_at, id) > ($${parameters.length - 1}, $${parameters.length})`);
  }
  parameters.push(filter.limit + 1);
  const rows: TaskRecord[] = await db.query(
    `SELECT ${TASK_COLUMNS} FROM tasks ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY due_at, id LIMIT $${parameters.length}`,
    parameters,
  );
  return pageFromRows(rows.map(toTaskRow), filter.limit, (row) => row.dueAt);
}

export async function getTask(db: DataSource, id: string, actor: Actor): Promise<TaskDetails> {
  const [record]: TaskRecord[] = await db.query(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1`, [id]);
  const task = record ? toTaskRow(record) : null;
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
  // An item of a `forEach` step (`equipment[2]`) belongs to its step.
  const baseStepId = stepId.replace(/\[\d+\]$/, '');
  const step = instance
    ? upgradePlan((await findDefinition(db, instance.key, instance.version)).plan).steps.find(
        (candidate) => candidate.id === baseStepId,
      )
    : undefined;
  if (!instance || !step || (step.kind !== 'task' && step.kind !== 'approval')) {
    return new NotFoundError(`no task has the id ${id}`);
  }
  const department = literalText(step.department);
  // A department computed from the instance's data is known only once the task opens.
  if (department !== null) assertMayActOn({ id, department }, actor);
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
): Promise<TaskDetails> {
  const task = await getTask(context.db, id, actor);
  if (actor.role !== 'staff' && actor.role !== 'admin') {
    throw new ForbiddenError(`a ${actor.role} cannot complete tasks; staff of ${task.department} do`);
  }
  if (task.status !== 'open') throw new ConflictError(`task ${id} is ${task.status}, it cannot be completed`);
  await assertMayComplete(context.db, task, actor);
  if (task.form) {
    const errors = validateAgainst(task.form as JsonSchema, request.output);
    if (errors.length > 0) throw new ValidationError(`the output does not match the form of task ${id}`, errors);
  }
  let completed: TaskCompletion;
  try {
    completed = await withUpdateDeadline(context, () =>
      context.temporal.workflow.getHandle(task.instanceId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: id, output: request.output, actualCost: request.actualCost, completedBy: actor.id }],
      }),
    );
  } catch (error) {
    throw translateUpdateRejection(error);
  }
  // The handler persisted exactly this before answering; reading the row again would return the same.
  return {
    ...task,
    status: 'done',
    output: request.output,
    overdue: completed.overdue,
    actualCost: completed.actualCost,
    completedAt: completed.completedAt === null ? null : new Date(completed.completedAt),
    completedBy: completed.completedBy,
    completedByName: actor.name,
  };
}

/**
 * Who may complete a claimed task: its holder, its department's lead, or an admin; anyone of
 * the department may complete one nobody holds.
 */
async function assertMayComplete(db: DataSource, task: TaskDetails, actor: Actor): Promise<void> {
  if (task.assigneeId === null || task.assigneeId === actor.id || actor.role === 'admin') return;
  if (await leads(db, actor, task.department)) return;
  throw new ForbiddenError(
    `task ${task.id} is held by ${task.assigneeName}; they, the lead of ${task.department} or an admin complete it`,
  );
}

/** Whether the actor leads the department. */
export async function leads(db: DataSource, actor: Actor, department: string): Promise<boolean> {
  return isUuid(actor.id) && db.getRepository(Department).existsBy({ id: department, lead: actor.id });
}

/** A text matched as is by LIKE: its wildcards and the escape character escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function inboxDepartment(requested: string | undefined, actor: Actor): string | undefined {
  if (actor.role !== 'staff') return requested;
  if (requested && requested !== actor.department) {
    throw new ForbiddenError(`staff of ${actor.department} cannot read the inbox of ${requested}`);
  }
  return actor.department ?? undefined;
}

function assertMayActOn(task: Pick<TaskDetails, 'id' | 'department'>, actor: Actor): void {
  if (actor.role === 'staff' && task.department !== actor.department) {
    throw new ForbiddenError(
      `task ${task.id} belongs to ${task.department}; staff of ${actor.department} cannot act on it`,
    );
  }
}
