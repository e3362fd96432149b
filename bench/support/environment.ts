import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { migrate, openDatabase } from '../../db/data-source';
import { type RunningPostgres, startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { findFreePort } from '../../infra/ports';
import { DEV_SERVER_SQLITE_PRAGMAS, startTemporalDevServer } from '../../infra/temporal-dev-server';

export const SQLITE_PRAGMAS = DEV_SERVER_SQLITE_PRAGMAS;

export interface BenchEnvironment {
  readonly temporalAddress: string;
  readonly databaseUrl: string;
  readonly postgresAdminUrl: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * One Temporal dev server persisted to a file (as `npm start` runs it, with the pragmas
 * above) and one Postgres, shared by baseline and candidate so both pay the same floor.
 */
export async function startBenchEnvironment(name: string): Promise<BenchEnvironment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `baton-bench-${name}-`));
  fs.chmodSync(dataDir, 0o755);
  const temporal = await startTemporalDevServer({
    cliPath: process.env.TEMPORAL_CLI_PATH ?? null,
    port: await findFreePort(),
    uiPort: null,
    dbFile: path.join(dataDir, 'temporal.db'),
    namespace: 'default',
    logFile: path.join(dataDir, 'temporal.log'),
  });
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'postgres'),
    port: await findFreePort(),
    database: 'baton',
  });
  return {
    temporalAddress: temporal.address,
    databaseUrl: postgres.url,
    postgresAdminUrl: postgres.adminUrl,
    dataDir,
    async stop() {
      await postgres.stop();
      await temporal.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated Baton database on a Postgres of its own, in a folder of its own, for the
 * benchmarks that need no Temporal; each stop is pushed onto `cleanups` (run in reverse).
 */
export async function startBenchDatabase(
  name: string,
  cleanups: Array<() => Promise<unknown>>,
): Promise<{ readonly postgres: RunningPostgres; readonly db: DataSource }> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `baton-bench-${name}-`));
  cleanups.push(async () => fs.rmSync(folder, { recursive: true, force: true }));
  fs.chmodSync(folder, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(folder, 'postgres'),
    port: await findFreePort(),
    database: 'baton',
  });
  cleanups.push(() => postgres.stop());
  const db = await openDatabase(postgres.url);
  cleanups.push(() => db.destroy());
  await migrate(db);
  return { postgres, db };
}
