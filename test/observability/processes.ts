import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { REPO_ROOT } from '../support/test-baton';
import { eventually } from '../support/wait';

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** What it printed so far, stdout and stderr. */
  output(): string;
}

/** `npm run worker` as production runs it, on the run's Temporal, the given database and task queue. */
export async function startWorkerProcess(options: {
  readonly databaseUrl: string;
  readonly taskQueue: string;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<WorkerProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'worker.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: options.databaseUrl,
      BATON_TASK_QUEUE: options.taskQueue,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // Bundling the workflows takes a while on a busy machine.
  await eventually(
    async () => output.includes('polling task queue') || child.exitCode !== null,
    'the worker to poll',
    120_000,
  );
  if (child.exitCode !== null) throw new Error(`the worker process exited:\n${output}`);
  return { child, output: () => output };
}

/** Asks a process to stop (SIGTERM) and resolves with its exit code. */
export function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** Kills what a failed test left running. */
export function killIfRunning(child: ChildProcess | undefined): void {
  if (child && child.exitCode === null) child.kill('SIGKILL');
}

/** The JSON lines a process logged (one object per line). */
export function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
