import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startBatonUnderTest } from './support/baton-under-test';
import { startBenchEnvironment } from './support/environment';
import { cpuBetween, machineJiffies, programCpuSeconds, utilizationBetween } from './support/program-cpu';
import { report, target } from './support/report';
import { type Scenario, sizeFromEnvironment } from './support/scenario';
import { round } from './support/stats';
import type { StaffCounters, StaffLoad } from './support/throughput-staff';

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

/** Runs the staff in a worker thread and resolves with their counters once every task is done. */
function runStaff(load: StaffLoad, onProgress: (counters: StaffCounters) => void): Promise<StaffCounters> {
  return new Promise((resolve, reject) => {
    // Worker threads do not inherit tsx's loader: register it before loading the TypeScript file.
    const entry = path.join(__dirname, 'support', 'throughput-staff.ts');
    const thread = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, {
      eval: true,
      workerData: load,
    });
    thread.on('message', (message: { progress?: StaffCounters; done?: StaffCounters }) => {
      if (message.progress) onProgress(message.progress);
      if (message.done) {
        resolve(message.done);
        void thread.terminate();
      }
    });
    thread.once('error', reject);
  });
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
    const staffPerDepartment = smoke ? 1 : sizeFromEnvironment('BENCH_THROUGHPUT_STAFF', 3, 'staff per department');
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

      const total = instances * TASKS_PER_INSTANCE;
      const staff: { token: string; department: string }[] = [];
      for (const department of ['operations', ...DEPARTMENTS]) {
        for (let member = 0; member < staffPerDepartment; member++) {
          staff.push({ token: (await under.user('staff', department)).token ?? '', department });
        }
      }
      console.log(`${staff.length} staff (in a worker thread) completing ${total} tasks...`);
      const measuredFrom = process.hrtime.bigint();
      const machineBefore = machineJiffies();
      const programsBefore = programCpuSeconds();
      const batonBefore = process.cpuUsage();
      let lastPrinted = 0;
      const counters = await runStaff(
        { apiUrl: under.baton.apiUrl, staff, staffPerDepartment, totalTasks: total },
        (progress) => {
          if (Date.now() - lastPrinted < 5_000) return;
          lastPrinted = Date.now();
          console.log(`  ${progress.completions}/${total} completed`);
        },
      );
      const seconds = Number(process.hrtime.bigint() - measuredFrom) / 1e9;
      const utilization = utilizationBetween(machineBefore, machineJiffies());
      const programs = cpuBetween(programsBefore, programCpuSeconds());
      const baton = process.cpuUsage(batonBefore);
      const perCompletionMs = (cpuSeconds: number) => round((cpuSeconds / counters.completions) * 1000, 2);

      const statuses = await manager.get(`/instances?key=stocktake&status=completed&limit=200`);
      console.log('reading every history for workflow task timeouts...');
      const timeouts = await countWorkflowTaskTimeouts(under.baton.context.temporal, ids);
      const figures = {
        instances,
        staff: staff.length,
        completions: counters.completions,
        conflicts409: counters.conflicts,
        errors: counters.errors,
        seconds: round(seconds),
        completionsPerSecond: round(counters.completions / seconds, 1),
        instanceStartsPerSecond: round(instances / startSeconds, 1),
        completedInstancesOnFirstPage: statuses.body.items.length,
        workflowTaskTimeouts: timeouts,
        // What bounds the figure: a machine near 1 is saturated, and where its cores went.
        machineCpuUtilization: round(utilization),
        cpuMsPerCompletion: {
          batonProcess: perCompletionMs((baton.user + baton.system) / 1e6),
          temporalServer: perCompletionMs(programs.temporal),
          postgres: perCompletionMs(programs.postgres),
        },
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
