import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

const ERRAND = `
process: errand
title: Run an errand
owner: operations
input:
  type: object
  required: [what]
  properties:
    what: { type: string, minLength: 2 }
    urgent: { type: boolean }
tasks:
  - id: fetch
    title: "Fetch {{ input.what }}"
    department: logistics
    due: 1d
`;

const BROKEN = `process: broken
title: Broken
owner: operations
input: { type: object }
tasks:
  - id: a
    title: A
    department: logistcs
    due: 1d
    after: [b]
  - id: b
    title: B
    department: logistics
    due: soon
    after: [a]
`;

describe('the REST API contract', () => {
  let t: TestBaton;
  let owner: ApiClient;
  let manager: ApiClient;
  let logistics: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('api-contract', definitionsFolder({ 'errand.yaml': ERRAND }));
    owner = await userClient(t.admin, 'owner');
    manager = await userClient(t.admin, 'manager');
    logistics = await userClient(t.admin, 'staff', 'logistics');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('reports health without a token when Postgres and Temporal answer', async () => {
    const health = await t.api.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', postgres: 'up', temporal: 'up' });
  });

  it('answers 401 without a token or with an unknown one, as problem+json', async () => {
    const anonymous = await t.api.get('/tasks');
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toContain('application/problem+json');
    expect(anonymous.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect((await t.api.as('baton_not-a-token').get('/tasks')).status).toBe(401);
  });

  it('answers 404 for unknown routes and 400 for malformed JSON, never 500', async () => {
    const unknown = await manager.get('/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    const malformed = await manager.request('POST', '/definitions/errand/instances', '{"input": ', 'application/json');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid-request');
    expect((await manager.get('/instances/not-a-uuid')).status).toBe(404);
    expect((await manager.get('/tasks?limit=zero')).status).toBe(400);
    expect((await manager.get('/tasks?status=finished')).status).toBe(400);
    expect((await manager.get('/tasks?cursor=garbage')).status).toBe(400);
  });

  it('answers 415 naming the Content-Type to use when a body is not JSON', async () => {
    const form = await manager.request(
      'POST',
      '/definitions/errand/instances',
      'input=1',
      'application/x-www-form-urlencoded',
    );
    expect(form.status).toBe(415);
    expect(form.body.detail).toContain('Content-Type: application/json');
  });

  it('says to wrap a bare start form under "input"', async () => {
    const bare = await manager.post('/definitions/errand/instances', { what: 'paint' });
    expect(bare.status).toBe(422);
    expect(bare.body.errors).toEqual([{ field: '/input', message: expect.stringContaining('{"input":') }]);
  });

  it('creates users with a token shown once, admin only, and checks their department', async () => {
    const created = await t.admin.post('/users', { name: 'Ana', role: 'staff', department: 'hr' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Ana', role: 'staff', department: 'hr' });
    expect(created.body.token).toMatch(/^baton_/);
    const listed = await t.admin.get('/users');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await manager.post('/users', { name: 'Eve', role: 'admin' })).status).toBe(403);
    const noDepartment = await t.admin.post('/users', { name: 'Bob', role: 'staff' });
    expect(noDepartment.status).toBe(422);
    expect(noDepartment.body.errors).toEqual([{ field: '/department', message: expect.stringContaining('required') }]);
    const wrongRole = await t.admin.post('/users', { name: 'Bob', role: 'boss' });
    expect(wrongRole.status).toBe(422);
  });

  it('lists departments and lets an admin rename or add one', async () => {
    const departments = await logistics.get('/departments');
    expect(departments.body.items).toContainEqual({ id: 'logistics', name: 'Logistics', email: null, lead: null });
    expect((await manager.put('/departments/logistics', { name: 'Supply chain' })).status).toBe(403);
    const renamed = await t.admin.put('/departments/logistics', { name: 'Supply chain' });
    expect(renamed).toMatchObject({ status: 200, body: { id: 'logistics', name: 'Supply chain' } });
    const added = await t.admin.put('/departments/purchasing', { name: 'Purchasing' });
    expect(added.status).toBe(201);
    expect((await t.admin.put('/departments/Bad Id', { name: 'x' })).status).toBe(422);
  });

  it('refuses an invalid definition with every error, its line and column, and stores nothing', async () => {
    const refused = await owner.postYaml('/definitions', BROKEN);
    expect(refused.status).toBe(422);
    const codes = refused.body.errors.map((error: { code: string; line: number; column: number }) => [
      error.code,
      error.line,
      error.column,
    ]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['unknown-department', 8, 17],
        ['invalid-due', 14, 10],
        ['dependency-cycle', 10, 13],
      ]),
    );
    for (const error of refused.body.errors) {
      expect(error.hint).toEqual(expect.any(String));
      expect(error.file).toBe('request.yaml');
    }
    const named = await owner.request('POST', '/definitions', BROKEN, 'application/yaml', {
      'x-baton-file': 'definitions/broken.yaml',
    });
    expect(named.body.errors[0].file).toBe('definitions/broken.yaml');
    expect((await owner.get('/definitions/broken')).status).toBe(404);

    const validated = await owner.postYaml('/definitions/validate', BROKEN);
    expect(validated.status).toBe(422);
    expect(validated.body.errors).toEqual(refused.body.errors);
    expect((await logistics.postYaml('/definitions', ERRAND)).status).toBe(403);
  });

  it('versions a changed definition and keeps running instances on their version', async () => {
    const first = await manager.post('/definitions/errand/instances', { input: { what: 'paint' } });
    expect(first.body.version).toBe(1);
    const changed = await owner.postYaml('/definitions', ERRAND.replace('Fetch {{', 'Go and fetch {{'));
    expect(changed.status).toBe(201);
    expect(changed.body.version).toBe(2);
    const second = await manager.post('/definitions/errand/instances', { input: { what: 'nails' } });
    expect(second.body.version).toBe(2);
    const pinned = await manager.post('/definitions/errand/instances', { input: { what: 'glue' }, version: 1 });
    expect(pinned.body.version).toBe(1);

    expect((await logistics.get(`/tasks/${first.body.id}.fetch`)).body.title).toBe('Fetch paint');
    expect((await logistics.get(`/tasks/${second.body.id}.fetch`)).body.title).toBe('Go and fetch nails');
    const definition = await owner.get('/definitions/errand');
    expect(definition.body.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    const list = await owner.get('/definitions');
    expect(list.body.items).toContainEqual(expect.objectContaining({ key: 'errand', version: 2 }));
  });

  it('validates the start input against the process input schema (422) and knows its keys (404)', async () => {
    const invalid = await manager.post('/definitions/errand/instances', { input: { what: 'x', urgent: 'yes' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        { field: '/what', message: 'must NOT have fewer than 2 characters' },
        { field: '/urgent', message: 'must be boolean' },
      ]),
    );
    expect((await manager.post('/definitions/nothing/instances', { input: {} })).status).toBe(404);
    expect((await manager.post('/definitions/errand/instances', { input: { what: 'ok' }, version: 9 })).status).toBe(
      404,
    );
    expect((await manager.post('/definitions/errand/instances', { input: 'ok' })).status).toBe(422);
    expect((await logistics.post('/definitions/errand/instances', { input: { what: 'ok' } })).status).toBe(403);
  });

  it('paginates an inbox by due date with an opaque cursor', async () => {
    for (const what of ['a1', 'a2', 'a3']) {
      await manager.post('/definitions/errand/instances', { input: { what } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await logistics.get(`/tasks?status=open&limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((task: { id: string; dueAt: string }) => `${task.dueAt}|${task.id}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('searches an inbox by title, whatever the case, with % and _ as plain characters, page by page', async () => {
    const whats = ['zq 100% wool', 'zq 100 wool', 'zq_tape', 'zqxtape', 'zq épée', 'zq a\\b'];
    const ids: Record<string, string> = {};
    for (const what of whats) {
      const started = await manager.post('/definitions/errand/instances', { input: { what } });
      expect(started.status).toBe(201);
      ids[what] = `${started.body.id}.fetch`;
    }
    const search = async (q: string, more = '') => {
      const page = await logistics.get(`/tasks?q=${encodeURIComponent(q)}${more}`);
      expect(page.status, q).toBe(200);
      return page.body.items.map((task: { id: string }) => task.id).sort();
    };
    const idsOf = (...names: string[]) => names.map((name) => ids[name]).sort();

    expect(await search('FETCH ZQ')).toEqual(idsOf(...whats));
    expect(await search('100%')).toEqual(idsOf('zq 100% wool'));
    expect(await search('zq_t')).toEqual(idsOf('zq_tape'));
    expect(await search('ZQ ÉPÉE')).toEqual(idsOf('zq épée'));
    expect(await search('a\\b')).toEqual(idsOf('zq a\\b'));
    expect(await search('zq', '&status=done')).toEqual([]);

    // With the other filters and the cursor: every match once, by due date.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await logistics.get(`/tasks?q=ZQ&status=open&limit=2${query}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((task: { id: string; dueAt: string }) => `${task.dueAt}|${task.id}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect([...seen].sort()).toEqual(seen);
    expect(seen.map((entry) => entry.split('|')[1]).sort()).toEqual(idsOf(...whats));

    expect((await logistics.get('/tasks?q=zq&department=hr')).status).toBe(403);
    expect((await logistics.get(`/tasks?q=${encodeURIComponent('é'.repeat(200))}`)).status).toBe(200);
    const tooLong = await logistics.get(`/tasks?q=${'a'.repeat(201)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.detail).toBe('query parameter q must be at most 200 characters');
  });
});
