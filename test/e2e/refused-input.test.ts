import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

const ERRAND = `
process: errand
title: Run an errand
owner: operations
input:
  type: object
  required: [what]
  properties:
    what: { type: string }
tasks:
  - id: fetch
    title: "Fetch {{ input.what }}"
    department: logistics
    due: 1s
    form:
      type: object
      properties:
        note: { type: string }
`;

const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';

/** A cursor as the API encodes them, around whatever a forger put inside. */
function forgedCursor(sort: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, id])).toString('base64url');
}

function nested(levels: number): object {
  let value: object = {};
  for (let level = 1; level < levels; level++) value = { deeper: value };
  return value;
}

describe('what a user sends that Baton cannot store or does not understand', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let logistics: ApiClient;
  let instanceId: string;
  let taskId: string;

  beforeAll(async () => {
    t = await startTestBaton('refused-input', definitionsFolder({ 'errand.yaml': ERRAND }));
    manager = await userClient(t.admin, 'manager');
    logistics = await userClient(t.admin, 'staff', 'logistics');
    const started = await manager.post('/definitions/errand/instances', { input: { what: 'paint' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    taskId = `${instanceId}.fetch`;
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a task output holding NUL or a lone surrogate with 422 naming the field, and the task stays open', async () => {
    for (const note of [`wet${NUL}paint`, `half ${LONE_SURROGATE} a pair`]) {
      const refused = await logistics.post(`/tasks/${taskId}/complete`, { output: { note } });
      expect(refused.status).toBe(422);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body.code).toBe('validation-failed');
      expect(refused.body.errors).toEqual([{ field: '/output/note', message: expect.stringContaining('Postgres') }]);
    }
    expect((await logistics.get(`/tasks/${taskId}`)).body.status).toBe('open');
  });

  it('refuses a start input or a new input holding NUL or a lone surrogate, in a value or a key', async () => {
    const inValue = await manager.post('/definitions/errand/instances', { input: { what: `pa${NUL}int` } });
    expect(inValue.status).toBe(422);
    expect(inValue.body.errors).toEqual([{ field: '/input/what', message: expect.stringContaining('U+0000') }]);

    const inKey = await manager.post('/definitions/errand/instances', {
      input: { what: 'paint', [`bad${LONE_SURROGATE}`]: 1 },
    });
    expect(inKey.status).toBe(422);
    expect(inKey.body.errors).toEqual([
      { field: `/input/bad${LONE_SURROGATE}`, message: expect.stringContaining('has a name that holds a lone') },
    ]);

    const patched = await manager.patch(`/instances/${instanceId}/input`, { input: { what: [`x${NUL}`] } });
    expect(patched.status).toBe(422);
    expect(patched.body.errors).toEqual([{ field: '/input/what/0', message: expect.stringContaining('U+0000') }]);
  });

  it('refuses a body nested deeper than 64 levels, however deep, and keeps answering', async () => {
    const justDeepEnough = await manager.post('/definitions/errand/plan', { input: { what: 'paint', x: nested(62) } });
    expect(justDeepEnough.status).toBe(200);

    const tooDeep = await manager.post('/definitions/errand/instances', { input: { what: 'paint', x: nested(63) } });
    expect(tooDeep.status).toBe(422);
    expect(tooDeep.body.errors).toEqual([
      { field: `/input/x${'/deeper'.repeat(62)}`, message: expect.stringContaining('deeper than 64 levels') },
    ]);

    // Built as text: JSON.stringify itself would overflow the test's stack.
    const levels = 150_000;
    const abyss = `{"output":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;
    const refused = await logistics.request('POST', `/tasks/${taskId}/complete`, abyss, 'application/json');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toHaveLength(1);
    expect((await t.api.get('/healthz')).status).toBe(200);
  });

  it('answers 400 naming the cursor for a cursor that is not one the API wrote', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const forgeries = [
      forgedCursor('0', id),
      forgedCursor('2020-02-30T00:00:00.000Z', id),
      forgedCursor('+275760-09-13T00:00:00.000Z', id),
      forgedCursor('0000-01-01T00:00:00.000Z', id),
      forgedCursor('2020-01-01', id),
      forgedCursor('2020-01-01T00:00:00.000Z', `${id}${NUL}`),
    ];
    for (const list of ['/tasks', '/instances', '/notifications']) {
      for (const cursor of forgeries) {
        const page = await manager.get(`${list}?cursor=${cursor}`);
        expect(page.status, `${list} with ${Buffer.from(cursor, 'base64url').toString()}`).toBe(400);
        expect(page.body).toMatchObject({ code: 'invalid-request', detail: expect.stringContaining('cursor') });
      }
    }
  });

  it('answers 400 naming the parameter for NUL in a path or query value', async () => {
    const cases: [ApiClient, string, string, string][] = [
      [logistics, 'GET', '/tasks/a%00b', 'path parameter id'],
      [logistics, 'POST', '/tasks/a%00b/complete', 'path parameter id'],
      [manager, 'GET', '/definitions/errand%00', 'path parameter key'],
      [t.admin, 'PUT', '/departments/x%00y', 'path parameter id'],
      [manager, 'GET', '/instances?key=errand%00', 'query parameter key'],
      [manager, 'GET', '/tasks?department=logistics%00', 'query parameter department'],
      [manager, 'GET', '/reports/costs?key=%00', 'query parameter key'],
    ];
    for (const [client, method, path, named] of cases) {
      const body = method === 'GET' ? undefined : JSON.stringify(method === 'PUT' ? { name: 'X' } : { output: {} });
      const answer = await client.request(method, path, body, body && 'application/json');
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.body.detail).toContain(`${named} holds U+0000`);
    }
  });

  it('refuses query parameters a route does not declare, naming them', async () => {
    const mine = await logistics.get('/tasks?claimedBy=me');
    expect(mine.status).toBe(400);
    expect(mine.body).toMatchObject({ code: 'invalid-request', detail: expect.stringContaining('claimedBy') });
    expect(mine.body.detail).toContain('department, status, overdue, instance, assignee, limit, cursor');

    for (const path of [
      `/tasks/${taskId}`,
      '/instances?state=running',
      `/instances/${instanceId}`,
      '/definitions?all=true',
      '/notifications?type=overdue',
      '/reports/departments?since=2026-01-01',
      '/departments?x=1',
      '/healthz?verbose=1',
    ]) {
      const separator = path.includes('?') ? '&' : '?';
      const answer = await manager.get(`${path}${separator}unexpected=1`);
      expect(answer.status, path).toBe(400);
      expect(answer.body.detail).toContain('unexpected');
    }
    const started = await manager.post('/definitions/errand/instances?dryRun=true', { input: { what: 'paint' } });
    expect(started.status).toBe(400);
    expect(started.body.detail).toContain('dryRun');
    expect((await manager.get(`/tasks?instance=${instanceId}&limit=5`)).status).toBe(200);
  });

  it('lists only open tasks as overdue: a cancelled instance takes its overdue tasks out of the list', async () => {
    const started = await manager.post('/definitions/errand/instances', { input: { what: 'glue' } });
    const overdueTask = `${started.body.id}.fetch`;
    const overdueIds = async () =>
      (await manager.get(`/tasks?overdue=true&instance=${started.body.id}`)).body.items.map(
        (task: { id: string }) => task.id,
      );
    await eventually(async () => (await overdueIds()).includes(overdueTask), 'the task to become overdue');

    expect((await manager.post(`/instances/${started.body.id}/cancel`)).status).toBe(200);
    expect((await logistics.get(`/tasks/${overdueTask}`)).body).toMatchObject({ status: 'cancelled', overdue: true });
    expect(await overdueIds()).toEqual([]);
    const notOverdue = await manager.get(`/tasks?overdue=false&instance=${started.body.id}`);
    expect(notOverdue.body.items.map((task: { id: string }) => task.id)).toEqual([overdueTask]);
  });

  it('tells browsers not to sniff or cache any answer, a token least of all', async () => {
    const answer = (path: string, token: string | null, init: RequestInit = {}) =>
      fetch(`${t.baton.apiUrl}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    const answers = [
      await answer('/healthz', null),
      await answer('/tasks', null),
      await answer('/no-such-route', t.baton.adminToken),
      await answer('/tasks?limit=zero', t.baton.adminToken),
      await answer('/tasks', t.baton.adminToken),
      await answer('/users', t.baton.adminToken, {
        method: 'POST',
        body: JSON.stringify({ name: 'Zoe', role: 'manager' }),
      }),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 401, 404, 400, 200, 201]);
    for (const response of answers) {
      expect(response.headers.get('x-content-type-options'), response.url).toBe('nosniff');
      expect(response.headers.get('cache-control'), response.url).toBe('no-store');
    }
  });
});
