import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type RunningPostgres, startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { isPortInUse } from '../../infra/ports';
import { stopService } from '../../infra/service-process';
import { stopIfBatonDies } from '../../infra/service-watchdog';
import { type RunningTemporal, startTemporalDevServer } from '../../infra/temporal-dev-server';

const REPO_ROOT = path.resolve(__dirname, '../..');
const READY_TIMEOUT_MS = 120_000;

/** A part of Baton's deployment the chaos scenario kills with SIGKILL and starts again on the same port and data. */
export interface KillableService {
  readonly name: 'worker' | 'api' | 'temporal' | 'postgres';
  /** Resolves once the service answers (or, for the worker, polls its task queue). */
  start(): Promise<void>;
  /** kill -9 of the service and all its processes; resolves once they are gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface BatonProcess extends KillableService {
  /** Exits nobody asked for (a crash), counted from the first start. */
  readonly unexpectedExits: number;
}

/** Temporal's dev server persisted to `dbFile`, so its workflows outlive a kill. */
export function temporalService(options: {
  port: number;
  dbFile: string;
  logFile: string;
}): KillableService & { readonly address: string } {
  let running: RunningTemporal | null = null;
  return {
    name: 'temporal',
    address: `127.0.0.1:${options.port}`,
    async start() {
      running = await startTemporalDevServer({
        cliPath: process.env.TEMPORAL_CLI_PATH ?? null,
        port: options.port,
        uiPort: null,
        dbFile: options.dbFile,
        namespace: 'default',
        logFile: options.logFile,
      });
    },
    async kill() {
      await killServer(running?.pid, options.port);
    },
    async stop() {
      await running?.stop();
    },
  };
}

/** The embedded Postgres on a data directory kept across kills: a restart runs crash recovery on it. */
export function postgresService(options: { port: number; dataDir: string }): KillableService & {
  readonly urls: () => RunningPostgres;
} {
  let running: RunningPostgres | null = null;
  return {
    name: 'postgres',
    urls() {
      if (!running) throw new Error('postgres has not been started');
      return running;
    },
    async start() {
      running = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port, database: 'baton' });
    },
    async kill() {
      await killServer(running?.pid, options.port);
    },
    async stop() {
      await running?.stop();
    },
  };
}

/**
 * `npm run worker` or `npm run api` as a child process of its own, with `env`. Once it is
 * ready, an exit the scenario did not cause is counted and the process started again, as a
 * restart policy would.
 */
export function batonProcess(options: {
  name: 'worker' | 'api';
  entry: string;
  env: Readonly<Record<string, string>>;
  logFile: string;
  /** What it prints once ready: worker.ts and api/server.ts each say so. */
  readyLine: string;
}): BatonProcess {
  let child: ChildProcess | null = null;
  let expectingExit = false;
  let starting = false;
  let unexpectedExits = 0;
  let logSizeAtSpawn = 0;
  const spawnChild = () => {
    logSizeAtSpawn = fs.existsSync(options.logFile) ? fs.statSync(options.logFile).size : 0;
    const log = fs.openSync(options.logFile, 'a');
    const spawned = spawn(process.execPath, ['--import', 'tsx', options.entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', log, log],
      detached: true,
    });
    fs.closeSync(log);
    stopIfBatonDies(spawned, 'SIGTERM');
    spawned.once('exit', (code, signal) => {
      // An exit before it is ready fails start() instead.
      if (expectingExit || starting) return;
      unexpectedExits++;
      console.error(`  ${options.name} exited by itself (${signal ?? `code ${code}`}); see ${options.logFile}`);
      setTimeout(() => {
        if (!expectingExit) child = spawnChild();
      }, 1_000);
    });
    return spawned;
  };
  return {
    name: options.name,
    get unexpectedExits() {
      return unexpectedExits;
    },
    async start() {
      expectingExit = false;
      starting = true;
      const spawned = spawnChild();
      child = spawned;
      try {
        await waitFor(`the ${options.name} to be ready; see ${options.logFile}`, async () => {
          if (spawned.exitCode !== null || spawned.signalCode !== null) {
            throw new Error(`the ${options.name} exited before it was ready; see ${options.logFile}`);
          }
          return fs.readFileSync(options.logFile).subarray(logSizeAtSpawn).toString('utf8').includes(options.readyLine);
        });
      } finally {
        starting = false;
      }
    },
    async kill() {
      expectingExit = true;
      const exited = child ? exitOf(child) : Promise.resolve();
      if (child?.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
    async stop() {
      expectingExit = true;
      if (child) await stopService(child, 'SIGTERM');
    },
  };
}

/**
 * The server and every process it forked, all at once, as when its machine or container dies.
 * Postgres's backends each lead a session of their own, so killing the postmaster's group
 * would leave them behind: the server is frozen first so it forks nothing more, then its
 * descendants are read from /proc and everyone is killed.
 */
async function killServer(pid: number | undefined, port: number): Promise<void> {
  if (pid === undefined) throw new Error('the service was never started');
  process.kill(pid, 'SIGSTOP');
  for (const each of [pid, ...descendantsOf(pid)]) process.kill(each, 'SIGKILL');
  await waitFor(`port ${port} to be released`, async () => !(await isPortInUse(port)));
}

function descendantsOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  const children = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
  return children.map(Number).flatMap((child) => [child, ...descendantsOf(child)]);
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function waitFor(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${READY_TIMEOUT_MS / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
