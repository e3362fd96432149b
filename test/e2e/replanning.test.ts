import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/** Everything hangs on the launch time: a check a few seconds before it, and a wait until it. */
const LAUNCH = `
process: launch
title: Launch a campaign
owner: operations
input:
  type: object
  required: [launchAt]
  properties:
    launchAt: { type: string, format: date-time }
tasks:
  - id: final-check
    title: Final check before the launch
    department: operations
    due: { before: input.launchAt, by: 2s }
  - id: brief
    title: Brief the team
    department: hr
    due: 1h
  - id: countdown
    type: wait
    until: input.launchAt
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('re-planning a running instance', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('replanning', definitionsFolder({ 'launch.yaml': LAUNCH }));
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('moves the anchored due date and the wait, cancels the old timers and tells the department', async () => {
    const launchAt = new Date(Date.now() + 6_000);
    const started = await manager.post('/definitions/launch/instances', {
      input: { launchAt: launchAt.toISOString() },
    });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const check = await t.admin.get(`/tasks/${id}.final-check`);
    expect(Date.parse(check.body.dueAt)).toBe(launchAt.getTime() - 2_000);
    const briefDue = (await t.admin.get(`/tasks/${id}.brief`)).body.dueAt;

    const later = new Date(launchAt.getTime() + 3_600_000);
    const changed = await manager.patch(`/instances/${id}/input`, { input: { launchAt: later.toISOString() } });
    expect(changed.status).toBe(200);
    expect(changed.body.input).toEqual({ launchAt: later.toISOString() });

    const moved = await t.admin.get(`/tasks/${id}.final-check`);
    expect(Date.parse(moved.body.dueAt)).toBe(later.getTime() - 2_000);
    expect((await t.admin.get(`/tasks/${id}.brief`)).body.dueAt).toBe(briefDue);
    const countdown = changed.body.steps.find((step: { stepId: string }) => step.stepId === 'countdown');
    expect(Date.parse(countdown.waitUntil)).toBe(later.getTime());

    const told = await manager.get(`/notifications?instance=${id}&kind=replanned`);
    expect(told.body.items).toHaveLength(1);
    expect(told.body.items[0]).toMatchObject({
      taskId: `${id}.final-check`,
      recipient: 'department:operations',
      subject: `"Final check before the launch" is now due ${new Date(later.getTime() - 2_000).toISOString()}`,
    });

    // Past the first dates: had the old timers fired, the task would be overdue and the wait over.
    await sleep(Math.max(launchAt.getTime() + 1_500 - Date.now(), 0));
    const after = await manager.get(`/instances/${id}`);
    expect(after.body.steps.map((step: { status: string; overdue: boolean }) => [step.status, step.overdue])).toEqual([
      ['open', false],
      ['open', false],
      ['open', false],
    ]);
    expect((await manager.get(`/notifications?instance=${id}&kind=overdue`)).body.items).toEqual([]);
  });

  it('refuses new data that does not match the start form, naming the field', async () => {
    const id = (
      await manager.post('/definitions/launch/instances', {
        input: { launchAt: new Date(Date.now() + 3_600_000).toISOString() },
      })
    ).body.id;
    const refused = await manager.patch(`/instances/${id}/input`, { input: { launchAt: 'next tuesday' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: '/launchAt', message: 'must match format "date-time"' }]);
  });
});
