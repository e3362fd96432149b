import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { Instance, type InstanceRow } from '../db/entities/instance';
import type { InstanceStatus } from '../plan/instance-view';
import type { processWorkflow } from '../workflows';
import { instanceStatusAttribute } from '../workflows/search-attributes';
import type { EngineContext } from './context';
import { findDefinition } from './definitions';
import { isUuid } from './ids';
import { processWorkflowOptions, requesterOf } from './instances';
import { errorMessage, QUERY_DEADLINE_MS, UPDATE_DEADLINE_MS } from './temporal-failures';

/** How long a start request may still be at work on its row: its deadline, with room to spare. */
const START_GRACE_MS = 3 * UPDATE_DEADLINE_MS;
/**
 * Temporal keeps a closed workflow's history at least a day (a namespace's minimum retention):
 * a workflow not found for a row younger than this never started, so starting it is safe.
 */
const NEVER_STARTED_WITHIN_MS = 24 * 60 * 60 * 1000;
/** Visibility is eventually consistent: each scan looks back this far before the previous one began. */
const VISIBILITY_LAG_MS = 60_000;
const BATCH_SIZE = 100;

export interface Reconciler {
  /** Waits for the round in progress, so nothing writes once the database is closed. */
  stop(): Promise<void>;
}

/**
 * Keeps the read model in step with what Temporal did without Baton, every `intervalMs`:
 * instances whose run Temporal ended (terminated from its UI or CLI, timed out) become
 * `terminated` with their open tasks cancelled, and starts no request saw through are
 * finished. A round is one visibility query over recently closed runs and one indexed read of
 * unconfirmed starts, whatever the number of instances.
 */
export function startReconciler(context: EngineContext, intervalMs: number): Reconciler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let closedSince: Date | null = null;
  let failing = false;

  const reconcile = async () => {
    const began = Date.now();
    try {
      await endRunsClosedByTemporal(context, closedSince);
      closedSince = new Date(began - VISIBILITY_LAG_MS);
      await finishUnconfirmedStarts(context);
      if (failing) console.warn('baton: reconciling instances with Temporal works again');
      failing = false;
    } catch (error) {
      // Said once per outage, not once per round.
      if (!failing) {
        console.warn(`baton: reconciling instances with Temporal failed, retrying every round: ${errorMessage(error)}`);
      }
      failing = true;
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      round = reconcile().then(() => {
        if (!stopped) schedule();
      });
    }, intervalMs);
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}

/** Runs of this task queue that Temporal closed while Baton still thought them running. */
async function endRunsClosedByTemporal(context: EngineContext, closedSince: Date | null): Promise<void> {
  const conditions = [
    `TaskQueue = ${JSON.stringify(context.taskQueue)}`,
    `${instanceStatusAttribute.name} = "running"`,
    '(ExecutionStatus = "Terminated" OR ExecutionStatus = "TimedOut" OR ExecutionStatus = "Failed")',
    // The first round after a start looks back as far as Temporal keeps runs: it catches up on downtime.
    ...(closedSince === null ? [] : [`CloseTime >= "${closedSince.toISOString()}"`]),
  ];
  let batch: EndedInstance[] = [];
  for await (const run of context.temporal.workflow.list({ query: conditions.join(' AND '), pageSize: BATCH_SIZE })) {
    if (!isUuid(run.workflowId)) continue;
    // A run that failed wrote its own outcome unless that write was what failed.
    const status = run.status.name === 'FAILED' ? 'failed' : 'terminated';
    batch.push({ id: run.workflowId, status, completedAt: (run.closeTime ?? new Date()).toISOString() });
    if (batch.length === BATCH_SIZE) {
      await endInstances(context, batch);
      batch = [];
    }
  }
  await endInstances(context, batch);
}

/** Starts no request saw through: the API stopped mid-start, or Temporal was out past the request's deadline. */
async function finishUnconfirmedStarts(context: EngineContext): Promise<void> {
  const rows = await context.db
    .getRepository(Instance)
    .createQueryBuilder('i')
    .where('i.start_pending')
    .andWhere("i.status = 'running'")
    .andWhere('i.started_at < now() - make_interval(secs => :grace)', { grace: START_GRACE_MS / 1000 })
    .orderBy('i.started_at')
    .limit(BATCH_SIZE)
    .getMany();
  for (const row of rows) await finishStart(context, row);
}

/**
 * Its workflow is there: the start is confirmed. It is not, and the row is young enough that
 * it surely never started: it is started now, with the row's input, version and calendar, as
 * the request's 503 said it might be. Older, nothing tells whether it ran: it is marked failed.
 */
async function finishStart(context: EngineContext, row: InstanceRow): Promise<void> {
  if (!(await workflowExists(context, row.id))) {
    if (Date.now() - row.startedAt.getTime() >= NEVER_STARTED_WITHIN_MS) {
      await endInstances(context, [{ id: row.id, status: 'failed', completedAt: new Date().toISOString() }]);
      return;
    }
    const definition = await findDefinition(context.db, row.key, row.version);
    try {
      await context.temporal.workflow.start<typeof processWorkflow>(
        'processWorkflow',
        processWorkflowOptions(context, row, definition.plan, await requesterOf(context.db, row)),
      );
    } catch (error) {
      // A retry of its request started it meanwhile, and it has already ended.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  await context.db.getRepository(Instance).update({ id: row.id }, { startPending: false });
}

/** Only Temporal's own "not found" means there is no workflow; any other error says nothing. */
async function workflowExists(context: EngineContext, id: string): Promise<boolean> {
  try {
    await context.temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
      context.temporal.workflow.getHandle(id).describe(),
    );
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

interface EndedInstance {
  readonly id: string;
  readonly status: Extract<InstanceStatus, 'terminated' | 'failed'>;
  readonly completedAt: string;
}

/** Ends the instances still running and cancels their open tasks, in one statement; ended ones stay as they are. */
async function endInstances(context: EngineContext, instances: readonly EndedInstance[]): Promise<void> {
  if (instances.length === 0) return;
  await context.db.query(
    `WITH ended AS (
       UPDATE instances SET status = e.status, completed_at = e."completedAt", start_pending = false
       FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, status text, "completedAt" timestamptz)
       WHERE instances.id = e.id AND instances.status = 'running'
       RETURNING instances.id)
     UPDATE tasks SET status = 'cancelled' WHERE instance_id IN (SELECT id FROM ended) AND status = 'open'`,
    [JSON.stringify(instances)],
  );
}
