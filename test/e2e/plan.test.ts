import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { shippedExample } from '../support/shipped';
import { startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/** The action plan of a deployed process over HTTP: nothing is started. */
describe('POST /definitions/:key/plan', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let staff: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('plan');
    manager = await userClient(t.admin, 'manager');
    staff = await userClient(t.admin, 'staff', 'hr');
  });

  afterAll(() => t?.stop());

  it('plans the site opening, each hire onboarded by the deployed employee-onboarding', async () => {
    const response = await manager.post('/definitions/site-opening/plan', {
      input: shippedExample('site-opening'),
      start: '2027-01-04',
      budget: 150_000,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      key: 'site-opening',
      start: '2027-01-04T09:00:00+01:00',
      expectedFinish: '2027-04-16T18:00:00+02:00',
      costs: { total: 153_575, budget: 150_000, remaining: -3_575, overBudget: true },
    });
    expect(response.body.criticalPath.slice(0, 3)).toEqual(['lease', 'building-permit', 'fit-out']);
    const onboarding = response.body.steps.find((step: { id: string }) => step.id === 'onboard-staff');
    expect(onboarding.items[0]).toMatchObject({ basis: 'sub-process', subProcess: { key: 'employee-onboarding' } });
    const instances = await manager.get('/instances');
    expect(instances.body.items).toEqual([]);
  });

  it('answers 422 naming the fields of an input that does not match the start form', async () => {
    const response = await manager.post('/definitions/site-opening/plan', { input: { siteName: 'Lyon' } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual({ field: '/siteCode', message: 'is required' });
  });

  it('answers 422 on a calendar the process cannot count in and on a start that is no date', async () => {
    const input = shippedExample('site-opening');
    // The site opening names fr-business: it carries no other calendar.
    const calendar = await manager.post('/definitions/site-opening/plan', { input, calendar: 'us-business' });
    expect(calendar.status).toBe(422);
    expect(calendar.body.errors[0].field).toBe('/calendar');
    const start = await manager.post('/definitions/site-opening/plan', { input, start: 'next monday' });
    expect(start.status).toBe(422);
    expect(start.body.errors[0].field).toBe('/start');
  });

  it('answers 404 for an unknown key and 403 to staff', async () => {
    expect((await manager.post('/definitions/no-such-process/plan', { input: {} })).status).toBe(404);
    const refused = await staff.post('/definitions/site-opening/plan', { input: shippedExample('site-opening') });
    expect(refused.status).toBe(403);
  });
});
