import { randomUUID } from 'node:crypto';
import { type Client, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import type { CompiledProcess } from '../../plan/types';
import { processWorkflow } from '../../workflows';
import {
  completeTaskUpdate as batonCompleteTask,
  firstTasksOpenedUpdate as batonFirstTasksOpened,
  CURRENT_RUNTIME,
  type ProcessWorkflowInput,
} from '../../workflows/messages';
import { processKeyAttribute, processVersionAttribute } from '../../workflows/search-attributes';
import {
  completeTaskUpdate as handwrittenCompleteTask,
  firstTasksOpenedUpdate as handwrittenFirstTasksOpened,
  handwrittenProcessWorkflow,
  PROCESS_STEPS,
} from '../handwritten/workflows';
import { openSteps, PROCESS_KEY } from './interpreter-process';
import { TASK_QUEUES, type WorkerProcess } from './interpreter-worker';
import { cpuBetween, type Program, programCpuSeconds } from './program-cpu';

export type Side = keyof typeof TASK_QUEUES;

export interface DriverContext {
  readonly client: Client;
  readonly db: DataSource;
  readonly plan: CompiledProcess;
  readonly workers: WorkerProcess;
  readonly log: (line: string) => void;
}

export interface RoundResult {
  readonly side: Side;
  readonly instanceIds: readonly string[];
  readonly seconds: number;
  readonly workerCpuSeconds: number;
  /** The Temporal server's and Postgres's CPU over the round: the rest of what a process costs the machine. */
  readonly programCpuSeconds: Record<Program, number>;
  /** The driver's own CPU (the Temporal client starting and updating workflows). */
  readonly driverCpuSeconds: number;
  /** Update-with-start round-trips: until the first tasks are open. */
  readonly startMs: readonly number[];
  readonly completeTaskMs: readonly number[];
}

const SITE = 'LYO-012';
const OUTPUT = { reference: 'REF-1' };

/**
 * One round: `instances` processes of one side, `concurrency` of them in flight, each started
 * with update-with-start and then completed task by task through the `completeTask` Update as
 * staff would (the first open task in step order, one at a time), until the workflow returns.
 */
export async function runRound(
  context: DriverContext,
  side: Side,
  instances: number,
  concurrency: number,
): Promise<RoundResult> {
  const instanceIds = Array.from({ length: instances }, () => randomUUID());
  // The rows the activities' foreign keys need, as `startInstance` writes them, before the clock starts.
  await context.db.query(
    `INSERT INTO instances (id, definition_key, definition_version, status, input, started_at, started_by)
     SELECT id, $2, 1, 'running', $3, now(), 'bench' FROM unnest($1::uuid[]) AS id`,
    [instanceIds, PROCESS_KEY, JSON.stringify({ site: SITE })],
  );
  const startMs: number[] = [];
  const completeTaskMs: number[] = [];
  let next = 0;
  let finished = 0;
  const completions = { count: 0 };
  const cpuBefore = await context.workers.cpuSeconds();
  const programsBefore = programCpuSeconds();
  const driverBefore = process.cpuUsage();
  const began = performance.now();
  const progress = setInterval(() => {
    const tasks = instances * PROCESS_STEPS.length;
    context.log(`    ${side}: ${completions.count}/${tasks} tasks completed, ${finished}/${instances} processes done`);
  }, 5_000);
  const lane = async () => {
    for (let index = next++; index < instances; index = next++) {
      const instanceId = instanceIds[index] ?? '';
      await runInstance(context, side, instanceId, startMs, completeTaskMs, completions);
      finished++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, instances) }, lane));
  } finally {
    clearInterval(progress);
  }
  const seconds = (performance.now() - began) / 1000;
  const workerCpuSeconds = (await context.workers.cpuSeconds()) - cpuBefore;
  const programs = cpuBetween(programsBefore, programCpuSeconds());
  const driver = process.cpuUsage(driverBefore);
  const driverCpuSeconds = (driver.user + driver.system) / 1e6;
  await checkReadModel(context.db, instanceIds);
  return {
    side,
    instanceIds,
    seconds,
    workerCpuSeconds,
    programCpuSeconds: programs,
    driverCpuSeconds,
    startMs,
    completeTaskMs,
  };
}

async function runInstance(
  context: DriverContext,
  side: Side,
  instanceId: string,
  startMs: number[],
  completeTaskMs: number[],
  completions: { count: number },
): Promise<void> {
  const { workflow } = context.client;
  let began = performance.now();
  let handle: WorkflowHandle;
  if (side === 'candidate') {
    const input: ProcessWorkflowInput = {
      instanceId,
      key: PROCESS_KEY,
      version: 1,
      plan: context.plan,
      input: { site: SITE },
      runtime: CURRENT_RUNTIME,
    };
    // As `startInstance` (engine/instances.ts) does it.
    const start = new WithStartWorkflowOperation(processWorkflow, {
      workflowId: instanceId,
      workflowIdConflictPolicy: 'FAIL',
      taskQueue: TASK_QUEUES.candidate,
      args: [input],
      typedSearchAttributes: [
        { key: processKeyAttribute, value: PROCESS_KEY },
        { key: processVersionAttribute, value: 1 },
      ],
    });
    await workflow.executeUpdateWithStart(batonFirstTasksOpened, { startWorkflowOperation: start });
    handle = await start.workflowHandle();
  } else {
    const start = new WithStartWorkflowOperation(handwrittenProcessWorkflow, {
      workflowId: instanceId,
      workflowIdConflictPolicy: 'FAIL',
      taskQueue: TASK_QUEUES.baseline,
      args: [{ instanceId, site: SITE }],
    });
    await workflow.executeUpdateWithStart(handwrittenFirstTasksOpened, { startWorkflowOperation: start });
    handle = await start.workflowHandle();
  }
  startMs.push(performance.now() - began);

  const completed = new Set<string>();
  while (completed.size < PROCESS_STEPS.length) {
    const [stepId] = openSteps(completed);
    if (!stepId) throw new Error(`instance ${instanceId}: no open task left, yet the process is not done`);
    const request = { taskId: `${instanceId}.${stepId}`, output: OUTPUT, completedBy: 'bench-staff' };
    began = performance.now();
    if (side === 'candidate') await handle.executeUpdate(batonCompleteTask, { args: [request] });
    else await handle.executeUpdate(handwrittenCompleteTask, { args: [request] });
    completeTaskMs.push(performance.now() - began);
    completed.add(stepId);
    completions.count++;
  }
  await handle.result();
}

/** Both workflows must leave the same read model behind: every task done, the instance completed. */
async function checkReadModel(db: DataSource, instanceIds: readonly string[]): Promise<void> {
  const [row] = await db.query(
    `SELECT
       (SELECT count(*) FROM tasks WHERE instance_id = ANY($1::uuid[]) AND status = 'done')::int AS "doneTasks",
       (SELECT count(*) FROM instances WHERE id = ANY($1::uuid[]) AND status = 'completed')::int AS "completed"`,
    [instanceIds],
  );
  const expectedTasks = instanceIds.length * PROCESS_STEPS.length;
  if (row?.doneTasks !== expectedTasks || row?.completed !== instanceIds.length) {
    throw new Error(
      `read model after the round: ${row?.doneTasks}/${expectedTasks} tasks done, ${row?.completed}/${instanceIds.length} instances completed`,
    );
  }
}

export interface HistoryFigures {
  readonly events: readonly number[];
  readonly bytes: readonly number[];
}

/** History length and size of each instance (after the round, off the clock). */
export async function historyFigures(client: Client, instanceIds: readonly string[]): Promise<HistoryFigures> {
  const events: number[] = [];
  const bytes: number[] = [];
  for (const instanceId of instanceIds) {
    const description = await client.workflow.getHandle(instanceId).describe();
    events.push(description.historyLength);
    bytes.push(description.historySize ?? Number.NaN);
  }
  return { events, bytes };
}

/** Events of each type in one instance's history, and their encoded bytes: where the history comes from. */
export async function historyEventTypes(
  client: Client,
  instanceId: string,
): Promise<Record<string, { events: number; bytes: number }>> {
  const history = await client.workflow.getHandle(instanceId).fetchHistory();
  const types: Record<string, { events: number; bytes: number }> = {};
  for (const event of history.events ?? []) {
    const name = (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'UNKNOWN').replace(/^EVENT_TYPE_/, '');
    const type = types[name] ?? { events: 0, bytes: 0 };
    type.events++;
    type.bytes += temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
    types[name] = type;
  }
  return types;
}
