import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

const QUICK_CHECK = `
process: quick-check
title: A quick safety check
owner: operations
input:
  type: object
  required: [site]
  properties:
    site: { type: string }
tasks:
  - id: inspect
    title: "Inspect {{ input.site }}"
    department: maintenance
    due: 2s
    cost: 100
  - id: report
    title: "Report on {{ input.site }}"
    department: operations
    after: [inspect]
    due: 1h
    cost: 20
`;

describe('a task whose due date passes', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let maintenance: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('deadlines', definitionsFolder({ 'quick-check.yaml': QUICK_CHECK }));
    manager = await userClient(t.admin, 'manager');
    maintenance = await userClient(t.admin, 'staff', 'maintenance');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('becomes overdue on its durable timer and writes one outbox row for its department', async () => {
    const started = await manager.post('/definitions/quick-check/instances', { input: { site: 'Lyon' } });
    expect(started.status).toBe(201);
    const instanceId = started.body.id;
    const taskId = `${instanceId}.inspect`;

    const before = await maintenance.get(`/tasks/${taskId}`);
    expect(before.body).toMatchObject({ title: 'Inspect Lyon', status: 'open', overdue: false });

    const overdueTask = await eventually(async () => {
      const task = await maintenance.get(`/tasks/${taskId}`);
      return task.body.overdue ? task.body : null;
    }, 'the inspect task to become overdue');
    expect(Date.parse(overdueTask.dueAt)).toBeLessThanOrEqual(Date.now());

    const overdueInbox = await maintenance.get('/tasks?overdue=true');
    expect(overdueInbox.body.items.map((task: { id: string }) => task.id)).toEqual([taskId]);

    const notifications = await manager.get(`/notifications?instance=${instanceId}&kind=overdue`);
    expect(notifications.status).toBe(200);
    expect(notifications.body.items).toHaveLength(1);
    expect(notifications.body.items[0]).toMatchObject({
      instanceId,
      taskId,
      kind: 'overdue',
      recipient: 'department:maintenance',
    });
    expect(notifications.body.items[0].message).toContain('Inspect Lyon');

    const status = await manager.get(`/instances/${instanceId}`);
    const inspect = status.body.steps.find((step: { stepId: string }) => step.stepId === 'inspect');
    expect(inspect).toMatchObject({ status: 'open', overdue: true });

    const completed = await maintenance.post(`/tasks/${taskId}/complete`, { output: {} });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'done', overdue: true, actualCost: 100 });
    const report = await manager.get(`/tasks/${instanceId}.report`);
    expect(report.body).toMatchObject({ status: 'open', overdue: false, title: 'Report on Lyon' });
    expect((await manager.get(`/notifications?instance=${instanceId}`)).body.items).toHaveLength(1);
    recordHistory(instanceId, 'quick-check-overdue');
  });

  it('does not fire for a task completed in time', async () => {
    const started = await manager.post('/definitions/quick-check/instances', { input: { site: 'Nantes' } });
    const instanceId = started.body.id;
    const completed = await maintenance.post(`/tasks/${instanceId}.inspect/complete`, { output: {} });
    expect(completed.body.overdue).toBe(false);
    // Past the 2 s due date: the cancelled timer must not have marked it.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const task = await maintenance.get(`/tasks/${instanceId}.inspect`);
    expect(task.body.overdue).toBe(false);
    expect((await manager.get(`/notifications?instance=${instanceId}`)).body.items).toEqual([]);
  });
});
