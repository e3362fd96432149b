import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningBaton, startBaton } from '../../cli/baton';
import { readConfig } from '../../infra/config';
import { findFreePort } from '../../infra/ports';
import { ApiClient } from '../support/api-client';
import { REPO_ROOT } from '../support/test-baton';

/** What `npm start` does with nothing configured: a dev server and a Postgres persisted under BATON_DATA_DIR. */
describe('npm start, stopped and started again', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-data-'));
  let running: RunningBaton | null = null;

  afterAll(async () => {
    await running?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the instances, tasks and admin token of the first run', async () => {
    fs.chmodSync(dataDir, 0o755);
    const env = {
      BATON_DATA_DIR: dataDir,
      PORT: String(await findFreePort()),
      BATON_TEMPORAL_PORT: String(await findFreePort()),
      BATON_POSTGRES_PORT: String(await findFreePort()),
    };
    const config = readConfig(env, REPO_ROOT);

    running = await startBaton(config, { ephemeral: false });
    const admin = new ApiClient(running.apiUrl).as(running.adminToken);
    const manager = admin.as((await admin.post('/users', { name: 'M', role: 'manager' })).body.token);
    const input = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'definitions/examples/employee-onboarding.json'), 'utf8'),
    );
    const started = await manager.post('/definitions/employee-onboarding/instances', { input });
    expect(started.status).toBe(201);
    const firstToken = running.adminToken;
    await running.stop();
    running = null;

    expect(fs.existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    running = await startBaton(config, { ephemeral: false });
    expect(running.adminToken).toBe(firstToken);
    expect(running.deployed.every((result) => !result.created)).toBe(true);
    const again = new ApiClient(running.apiUrl).as(running.adminToken);
    const status = await again.get(`/instances/${started.body.id}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'running', key: 'employee-onboarding', progress: { done: 0 } });
    const open = await again.get(`/tasks?instance=${started.body.id}&status=open`);
    expect(open.body.items.map((task: { stepId: string }) => task.stepId)).toEqual(['contract']);
  });
});
