import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningBaton, startBaton } from '../../cli/baton';
import { readConfig } from '../../infra/config';
import { ApiClient } from '../../test/support/api-client';
import type { BenchEnvironment } from './environment';

const REPO_ROOT = path.resolve(__dirname, '../..');

export interface BatonUnderTest {
  readonly baton: RunningBaton;
  readonly admin: ApiClient;
  /** A client acting as a new user of that role (and department, for staff). */
  user(role: 'owner' | 'manager' | 'staff', department?: string): Promise<ApiClient>;
  stop(): Promise<void>;
}

/** The whole of Baton (API + worker, as `npm start` runs it) on the benchmark's Temporal and Postgres. */
export async function startBatonUnderTest(
  environment: BenchEnvironment,
  processes: Readonly<Record<string, string>>,
): Promise<BatonUnderTest> {
  const definitionsDir = benchDefinitionsFolder(processes);
  const config = readConfig(
    {
      TEMPORAL_ADDRESS: environment.temporalAddress,
      DATABASE_URL: environment.databaseUrl,
      BATON_DEFINITIONS_DIR: definitionsDir,
      BATON_TASK_QUEUE: 'bench-baton',
    },
    REPO_ROOT,
  );
  const baton = await startBaton(config, { ephemeral: true });
  const admin = new ApiClient(baton.apiUrl).as(baton.adminToken);
  return {
    baton,
    admin,
    async user(role, department) {
      const created = await admin.post('/users', { name: `bench ${role} ${department ?? ''}`, role, department });
      if (created.status !== 201) throw new Error(`could not create a ${role}: ${JSON.stringify(created.body)}`);
      return admin.as(created.body.token);
    },
    async stop() {
      await baton.stop();
      fs.rmSync(definitionsDir, { recursive: true, force: true });
    },
  };
}

/** A temporary definitions folder: the shipped department registry and the given process files. */
export function benchDefinitionsFolder(processes: Readonly<Record<string, string>>): string {
  const definitionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-definitions-'));
  fs.copyFileSync(
    path.join(REPO_ROOT, 'definitions', 'departments.yaml'),
    path.join(definitionsDir, 'departments.yaml'),
  );
  for (const [name, source] of Object.entries(processes)) fs.writeFileSync(path.join(definitionsDir, name), source);
  return definitionsDir;
}
