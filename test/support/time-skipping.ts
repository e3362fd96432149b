import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { deployYears, readCalendarFolder } from '../../calendars/calendar-folder';
import { type CompileOptions, compileProcess } from '../../compiler';
import { migrate, openDatabase } from '../../db/data-source';
import { seedDepartments } from '../../engine/departments';
import { findTemporalTestServer } from '../../infra/temporal-dev-server';
import type { InstanceView } from '../../plan/instance-view';
import type { CompiledProcess, JsonObject } from '../../plan/types';
import { createBatonWorker } from '../../worker';
import { CURRENT_RUNTIME, completeTaskUpdate, firstTasksOpenedUpdate } from '../../workflows/messages';
import { REPO_ROOT, SHIPPED_DEFINITIONS, testDatabaseUrl } from './test-baton';

/**
 * Temporal's time-skipping test server with Baton's worker and a database of its own: a
 * deadline days away fires as soon as the test sleeps past it (`env.sleep`).
 */
export interface TimeSkipping {
  readonly env: TestWorkflowEnvironment;
  readonly db: DataSource;
  /** Compiles a process file as a deploy would (shipped departments and calendars). */
  compile(source: string): CompiledProcess;
  /**
   * Starts an instance of the plan (its row first, as the API does); returns its id. With
   * `runtime` 1, as instances started before runtime 2 were.
   */
  start(plan: CompiledProcess, input: JsonObject, runtime?: 1): Promise<string>;
  status(instanceId: string): Promise<InstanceView>;
  /** Completes an open task as the API does, through the instance's `completeTask` Update. */
  complete(taskId: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startTimeSkipping(name: string): Promise<TimeSkipping> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: {
        type: 'existing-path',
        path: findTemporalTestServer(process.env.TEMPORAL_TEST_SERVER_PATH ?? null),
      },
    },
  });
  const db = await openDatabase(await testDatabaseUrl(`baton_time_${name}`));
  await migrate(db);
  await seedDepartments(db, path.join(SHIPPED_DEFINITIONS, 'departments.yaml'));
  const taskQueue = `time-${name}`;
  const worker: Worker = await createBatonWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    db,
  });
  const running = worker.run();
  const options: CompileOptions = {
    file: `${name}.yaml`,
    departments: (await db.query('SELECT id FROM departments')).map((row: { id: string }) => row.id),
    calendars: readShippedCalendars(),
  };
  return {
    env,
    db,
    compile(source) {
      const result = compileProcess(source, options);
      if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
      return result.plan;
    },
    async start(plan, input, runtime) {
      const instanceId = randomUUID();
      await db.query(
        `INSERT INTO definitions (key, version, checksum, title, owner, source, plan)
         VALUES ($1, 1, 'test', $2, $3, '', $4) ON CONFLICT DO NOTHING`,
        [plan.key, plan.title, plan.owner, JSON.stringify(plan)],
      );
      await db.query(
        `INSERT INTO instances (id, definition_key, definition_version, status, input, started_at)
         VALUES ($1, $2, 1, 'running', $3, now())`,
        [instanceId, plan.key, JSON.stringify(input)],
      );
      const handle = await env.client.workflow.start('processWorkflow', {
        workflowId: instanceId,
        taskQueue,
        args: [
          { instanceId, key: plan.key, version: 1, plan, input, ...(runtime ? {} : { runtime: CURRENT_RUNTIME }) },
        ],
      });
      // As a start through the API: its first tasks are open, so they can be completed at once.
      await handle.executeUpdate(firstTasksOpenedUpdate);
      return instanceId;
    },
    status(instanceId) {
      return env.client.workflow.getHandle(instanceId).query<InstanceView>('status');
    },
    async complete(taskId) {
      const instanceId = taskId.slice(0, taskId.indexOf('.'));
      await env.client.workflow
        .getHandle(instanceId)
        .executeUpdate(completeTaskUpdate, { args: [{ taskId, output: {}, completedBy: 'time-test' }] });
    },
    async stop() {
      worker.shutdown();
      await running;
      await db.destroy();
      await env.teardown();
    },
  };
}

function readShippedCalendars(): CompileOptions['calendars'] {
  return readCalendarFolder(path.join(REPO_ROOT, 'definitions', 'calendars'), deployYears(new Date())).calendars;
}
