import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type RunningBaton, startBaton } from '../../cli/baton';
import { type Environment, readConfig } from '../../infra/config';
import { createDatabaseIfMissing } from '../../infra/embedded-postgres';
import { ApiClient } from './api-client';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHIPPED_DEFINITIONS = path.join(REPO_ROOT, 'definitions');

export interface TestBaton {
  readonly baton: RunningBaton;
  readonly api: ApiClient;
  readonly admin: ApiClient;
  stop(): Promise<void>;
}

/**
 * A whole Baton (API + worker) on the run's Temporal and Postgres, with a database and a
 * task queue of its own, so test files never see each other's tasks.
 */
export async function startTestBaton(
  name: string,
  definitionsDir = SHIPPED_DEFINITIONS,
  env: Environment = {},
): Promise<TestBaton> {
  const databaseUrl = await testDatabaseUrl(`baton_test_${name}`);
  const config = readConfig(
    {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: databaseUrl,
      BATON_TASK_QUEUE: `test-${name}-${process.pid}`,
      BATON_DEFINITIONS_DIR: definitionsDir,
      ...env,
    },
    REPO_ROOT,
  );
  const baton = await startBaton(config, { ephemeral: true });
  const api = new ApiClient(baton.apiUrl);
  return { baton, api, admin: api.as(baton.adminToken), stop: () => baton.stop() };
}

/**
 * A definitions folder holding the shipped department registry and the given files
 * (process files, and data files under `data/`).
 */
export function definitionsFolder(files: Readonly<Record<string, string>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-definitions-'));
  fs.copyFileSync(path.join(SHIPPED_DEFINITIONS, 'departments.yaml'), path.join(dir, 'departments.yaml'));
  for (const [name, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), source);
  }
  return dir;
}

/**
 * A database of its own on the run's Postgres (`<prefix>_<pid>`), created if missing; the
 * shared one when the run was given a `DATABASE_URL` it cannot create databases beside.
 */
export async function testDatabaseUrl(prefix: string): Promise<string> {
  const database = `${prefix.replaceAll('-', '_')}_${process.pid}`;
  const adminUrl = inject('postgresAdminUrl');
  const baseUrl = inject('databaseUrl');
  if (!adminUrl) return baseUrl;
  await createDatabaseIfMissing(adminUrl, database);
  return replaceDatabase(baseUrl, database);
}

function replaceDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
