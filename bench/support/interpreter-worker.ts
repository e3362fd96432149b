import { type ChildProcess, fork } from 'node:child_process';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, type Worker } from '@temporalio/worker';
import { openDatabase } from '../../db/data-source';
import { createBatonWorker, installWorkerLogging, WORKFLOW_BUNDLER_OPTIONS } from '../../worker';

/**
 * The workers of the interpreter scenario, in a child process of their own so that their CPU is
 * measured apart from the driver's: Baton's worker (`createBatonWorker`, as shipped) on one task
 * queue for each workflow, one bundle holding both workflows, the same settings for both.
 */
export const TASK_QUEUES = {
  baseline: 'bench-interpreter-handwritten',
  candidate: 'bench-interpreter-baton',
} as const;

type ToChild = { readonly type: 'cpu' } | { readonly type: 'stop' };
type FromChild =
  | { readonly type: 'ready' }
  | { readonly type: 'cpu'; readonly seconds: number }
  | { readonly type: 'failed'; readonly message: string };

export interface WorkerProcess {
  readonly pid: number;
  /** User + system CPU the child has used since it started, in seconds (all its threads). */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export async function startWorkerProcess(temporalAddress: string, databaseUrl: string): Promise<WorkerProcess> {
  // fork keeps the parent's execArgv, hence tsx's loader.
  const child = fork(__filename, [temporalAddress, databaseUrl], { stdio: 'inherit', execArgv: workerExecArgv() });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await nextMessage(child, 'ready', 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    pid: child.pid ?? -1,
    async cpuSeconds() {
      const answer = nextMessage(child, 'cpu', 10_000);
      send(child, { type: 'cpu' });
      const message = await answer;
      return message.type === 'cpu' ? message.seconds : Number.NaN;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      send(child, { type: 'stop' });
      const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/**
 * With BENCH_PROFILE_DIR set, the worker writes a V8 CPU profile of each of its threads there
 * (the workflows run in worker threads) when it stops: open them in Chrome's DevTools.
 */
function workerExecArgv(): string[] {
  const directory = process.env.BENCH_PROFILE_DIR;
  if (!directory) return process.execArgv;
  return [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${directory}`];
}

function send(child: ChildProcess, message: ToChild): void {
  child.send(message);
}

function nextMessage(child: ChildProcess, type: FromChild['type'], timeoutMs: number): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: FromChild) => {
      if (message.type === 'failed') {
        cleanUp();
        reject(new Error(`the worker process failed: ${message.message}`));
      } else if (message.type === type) {
        cleanUp();
        resolve(message);
      }
    };
    const onExit = (code: number | null) => {
      cleanUp();
      reject(new Error(`the worker process exited (code ${code}) while the scenario waited for "${type}"`));
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`the worker process did not answer "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** In the child: both workers until the parent says stop. */
async function runWorkers(temporalAddress: string, databaseUrl: string): Promise<void> {
  const reply = (message: FromChild) => process.send?.(message);
  installWorkerLogging('WARN');
  const db = await openDatabase(databaseUrl);
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../handwritten/workflows'),
    logger: new DefaultLogger('WARN'),
    ...WORKFLOW_BUNDLER_OPTIONS,
  });
  const workers: Worker[] = [];
  for (const taskQueue of Object.values(TASK_QUEUES)) {
    workers.push(await createBatonWorker({ connection, namespace: 'default', taskQueue, db, workflowBundle }));
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of workers) worker.shutdown();
  };
  process.on('message', (message: ToChild) => {
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      reply({ type: 'cpu', seconds: (usage.user + usage.system) / 1e6 });
    } else {
      stop();
    }
  });
  // The scenario died without saying stop: do not outlive it.
  process.once('disconnect', stop);
  const running = Promise.all(workers.map((worker) => worker.run()));
  reply({ type: 'ready' });
  await running;
  await connection.close();
  await db.destroy();
  if (process.connected) process.disconnect();
}

if (require.main === module) {
  const [temporalAddress, databaseUrl] = process.argv.slice(2);
  if (!temporalAddress || !databaseUrl) throw new Error('usage: interpreter-worker <temporal address> <database url>');
  runWorkers(temporalAddress, databaseUrl).catch((error: unknown) => {
    process.send?.({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    console.error(error);
    process.exit(1);
  });
}
