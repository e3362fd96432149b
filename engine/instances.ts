import { createHash, randomUUID } from 'node:crypto';
import {
  QueryNotRegisteredError,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowHandle,
  type WorkflowIdConflictPolicy,
  WorkflowNotFoundError,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { didYouMean } from '../compiler/suggest';
import { recordAudit } from '../db/audit';
import type { DefinitionRow } from '../db/entities/definition';
import { Instance, type InstanceRow } from '../db/entities/instance';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors';
import type { Requester } from '../plan/context';
import type { InstanceStatus, InstanceView, StepView } from '../plan/instance-view';
import { Recipient } from '../plan/recipient';
import type { JsonObject } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import { validateAgainst } from '../validation/field-errors';
import type { processWorkflow } from '../workflows';
import {
  CURRENT_RUNTIME,
  cancelInstanceUpdate,
  changeInputUpdate,
  firstTasksOpenedUpdate,
  type InputChangePreview,
  type ProcessWorkflowInput,
  previewInputChangeQuery,
  retryStepUpdate,
  skipStepUpdate,
  statusQuery,
} from '../workflows/messages';
import { instanceStatusAttribute, processKeyAttribute, processVersionAttribute } from '../workflows/search-attributes';
import type { Actor, EngineContext } from './context';
import { findDefinition } from './definitions';
import { dependencyOutage } from './dependency-outages';
import { isUuid } from './ids';
import { writeMessages } from './outbox';
import { type Page, pageOf } from './pagination';
import { errorMessage, QUERY_DEADLINE_MS, translateUpdateRejection, withUpdateDeadline } from './temporal-failures';

export interface InstanceDetails {
  readonly row: InstanceRow;
  readonly view: InstanceDetailsView;
  /** By instance id, the sub-processes the instance started. */
  readonly children?: Readonly<Record<string, ChildSummary>>;
}

/** The workflow's view, whose status the read model overrides with `terminated` once Temporal ended the run. */
export type InstanceDetailsView = Omit<InstanceView, 'status'> & { readonly status: InstanceStatus };

export type ChildSummary = Pick<InstanceView, 'status' | 'progress' | 'cost'>;

export interface StartRequest {
  readonly key: string;
  readonly version?: number;
  readonly input: unknown;
  /** A calendar id chosen over the process's own: one of the calendars its plan carries. */
  readonly calendar?: string;
  /** The caller's key for this start: the same key and request from the same caller give the same instance. */
  readonly idempotencyKey?: string;
  /** Who asks for it through the catalogue; they are told it was received, in the start's transaction. */
  readonly requester?: Requester;
  /** What the requester is told they asked for (the process's title). */
  readonly requestTitle?: string;
  /** What this request is about, rendered once its id is known; null: the process's title says it. */
  readonly requestSubject?: (instanceId: string) => string | null;
  /** How the start came, for the audit trail: `POST /definitions/:key/instances` (the default), the catalogue, a mail. */
  readonly via?: 'api' | 'catalogue' | 'mail';
}

export interface StartedInstance {
  readonly row: InstanceRow;
  /** False when an earlier request with the same Idempotency-Key created the instance. */
  readonly created: boolean;
}

/** Said with every start that ran out of time: the client must know a retry cannot start a second instance. */
const START_RETRY_ADVICE = 'retrying with the same Idempotency-Key is safe: it never starts a second instance';

export async function startInstance(
  context: EngineContext,
  request: StartRequest,
  actor: Actor,
): Promise<StartedInstance> {
  const { idempotencyKey } = request;
  const requestHash = idempotencyKey === undefined ? null : startRequestHash(request);
  const earlier = idempotencyKey === undefined ? null : await findStartByKey(context, actor, idempotencyKey);
  if (earlier) return resumeStart(context, earlier, requestHash);
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
    calendar: calendar ?? null,
    idempotencyKey: idempotencyKey ?? null,
    startRequestHash: requestHash,
    startPending: true,
    requesterId: request.requester?.id ?? null,
    subject: null,
  };
  row.subject = request.requestSubject?.(row.id) ?? null;
  // The row exists before the workflow, so its first activity can reference it. It is never
  // deleted: a retry of the request, or the reconciler, may be seeing the start through.
  const inserted = await context.db.transaction(async (tx) => {
    const rows: unknown[] = await tx.query(
      `INSERT INTO instances (id, definition_key, definition_version, status, input, started_at, started_by, calendar,
         idempotency_key, start_request_hash, start_pending, requester_id, subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, true, $11, $12)
       ON CONFLICT (started_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        row.id,
        row.key,
        row.version,
        row.status,
        JSON.stringify(input),
        row.startedAt,
        row.startedBy,
        row.calendar,
        row.idempotencyKey,
        row.startRequestHash,
        row.requesterId,
        row.subject,
      ],
    );
    if (rows.length > 0) {
      await recordAudit(tx, {
        actor,
        action: 'instance.started',
        subjectId: row.id,
        instanceId: row.id,
        after: {
          key: row.key,
          version: row.version,
          input,
          calendar: row.calendar,
          via: request.via ?? 'api',
          ...(row.requesterId === null ? {} : { requesterId: row.requesterId }),
          ...(row.idempotencyKey === null ? {} : { idempotencyKey: row.idempotencyKey }),
        },
      });
    }
    if (rows.length > 0 && request.requester) {
      const title = row.subject ?? request.requestTitle ?? definition.title;
      await writeMessages(tx, [
        {
          id: `${row.id}:request-received`,
          instanceId: row.id,
          kind: 'request-received',
          recipients: [Recipient.requester],
          subject: `Request received: ${title}`,
          message: `We have received your request "${title}" (reference ${row.id}).`,
          facts: { requestTitle: title },
        },
      ]);
    }
    return rows;
  });
  if (inserted.length === 0 && idempotencyKey !== undefined) {
    // The same request, sent twice at once: the first insert won.
    const winner = await findStartByKey(context, actor, idempotencyKey);
    if (winner) return resumeStart(context, winner, requestHash);
  }
  await seeStartThrough(context, row, definition.plan, request.requester);
  return { row: { ...row, startPending: false }, created: true };
}

/**
 * How an instance's workflow starts, from a request or from the reconciler. Its id is the
 * instance's and an id that already ran is never run again, so however many times a start is
 * retried, there is one workflow; a retry while it runs joins it.
 */
export function processWorkflowOptions(
  context: EngineContext,
  row: InstanceRow,
  plan: DefinitionRow['plan'],
  requester: Requester | null,
): WorkflowStartOptions<typeof processWorkflow> & { workflowIdConflictPolicy: WorkflowIdConflictPolicy } {
  const workflowInput: ProcessWorkflowInput = {
    instanceId: row.id,
    key: row.key,
    version: row.version,
    plan,
    // Parsed from JSON and checked against the start form before the row was written.
    input: row.input as JsonObject,
    ...(row.calendar === null ? {} : { calendar: row.calendar }),
    runtime: CURRENT_RUNTIME,
    ...(requester === null ? {} : { requester }),
  };
  return {
    workflowId: row.id,
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    taskQueue: context.taskQueue,
    args: [workflowInput],
    typedSearchAttributes: [
      { key: processKeyAttribute, value: row.key },
      { key: processVersionAttribute, value: row.version },
      { key: instanceStatusAttribute, value: 'running' },
    ],
  };
}

/** Starts the instance's workflow, or joins it: the answer comes once the first tasks are in their inboxes. */
async function seeStartThrough(
  context: EngineContext,
  row: InstanceRow,
  plan: DefinitionRow['plan'],
  requester?: Requester,
): Promise<void> {
  try {
    // By name: the API process never loads workflow code.
    const start = new WithStartWorkflowOperation<typeof processWorkflow>(
      'processWorkflow',
      processWorkflowOptions(context, row, plan, requester ?? (await requesterOf(context.db, row))),
    );
    await withUpdateDeadline(
      context,
      () => context.temporal.workflow.executeUpdateWithStart(firstTasksOpenedUpdate, { startWorkflowOperation: start }),
      START_RETRY_ADVICE,
    );
  } catch (error) {
    // Its workflow ran and ended already: there is nothing left to start.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
      const outage = dependencyOutage(error);
      if (!outage) throw error;
      const detail = `${outage.message}; the start may still complete once it is back, and ${START_RETRY_ADVICE}`;
      throw new ServiceUnavailableError(detail, outage.dependency);
    }
  }
  await context.db.getRepository(Instance).update({ id: row.id }, { startPending: false });
}

/** The requester of an instance as its workflow's expressions read them, from its row; null when none. */
export async function requesterOf(db: DataSource, row: Pick<InstanceRow, 'requesterId'>): Promise<Requester | null> {
  if (row.requesterId === null) return null;
  const [user]: Requester[] = await db.query('SELECT id, name, email, department FROM users WHERE id = $1', [
    row.requesterId,
  ]);
  return user ?? null;
}

/** A start sent again with the same Idempotency-Key: the same request gets the same instance, seen through. */
async function resumeStart(
  context: EngineContext,
  row: InstanceRow,
  requestHash: string | null,
): Promise<StartedInstance> {
  if (row.startRequestHash !== requestHash) {
    throw new ConflictError(
      `the Idempotency-Key "${row.idempotencyKey}" already started instance ${row.id} with a different request: send that same request again, or use a new key for this one`,
    );
  }
  if (row.status === 'running' && row.startPending) {
    const definition = await findDefinition(context.db, row.key, row.version);
    await seeStartThrough(context, row, definition.plan);
    return { row: { ...row, startPending: false }, created: false };
  }
  return { row, created: false };
}

function findStartByKey(context: EngineContext, actor: Actor, idempotencyKey: string): Promise<InstanceRow | null> {
  return context.db.getRepository(Instance).findOneBy({ startedBy: actor.id, idempotencyKey });
}

/** What a start asks for, whatever the order of its JSON members. */
function startRequestHash(request: StartRequest): string {
  const asked = {
    key: request.key,
    version: request.version ?? null,
    calendar: request.calendar ?? null,
    input: request.input,
  };
  return createHash('sha256').update(canonicalJson(asked)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const members = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`;
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
  const children = await summarizeChildren(context, view);
  return { row, view: row.status === 'terminated' ? asTerminated(view, row) : view, children };
}

/**
 * A run Temporal ended stopped where it stood, and its replayed view still says it runs: what
 * was open or waiting is cancelled, as the reconciler cancelled its tasks.
 */
function asTerminated(view: InstanceView, row: InstanceRow): InstanceDetailsView {
  const stopped = (step: StepView): StepView => ({
    ...step,
    status: step.status === 'open' || step.status === 'pending' ? 'cancelled' : step.status,
    ...(step.items === undefined ? {} : { items: step.items.map(stopped) }),
  });
  return {
    ...view,
    status: 'terminated',
    completedAt: row.completedAt?.toISOString() ?? null,
    steps: view.steps.map(stopped),
  };
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

export function queryStatus(context: EngineContext, id: string): Promise<InstanceView> {
  return queryInstance(context, id, (handle) => handle.query(statusQuery));
}

/** What a re-plan with this whole input would move, nothing changed; the input must match the start form. */
export function queryInputChangePreview(
  context: EngineContext,
  id: string,
  input: JsonObject,
): Promise<InputChangePreview> {
  return queryInstance(context, id, (handle) => handle.query(previewInputChangeQuery, { input }));
}

async function queryInstance<T>(
  context: EngineContext,
  id: string,
  query: (handle: WorkflowHandle) => Promise<T>,
): Promise<T> {
  try {
    return await context.temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
      query(context.temporal.workflow.getHandle(id)),
    );
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new NotFoundError(`instance ${id} is no longer known to Temporal (its history may have expired)`);
    }
    // The worker answered, refusing the query (its handler failed, or a worker of an older release has none):
    // the same again will fail again, so no 503 asking to retry; a 500, logged with what the worker said.
    if (error instanceof QueryNotRegisteredError) throw error;
    throw (
      dependencyOutage(error) ??
      new ServiceUnavailableError(
        `no worker answered for instance ${id} within ${QUERY_DEADLINE_MS / 1000} s: is a Baton worker running? (${errorMessage(error)})`,
        'worker',
      )
    );
  }
}

/*
 * Cancels, re-plans, retries and skips are made by the workflow (its activities write them) on
 * an Update that answers once they are written; who asked is recorded as soon as it answers.
 * Not before asking: the workflow may refuse (the instance ended, the step is not failed) and the
 * trail is append-only, so a row written first could not be taken back; an "asked" row then an
 * "outcome" row would double the trail and still lack the outcome when this process dies. If it
 * dies, or Postgres fails, between the answer and the INSERT, the row is lost but not who asked:
 * the accepted Update, with its actor, stays in the workflow's history (the instance's timeline
 * shows it) as long as Temporal keeps the history. Only the workflow handing the actor to the
 * activity that writes the change, which would record it in the same statement as a completion
 * is (AUDIT_COMPLETION in activities/index.ts), closes that gap.
 */
export async function cancelInstance(context: EngineContext, id: string, actor: Actor): Promise<InstanceDetails> {
  const row = await findInstanceRow(context, id);
  let view: InstanceView;
  try {
    view = await withUpdateDeadline(context, () =>
      context.temporal.workflow
        .getHandle(id)
        .executeUpdate(cancelInstanceUpdate, { args: [{ cancelledBy: actor.id }] }),
    );
  } catch (error) {
    throw translateUpdateRejection(error);
  }
  await recordAudit(context.db, {
    actor,
    action: 'instance.cancelled',
    subjectId: id,
    instanceId: id,
    before: { status: row.status },
    after: { status: view.status },
  });
  return { row: { ...row, status: view.status }, view };
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
  const { input } = await changedInput(context, row, changes);
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
  await recordAudit(context.db, {
    actor,
    action: 'instance.input-changed',
    subjectId: id,
    instanceId: id,
    before: { input: row.input },
    after: { input },
  });
  return { row: { ...row, input }, view, children: await summarizeChildren(context, view) };
}

/**
 * The instance's input with the given fields replaced, checked against the start form of its
 * version (422 naming the field), for a running instance (409 once it has ended).
 */
export async function changedInput(
  context: EngineContext,
  row: InstanceRow,
  changes: JsonObject,
): Promise<{ readonly definition: DefinitionRow; readonly input: JsonObject }> {
  const definition = await findDefinition(context.db, row.key, row.version);
  const input = { ...(row.input as JsonObject), ...changes };
  const errors = validateAgainst(upgradePlan(definition.plan).input, input);
  if (errors.length > 0) {
    throw new ValidationError(`the new input does not match the start form of "${row.key}"`, errors);
  }
  if (row.status !== 'running') {
    throw new ConflictError(`instance ${row.id} is ${row.status}; its input no longer matters`);
  }
  return { definition, input };
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
  await recordAudit(context.db, {
    actor,
    action: action === 'retry' ? 'step.retried' : 'step.skipped',
    subjectId: `${id}.${stepId}`,
    instanceId: id,
    before: { status: 'failed' },
    after: { status: action === 'retry' ? 'running' : 'skipped' },
  });
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

export async function findInstanceRow(context: EngineContext, id: string): Promise<InstanceRow> {
  const row = isUuid(id) ? await context.db.getRepository(Instance).findOneBy({ id }) : null;
  if (!row) throw new NotFoundError(`no instance has the id ${id}`);
  return row;
}
