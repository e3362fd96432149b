import v8 from 'node:v8';
import { BroadcastChannel } from 'node:worker_threads';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { openDatabase } from '../../db/data-source';
import { installWorkerLogging } from '../../worker';
import { FULL_COLLECTIONS, THREAD_HEAP_CHANNEL, type ThreadHeap, type ThreadHeapMessage } from './parked-thread-heap';

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
  /** The SDK's sandbox options, when not its defaults (one reused V8 context, one workflow thread). */
  readonly reuseV8Context?: boolean;
  readonly workflowThreadPoolSize?: number;
}

export type ParkedWorkerReport =
  | { readonly type: 'ready'; readonly maxCachedWorkflows: number; readonly heapLimitMiB: number }
  | { readonly type: 'failed'; readonly message: string }
  /** After the collections: the V8 heap in use of the main thread and of each worker thread (workflow threads). */
  | { readonly type: 'collected'; readonly mainHeapUsedMiB: number; readonly threads: readonly ThreadHeap[] };

/** `collectGarbage` runs full GCs of the main thread and of every worker thread (the worker runs with `--expose-gc`). */
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
  const { reuseV8Context, workflowThreadPoolSize } = record;
  if (reuseV8Context !== undefined && typeof reuseV8Context !== 'boolean') {
    throw new Error('parked-worker: bad reuseV8Context');
  }
  if (workflowThreadPoolSize !== undefined && typeof workflowThreadPoolSize !== 'number') {
    throw new Error('parked-worker: bad workflowThreadPoolSize');
  }
  return {
    temporalAddress: text('temporalAddress'),
    databaseUrl: text('databaseUrl'),
    taskQueue: text('taskQueue'),
    workflowCodePath: text('workflowCodePath'),
    maxCachedWorkflows: cache,
    ...(reuseV8Context === undefined ? {} : { reuseV8Context }),
    ...(workflowThreadPoolSize === undefined ? {} : { workflowThreadPoolSize }),
  };
}

function send(report: ParkedWorkerReport): void {
  process.send?.(report);
}

/** Until no thread has answered for this long: a thread's collections take a few seconds at most. */
const THREAD_QUIET_MS = 3_000;

/** Asks every worker thread (see parked-thread-heap) to collect its garbage; answers their heaps. */
function collectThreadGarbage(): Promise<ThreadHeap[]> {
  const channel = new BroadcastChannel(THREAD_HEAP_CHANNEL);
  const heaps: ThreadHeap[] = [];
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout;
    const done = () => {
      channel.close();
      resolve(heaps);
    };
    channel.onmessage = (event: unknown) => {
      const message = (event as { data: ThreadHeapMessage }).data;
      if (message.type !== 'heap') return;
      heaps.push({ threadId: message.threadId, usedMiB: message.usedMiB, committedMiB: message.committedMiB });
      clearTimeout(timer);
      timer = setTimeout(done, THREAD_QUIET_MS);
    };
    const ask: ThreadHeapMessage = { type: 'collect' };
    channel.postMessage(ask);
    timer = setTimeout(done, 10 * THREAD_QUIET_MS);
  });
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
    ...(settings.reuseV8Context === undefined ? {} : { reuseV8Context: settings.reuseV8Context }),
    ...(settings.workflowThreadPoolSize === undefined
      ? {}
      : { workflowThreadPoolSize: settings.workflowThreadPoolSize }),
  });
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('message', (command: ParkedWorkerCommand) => {
    if (command.type === 'stop') stop();
    if (command.type === 'collectGarbage') {
      for (let i = 0; i < FULL_COLLECTIONS; i++) global.gc?.();
      const mainHeapUsedMiB = process.memoryUsage().heapUsed / 2 ** 20;
      void collectThreadGarbage().then((threads) => send({ type: 'collected', mainHeapUsedMiB, threads }));
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
