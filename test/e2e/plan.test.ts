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

/** A process's YAML planned before it is deployed: compiled as a deploy compiles it, nothing stored. */
describe('POST /definitions/plan', () => {
  let t: TestBaton;
  let owner: ApiClient;
  let manager: ApiClient;

  // Its key is `plan`: a process may be called so, and its routes stay its own.
  const DRAFT = `
process: plan
title: Plan a move
owner: operations
budget: { amount: 500, currency: EUR }
input:
  type: object
  required: [site, moveDate]
  properties:
    site: { type: string }
    moveDate: { type: string, format: date }
tasks:
  - id: quote
    title: "Quote the move of {{ input.site }}"
    department: logistics
    due: 2d
    cost: 200
  - id: pack
    title: Pack
    department: logistics
    after: [quote]
    due: { before: input.moveDate, by: 1d }
    cost: 400
`;
  const input = { site: 'Lyon', moveDate: '2027-03-10' };

  beforeAll(async () => {
    t = await startTestBaton('plan-draft');
    owner = await userClient(t.admin, 'owner');
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(() => t?.stop());

  it('plans a draft exactly as the deployed version is planned, deploying nothing', async () => {
    const draft = await owner.post('/definitions/plan', { source: DRAFT, input, start: '2027-03-01', budget: 700 });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({
      key: 'plan',
      start: '2027-03-01T00:00:00+00:00',
      criticalPath: ['quote', 'pack'],
      costs: { total: 600, budget: 700, overBudget: false },
    });
    expect(draft.body.steps.map((step: { id: string }) => step.id)).toEqual(['quote', 'pack']);
    expect((await owner.get('/definitions/plan')).status).toBe(404);

    const deployed = await owner.postYaml('/definitions', DRAFT);
    expect(deployed.status).toBe(201);
    const planned = await owner.post('/definitions/plan/plan', { input, start: '2027-03-01', budget: 700 });
    expect(planned.status).toBe(200);
    expect(draft.body).toEqual(planned.body);
    // The draft route still takes drafts, the key's own routes still answer for it.
    expect((await owner.post('/definitions/plan', { source: DRAFT, input })).status).toBe(200);
    expect((await owner.get('/definitions/plan')).body).toMatchObject({ key: 'plan', version: 1 });
  });

  it('answers 422 definition-invalid with line and column when the draft does not compile', async () => {
    const broken = DRAFT.replace('department: logistics', 'department: nowhere');
    const response = await owner.request(
      'POST',
      '/definitions/plan',
      JSON.stringify({ source: broken, input }),
      'application/json',
      { 'x-baton-file': 'definitions/move.yaml' },
    );
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('definition-invalid');
    expect(response.body.errors[0]).toMatchObject({
      file: 'definitions/move.yaml',
      line: 15,
      column: 17,
    });
    const notYaml = await owner.post('/definitions/plan', { source: 'process: [', input });
    expect(notYaml.status).toBe(422);
    expect(notYaml.body.code).toBe('definition-invalid');
  });

  it('answers 422 for an input, a start or a calendar the draft cannot be planned with', async () => {
    const missing = await owner.post('/definitions/plan', { source: DRAFT, input: { site: 'Lyon' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ field: '/moveDate', message: 'is required' }]);
    const start = await owner.post('/definitions/plan', { source: DRAFT, input, start: 'soon' });
    expect(start.body.errors[0].field).toBe('/start');
    const calendar = await owner.post('/definitions/plan', { source: DRAFT, input, calendar: 'fr-business' });
    expect(calendar.body.errors[0].field).toBe('/calendar');
  });

  it('refuses unknown fields, a body without source, and callers who are not owners', async () => {
    const unknown = await owner.post('/definitions/plan', { source: DRAFT, input, version: 2 });
    expect(unknown.status).toBe(422);
    expect((await owner.post('/definitions/plan', { input })).status).toBe(422);
    expect((await owner.post('/definitions/plan?dry=1', { source: DRAFT, input })).status).toBe(400);
    expect((await manager.post('/definitions/plan', { source: DRAFT, input })).status).toBe(403);
  });

  it('reads its larger body only once the caller is known: an anonymous or non-owner body is never parsed', async () => {
    const broken = '{"source": "not JSON after all';
    const send = (token?: string) =>
      fetch(`${t.baton.apiUrl}/definitions/plan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: broken,
      });
    expect((await send()).status).toBe(401);
    expect((await send(manager.token ?? '')).status).toBe(403);
    expect((await send(owner.token ?? '')).status).toBe(400);
  });

  it('takes a source as large as POST /definitions takes, and no larger', async () => {
    const padded = (bytes: number) => `${DRAFT}# ${'x'.repeat(bytes - DRAFT.length - 3)}\n`;
    const large = await owner.post('/definitions/plan', { source: padded(2 * 1024 * 1024), input });
    expect(large.status).toBe(200);
    const tooLarge = await owner.post('/definitions/plan', { source: padded(2 * 1024 * 1024 + 1), input });
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body.errors[0].field).toBe('/source');
  });
});
