import v8 from 'node:v8';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { openDatabase } from '../../db/data-source';
import { installWorkerLogging } from '../../worker';

/**
 * Child process of the `parked` scenario: Baton's worker alone (as `createBatonWorker` builds
 * it, plus an explicit workflow cache size), so that its RSS is its own. Forked with an IPC
 * channel; the parent sends `stop`, or disconnects when it dies.
 */

export interface ParkedWorkerSettings {
  readonly temporalAddress: string;
  readonly databaseUrl: string;
  readonly taskQueue: string;
  /** A bundle prebuilt by the parent, so webpack's garbage is not counted in the worker's RSS. */
  readonly workflowCodePath: string;
  /** null keeps the SDK's default (derived from the V8 heap limit). */
  readonly maxCachedWorkflows: number | null;
}

export type ParkedWorkerReport =
  | { readonly type: 'ready'; readonly maxCachedWorkflows: number; readonly heapLimitMiB: number }
  | { readonly type: 'failed'; readonly message: string }
  /** After the collection: the main thread's V8 heap in use (the workflow thread's is not visible from here). */
  | { readonly type: 'collected'; readonly mainHeapUsedMiB: number };

/** `collectGarbage` runs a memory-reducing GC of the main thread (the worker runs with `--expose-gc`). */
export type ParkedWorkerCommand = { readonly type: 'stop' } | { readonly type: 'collectGarbage' };

function readSettings(raw: string | undefined): ParkedWorkerSettings {
  const value: unknown = JSON.parse(raw ?? 'null');
  if (typeof value !== 'object' || value === null) throw new Error('parked-worker: expected settings as JSON');
  const record = value as Record<string, unknown>;
  const text = (name: string): string => {
    const field = record[name];
    if (typeof field !== 'string') throw new Error(`parked-worker: settings.${name} must be a string`);
    return field;
  };
  const cache = record.maxCachedWorkflows;
  if (cache !== null && typeof cache !== 'number') throw new Error('parked-worker: bad maxCachedWorkflows');
  return {
    temporalAddress: text('temporalAddress'),
    databaseUrl: text('databaseUrl'),
    taskQueue: text('taskQueue'),
    workflowCodePath: text('workflowCodePath'),
    maxCachedWorkflows: cache,
  };
}

function send(report: ParkedWorkerReport): void {
  process.send?.(report);
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv[2]);
  installWorkerLogging('WARN');
  const db = await openDatabase(settings.databaseUrl);
  const connection = await NativeConnection.connect({ address: settings.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: settings.taskQueue,
    workflowBundle: { codePath: settings.workflowCodePath },
    activities: createActivities({ db }),
    ...(settings.maxCachedWorkflows === null ? {} : { maxCachedWorkflows: settings.maxCachedWorkflows }),
  });
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('message', (command: ParkedWorkerCommand) => {
    if (command.type === 'stop') stop();
    if (command.type === 'collectGarbage') {
      // last-resort: V8's memory-reducing collection, which also hands freed pages back to the OS.
      global.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      send({ type: 'collected', mainHeapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20 });
    }
  });
  process.once('disconnect', stop);
  const running = worker.run();
  send({
    type: 'ready',
    maxCachedWorkflows: worker.options.maxCachedWorkflows,
    heapLimitMiB: Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20),
  });
  await running;
  await connection.close();
  await db.destroy();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    console.error(error);
    process.exit(1);
  },
);
