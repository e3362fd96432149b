import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

const HANDOVER = `
process: handover
title: Hand over the keys
owner: operations
input: { type: object }
tasks:
  - id: inventory
    title: Inventory
    department: logistics
    due: 1d
    cost: 10
  - id: keys
    title: Collect the keys
    department: security
    due: 1d
    cost: 5
  - id: sign-off
    title: Sign off
    department: operations
    after: [inventory, keys]
    due: 1d
    cost: 1
`;

describe('a worker stopped while an instance waits on people', () => {
  let t: TestBaton;
  let manager: ApiClient;
  const staff: Record<string, ApiClient> = {};

  beforeAll(async () => {
    t = await startTestBaton('worker-restart', definitionsFolder({ 'handover.yaml': HANDOVER }));
    manager = await userClient(t.admin, 'manager');
    for (const department of ['logistics', 'security', 'operations']) {
      staff[department] = await userClient(t.admin, 'staff', department);
    }
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('loses and duplicates nothing once it is back', async () => {
    const started = await manager.post('/definitions/handover/instances', { input: {} });
    const id = started.body.id;
    expect((await staff.logistics?.post(`/tasks/${id}.inventory/complete`, { output: {} }))?.status).toBe(200);

    await t.baton.stopWorker();
    // Inboxes are served from Postgres: they keep working without a worker.
    const inbox = await staff.security?.get('/tasks?status=open');
    expect(inbox?.body.items.map((task: { id: string }) => task.id)).toEqual([`${id}.keys`]);
    // The status is the workflow's own answer: without a worker, a clear 503 rather than a hang.
    const statusWithoutWorker = await manager.get(`/instances/${id}`);
    expect(statusWithoutWorker.status).toBe(503);
    expect(statusWithoutWorker.body.detail).toContain('is a Baton worker running?');
    await t.baton.startWorker();

    expect((await staff.security?.post(`/tasks/${id}.keys/complete`, { output: {} }))?.status).toBe(200);
    expect((await staff.operations?.post(`/tasks/${id}.sign-off/complete`, { output: {} }))?.status).toBe(200);

    const status = await manager.get(`/instances/${id}`);
    expect(status.body).toMatchObject({ status: 'completed', progress: { done: 3, total: 3 }, cost: { actual: 16 } });
    const tasks = await manager.get(`/tasks?instance=${id}`);
    expect(tasks.body.items.map((task: { stepId: string }) => task.stepId).sort()).toEqual([
      'inventory',
      'keys',
      'sign-off',
    ]);
    expect(tasks.body.items.every((task: { status: string }) => task.status === 'done')).toBe(true);
  });
});
