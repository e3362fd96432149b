import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { didYouMean } from '../compiler/suggest';
import type { DefinitionRow } from '../db/entities/definition';
import { Instance, type InstanceRow, type InstanceStatus } from '../db/entities/instance';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors';
import type { JsonObject } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import type { processWorkflow } from '../workflows';
import {
  CURRENT_RUNTIME,
  cancelInstanceUpdate,
  changeInputUpdate,
  firstTasksOpenedUpdate,
  type InstanceView,
  type ProcessWorkflowInput,
  retryStepUpdate,
  skipStepUpdate,
  statusQuery,
} from '../workflows/messages';
import { instanceStatusAttribute, processKeyAttribute, processVersionAttribute } from '../workflows/search-attributes';
import type { Actor, EngineContext } from './context';
import { findDefinition } from './definitions';
import { dependencyOutage } from './dependency-outages';
import { isUuid } from './ids';
import { validateAgainst } from './json-schema';
import { type Page, pageOf } from './pagination';
import { errorMessage, QUERY_DEADLINE_MS, translateUpdateRejection, withUpdateDeadline } from './temporal-failures';

export interface InstanceDetails {
  readonly row: InstanceRow;
  readonly view: InstanceView;
  /** By instance id, the sub-processes the instance started. */
  readonly children?: Readonly<Record<string, ChildSummary>>;
}

export type ChildSummary = Pick<InstanceView, 'status' | 'progress' | 'cost'>;

export async function startInstance(
  context: EngineContext,
  request: {
    readonly key: string;
    readonly version?: number;
    readonly input: unknown;
    /** A calendar id chosen over the process's own: one of the calendars its plan carries. */
    readonly calendar?: string;
  },
  actor: Actor,
): Promise<InstanceRow> {
  const definition = await findDefinition(context.db, request.key, request.version);
  const inputErrors = validateAgainst(definition.plan.input, request.input);
  if (inputErrors.length > 0) {
    throw new ValidationError(`the input does not match the start form of "${definition.key}"`, inputErrors);
  }
  const { calendar } = request;
  if (calendar !== undefined) checkCalendar(definition, calendar);
  // Parsed from JSON and checked against the start form, which requires an object.
  const input = request.input as JsonObject;
  const row: InstanceRow = {
    id: randomUUID(),
    key: definition.key,
    version: definition.version,
    status: 'running',
    input,
    startedAt: new Date(),
    startedBy: actor.id,
    completedAt: null,
    parentInstanceId: null,
    parentStepId: null,
  };
  // The row exists before the workflow, so its first activity can reference it.
  await context.db.query(
    `INSERT INTO instances (id, definition_key, definition_version, status, input, started_at, started_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.id, row.key, row.version, row.status, JSON.stringify(input), row.startedAt, row.startedBy],
  );
  const workflowInput: ProcessWorkflowInput = {
    instanceId: row.id,
    key: row.key,
    version: row.version,
    plan: definition.plan,
    input,
    ...(calendar === undefined ? {} : { calendar }),
    runtime: CURRENT_RUNTIME,
  };
  try {
    // Update-with-start: the caller gets its answer once the first tasks are in their inboxes.
    // By name: the API process never loads workflow code.
    const start = new WithStartWorkflowOperation<typeof processWorkflow>('processWorkflow', {
      workflowId: row.id,
      workflowIdConflictPolicy: 'FAIL',
      taskQueue: context.taskQueue,
      args: [workflowInput],
      typedSearchAttributes: [
        { key: processKeyAttribute, value: row.key },
        { key: processVersionAttribute, value: row.version },
        { key: instanceStatusAttribute, value: 'running' },
      ],
    });
    await context.temporal.workflow.executeUpdateWithStart(firstTasksOpenedUpdate, { startWorkflowOperation: start });
  } catch (error) {
    // Remove the row only if the workflow surely did not start; otherwise its activities need it.
    if (!(await workflowExists(context, row.id))) await context.db.getRepository(Instance).delete({ id: row.id });
    throw error;
  }
  return row;
}

/** A start may choose only among the calendars the version's plan carries: its instance counts in nothing else. */
function checkCalendar(definition: DefinitionRow, calendar: string): void {
  const plan = upgradePlan(definition.plan);
  const known = Object.keys(plan.calendars ?? {});
  if (known.includes(calendar)) return;
  let hint = didYouMean(calendar, known, 'its calendars');
  if (known.length === 0) hint = 'the process names no calendar: leave calendar out';
  else if (plan.calendar?.every((part) => 'text' in part)) {
    hint += ' (the process names one calendar; one whose calendar: is a {{ template }} can count in any)';
  }
  throw new ValidationError(`"${definition.key}" v${definition.version} cannot count dates in calendar "${calendar}"`, [
    { field: '/calendar', message: `is not one of the process's calendars: ${hint}` },
  ]);
}

export async function getInstance(context: EngineContext, id: string): Promise<InstanceDetails> {
  const row = await findInstanceRow(context, id);
  const view = await queryStatus(context, id);
  return { row, view, children: await summarizeChildren(context, view) };
}

/** Where each sub-process started by the instance stands, so its status rolls up into the parent's. */
async function summarizeChildren(context: EngineContext, view: InstanceView): Promise<Record<string, ChildSummary>> {
  const ids = view.steps.flatMap((step) => [step, ...(step.items ?? [])]).flatMap((step) => step.childInstanceId ?? []);
  const summaries = await Promise.all(
    ids.map(async (childId): Promise<[string, ChildSummary][]> => {
      try {
        const child = await queryStatus(context, childId);
        return [[childId, { status: child.status, progress: child.progress, cost: child.cost }]];
      } catch {
        // The parent's status stands on its own; the child's own page says what is wrong with it.
        return [];
      }
    }),
  );
  return Object.fromEntries(summaries.flat());
}

export async function queryStatus(context: EngineContext, id: string): Promise<InstanceView> {
  try {
    return await context.temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
      context.temporal.workflow.getHandle(id).query(statusQuery),
    );
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new NotFoundError(`instance ${id} is no longer known to Temporal (its history may have expired)`);
    }
    throw (
      dependencyOutage(error) ??
      new ServiceUnavailableError(
        `no worker answered for instance ${id} within ${QUERY_DEADLINE_MS / 1000} s: is a Baton worker running? (${errorMessage(error)})`,
        'worker',
      )
    );
  }
}

export async function cancelInstance(context: EngineContext, id: string, actor: Actor): Promise<InstanceDetails> {
  const row = await findInstanceRow(context, id);
  try {
    const view = await withUpdateDeadline(context, () =>
      context.temporal.workflow
        .getHandle(id)
        .executeUpdate(cancelInstanceUpdate, { args: [{ cancelledBy: actor.id }] }),
    );
    return { row: { ...row, status: view.status }, view };
  } catch (error) {
    throw translateUpdateRejection(error);
  }
}

/**
 * New start data for a running instance (the opening slips by two weeks): the given fields
 * replace the current ones, the result must match the start form, and the instance moves its
 * open tasks' anchored due dates and its waits, telling each department concerned.
 */
export async function changeInstanceInput(
  context: EngineContext,
  id: string,
  changes: JsonObject,
  actor: Actor,
): Promise<InstanceDetails> {
  const row = await findInstanceRow(context, id);
  const definition = await findDefinition(context.db, row.key, row.version);
  const input = { ...(row.input as JsonObject), ...changes };
  const errors = validateAgainst(upgradePlan(definition.plan).input, input);
  if (errors.length > 0) {
    throw new ValidationError(`the new input does not match the start form of "${row.key}"`, errors);
  }
  if (row.status !== 'running') throw new ConflictError(`instance ${id} is ${row.status}; its input no longer matters`);
  let view: InstanceView;
  try {
    // The Update answers after the read model holds the new input: its view is the instance's now.
    view = await withUpdateDeadline(context, () =>
      context.temporal.workflow
        .getHandle(id)
        .executeUpdate(changeInputUpdate, { args: [{ input, changedBy: actor.id }] }),
    );
  } catch (error) {
    throw translateUpdateRejection(error);
  }
  return { row: { ...row, input }, view, children: await summarizeChildren(context, view) };
}

/** A manager's way out of a failed step: run it again (`retry`) or go on without it (`skip`). */
export async function resolveFailedStep(
  context: EngineContext,
  id: string,
  stepId: string,
  action: 'retry' | 'skip',
  actor: Actor,
): Promise<InstanceDetails> {
  await findInstanceRow(context, id);
  const update = action === 'retry' ? retryStepUpdate : skipStepUpdate;
  try {
    await withUpdateDeadline(context, () =>
      context.temporal.workflow.getHandle(id).executeUpdate(update, { args: [{ stepId, requestedBy: actor.id }] }),
    );
  } catch (error) {
    throw translateUpdateRejection(error);
  }
  return getInstance(context, id);
}

export interface InstanceFilter {
  readonly key?: string;
  readonly status?: InstanceStatus;
  readonly limit: number;
  readonly cursor?: string;
}

/** Newest first, keyset-paginated on (started_at, id). */
export async function listInstances(context: EngineContext, filter: InstanceFilter): Promise<Page<InstanceRow>> {
  const query = context.db.getRepository(Instance).createQueryBuilder('i');
  if (filter.key) query.andWhere('i.definition_key = :key', { key: filter.key });
  if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
  return pageOf(query, 'i.started_at', 'i.id', 'DESC', filter.limit, filter.cursor, (row) => row.startedAt, isUuid);
}

async function workflowExists(context: EngineContext, id: string): Promise<boolean> {
  try {
    await context.temporal.workflow.getHandle(id).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    return true;
  }
}

export async function findInstanceRow(context: EngineContext, id: string): Promise<InstanceRow> {
  const row = isUuid(id) ? await context.db.getRepository(Instance).findOneBy({ id }) : null;
  if (!row) throw new NotFoundError(`no instance has the id ${id}`);
  return row;
}
