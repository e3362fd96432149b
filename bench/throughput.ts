import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { ApiClient } from '../test/support/api-client';
import { startBatonUnderTest } from './support/baton-under-test';
import { startBenchEnvironment } from './support/environment';
import { report, target } from './support/report';
import type { Scenario } from './support/scenario';
import { round } from './support/stats';

const DEPARTMENTS = ['logistics', 'it', 'maintenance', 'hr', 'finance'] as const;

/** Ten tasks over five departments: two fan-outs of four parallel tasks, each followed by a join. */
const STOCKTAKE = `
process: stocktake
title: Stocktake
owner: operations
input: { type: object }
tasks:
  - { id: plan, title: Plan, department: operations, due: 1d }
${DEPARTMENTS.slice(0, 4)
  .map(
    (department) => `  - { id: count-${department}, title: Count, department: ${department}, after: [plan], due: 1d }`,
  )
  .join('\n')}
  - { id: reconcile, title: Reconcile, department: finance, after: [${DEPARTMENTS.slice(0, 4)
    .map((department) => `count-${department}`)
    .join(', ')}], due: 1d }
${DEPARTMENTS.slice(0, 4)
  .map(
    (department) => `  - { id: fix-${department}, title: Fix, department: ${department}, after: [reconcile], due: 1d }`,
  )
  .join('\n')}
`;
const TASKS_PER_INSTANCE = 10;
const WORKFLOW_TASK_TIMED_OUT = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT;

interface Counters {
  completions: number;
  conflicts: number;
  errors: number;
}

/**
 * One member of staff: reads their inbox and completes what is in it, as fast as the API
 * answers. Staff of one department split the inbox by task id so they rarely collide.
 */
async function staffLoop(
  staff: ApiClient,
  member: number,
  colleagues: number,
  counters: Counters,
  until: () => boolean,
): Promise<void> {
  while (!until()) {
    const inbox = await staff.get('/tasks?status=open&limit=50');
    const mine = (inbox.body.items as { id: string }[]).filter((task) => hash(task.id) % colleagues === member);
    if (mine.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    for (const task of mine) {
      const completed = await staff.post(`/tasks/${task.id}/complete`, { output: {} });
      if (completed.status === 200) counters.completions++;
      else if (completed.status === 409) counters.conflicts++;
      else counters.errors++;
    }
  }
}

function hash(text: string): number {
  let value = 0;
  for (let index = 0; index < text.length; index++) value = (value * 31 + text.charCodeAt(index)) >>> 0;
  return value;
}

/** Workflow-task timeouts mean the worker could not keep up: the scenario requires none. */
async function countWorkflowTaskTimeouts(temporal: Client, ids: readonly string[]): Promise<number> {
  let timeouts = 0;
  for (const id of ids) {
    const history = await temporal.workflow.getHandle(id).fetchHistory();
    timeouts += (history.events ?? []).filter((event) => event.eventType === WORKFLOW_TASK_TIMED_OUT).length;
  }
  return timeouts;
}

export const throughputScenario: Scenario = {
  name: 'throughput',
  description: 'many instances in flight, staff completing tasks through the API as fast as it answers',
  async run({ smoke }) {
    const instances = smoke ? 6 : 400;
    const staffPerDepartment = smoke ? 1 : 3;
    const environment = await startBenchEnvironment('throughput');
    const under = await startBatonUnderTest(environment, { 'stocktake.yaml': STOCKTAKE });
    try {
      const manager = await under.user('manager');
      console.log(`starting ${instances} stocktakes...`);
      const startedAt = process.hrtime.bigint();
      const ids: string[] = [];
      for (let batch = 0; batch < instances; batch += 20) {
        const size = Math.min(20, instances - batch);
        const started = await Promise.all(
          Array.from({ length: size }, () => manager.post('/definitions/stocktake/instances', { input: {} })),
        );
        ids.push(...started.map((response) => response.body.id as string));
      }
      const startSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;

      const counters: Counters = { completions: 0, conflicts: 0, errors: 0 };
      const total = instances * TASKS_PER_INSTANCE;
      const done = () => counters.completions >= total || counters.errors > 0;
      const loops: Promise<void>[] = [];
      for (const department of ['operations', ...DEPARTMENTS]) {
        for (let member = 0; member < staffPerDepartment; member++) {
          const staff = await under.user('staff', department);
          loops.push(staffLoop(staff, member, staffPerDepartment, counters, done));
        }
      }
      console.log(`${loops.length} staff completing ${total} tasks...`);
      const progress = setInterval(() => console.log(`  ${counters.completions}/${total} completed`), 5_000);
      const measuredFrom = process.hrtime.bigint();
      await Promise.all(loops);
      clearInterval(progress);
      const seconds = Number(process.hrtime.bigint() - measuredFrom) / 1e9;

      const statuses = await manager.get(`/instances?key=stocktake&status=completed&limit=200`);
      console.log('reading every history for workflow task timeouts...');
      const timeouts = await countWorkflowTaskTimeouts(under.baton.context.temporal, ids);
      const figures = {
        instances,
        staff: loops.length,
        completions: counters.completions,
        conflicts409: counters.conflicts,
        errors: counters.errors,
        seconds: round(seconds),
        completionsPerSecond: round(counters.completions / seconds, 1),
        instanceStartsPerSecond: round(instances / startSeconds, 1),
        completedInstancesOnFirstPage: statuses.body.items.length,
        workflowTaskTimeouts: timeouts,
        startedIds: ids.length,
      };
      report(
        'throughput',
        figures,
        [
          target('task completions per second', figures.completionsPerSecond, '>=', 100),
          target('workflow task timeouts', timeouts, '<=', 0),
          target('failed completions', counters.errors, '<=', 0),
        ],
        smoke,
      );
    } finally {
      await under.stop();
      await environment.stop();
    }
  },
};
