import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { definitionsFolder, REPO_ROOT } from './test-baton';
import { eventually } from './wait';

export interface ApiProcess {
  readonly child: ChildProcess;
  /** What it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with its exit code once it has exited. */
  exited(): Promise<number | null>;
}

/**
 * `npm run api` as production runs it: a process of its own on the run's Temporal, on the given
 * database (another replica of a test's Baton, or one of its own), listening on 127.0.0.1:`port`.
 */
export async function startApiProcess(options: {
  readonly port: number;
  readonly databaseUrl: string;
  readonly adminToken: string;
  readonly taskQueue: string;
  readonly definitionsDir?: string;
  /** More of its environment (`BATON_SHUTDOWN_DELAY`...). */
  readonly env?: Readonly<Record<string, string>>;
}): Promise<ApiProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'api', 'server.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: options.databaseUrl,
      BATON_ADMIN_TOKEN: options.adminToken,
      BATON_HOST: '127.0.0.1',
      PORT: String(options.port),
      BATON_DEFINITIONS_DIR: options.definitionsDir ?? definitionsFolder({}),
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
  await eventually(async () => output.includes('listening on') || child.exitCode !== null, 'the API to listen', 60_000);
  if (child.exitCode !== null) throw new Error(`the API process exited:\n${output}`);
  return {
    child,
    output: () => output,
    exited: () =>
      child.exitCode !== null
        ? Promise.resolve(child.exitCode)
        : new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
}
