import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceTimeline } from '../../engine/timeline';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { eventually } from '../support/wait';

/** A shop fitted out for its opening: furniture due the day before, an inventory sync, a check. */
const FIT_OUT = `
process: fit-out
title: Fit out a shop
owner: operations
input:
  type: object
  required: [shop, openingAt]
  properties:
    shop: { type: string }
    openingAt: { type: string, format: date-time }
tasks:
  - id: furniture
    title: "Order furniture for {{ input.shop }}"
    department: logistics
    due: { before: input.openingAt, by: 1d }
  - id: inventory
    type: call
    method: POST
    url: "http://inventory.invalid/sync"
    after: [furniture]
  - id: check
    title: "Check {{ input.shop }}"
    department: operations
    after: [inventory]
    due: 1d
`;

interface Row {
  actor: { id: string; name: string; role: string };
  action: string;
  subject: { type: string; id: string };
  instanceId: string | null;
  taskId: string | null;
  before: unknown;
  after: unknown;
}

describe('the audit trail', () => {
  let t: TestBaton;
  let owner: { id: string; client: ApiClient };
  let manager: { id: string; client: ApiClient };
  let lina: { id: string; client: ApiClient };
  let leo: { id: string; client: ApiClient };
  let omar: { id: string; client: ApiClient };
  let since: string;
  let shop: string;
  let cancelled: string;
  let webhookId: string;
  let tom: string;
  let rotatedToken: string;
  const openingAt = '2030-06-01T09:00:00.000Z';
  const postponedTo = '2030-06-15T09:00:00.000Z';

  /** Every row written since the day began, oldest first, read page by page as a client would. */
  async function trail(query = ''): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await manager.client.get(
        `/audit?from=${since}&limit=7${query}${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(page.status).toBe(200);
      rows.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    return rows.reverse();
  }

  const brief = (row: Row) => [row.actor.name, row.action, row.subject.id];

  beforeAll(async () => {
    t = await startTestBaton('audit_trail', definitionsFolder({}));
    since = new Date().toISOString();
    owner = await person(t.admin, { name: 'Olga Owner', role: 'owner' });
    manager = await person(t.admin, { name: 'Max Manager', role: 'manager' });
    lina = await person(t.admin, { name: 'Lina', role: 'staff', department: 'logistics' });
    leo = await person(t.admin, { name: 'Léo', role: 'staff', department: 'logistics' });
    omar = await person(t.admin, { name: 'Omar', role: 'staff', department: 'operations' });

    // A scripted day of work.
    expect((await owner.client.postYaml('/definitions', FIT_OUT)).status).toBe(201);
    const started = await manager.client.post('/definitions/fit-out/instances', { input: { shop: 'Lyon', openingAt } });
    expect(started.status).toBe(201);
    shop = started.body.id;
    const furniture = `${shop}.furniture`;
    expect((await lina.client.post(`/tasks/${furniture}/claim`)).status).toBe(200);
    expect((await lina.client.post(`/tasks/${furniture}/unclaim`)).status).toBe(200);
    expect((await manager.client.post(`/tasks/${furniture}/assign`, { userId: leo.id })).status).toBe(200);
    expect((await lina.client.post(`/tasks/${furniture}/comments`, { body: 'Ask for the oak shelves' })).status).toBe(
      201,
    );
    expect((await manager.client.patch(`/instances/${shop}/input`, { input: { openingAt: postponedTo } })).status).toBe(
      200,
    );
    expect((await leo.client.post(`/tasks/${furniture}/complete`, { output: {}, actualCost: 1200 })).status).toBe(200);
    await eventually(async () => {
      const view = await manager.client.get(`/instances/${shop}`);
      return view.body.steps.find((step: { stepId: string }) => step.stepId === 'inventory')?.status === 'failed';
    }, 'the inventory call to fail');
    expect((await manager.client.post(`/instances/${shop}/steps/inventory/skip`)).status).toBe(200);
    expect((await manager.client.post(`/tasks/${shop}.check/reassign`, { department: 'logistics' })).status).toBe(200);

    const second = await manager.client.post('/definitions/fit-out/instances', { input: { shop: 'Nice', openingAt } });
    cancelled = second.body.id;
    expect((await manager.client.post(`/instances/${cancelled}/cancel`)).status).toBe(200);

    expect((await t.admin.put('/departments/logistics', { name: 'Logistics & supply', lead: lina.id })).status).toBe(
      200,
    );
    const webhook = await t.admin.post('/webhooks', { url: 'https://hooks.example.com/baton', events: ['overdue'] });
    expect(webhook.status).toBe(201);
    webhookId = webhook.body.id;
    expect((await t.admin.delete(`/webhooks/${webhookId}`)).status).toBe(204);

    expect((await t.admin.patch(`/users/${leo.id}`, { timeZone: 'Europe/Paris', locale: 'fr' })).status).toBe(200);
    expect((await omar.client.patch('/users/me', { name: 'Omar B.' })).status).toBe(200);
    const rotated = await t.admin.post(`/users/${omar.id}/token`);
    expect(rotated.status).toBe(200);
    rotatedToken = rotated.body.token;
    omar.client = omar.client.as(rotatedToken);
    tom = (await person(t.admin, { name: 'Tom Temp', role: 'requester' })).id;
    expect((await t.admin.delete(`/users/${tom}`)).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('records every change of the day: who, what, in order', async () => {
    const rows = await trail();
    const admin = 'bootstrap admin';
    expect(rows.map(brief)).toEqual([
      [admin, 'user.created', owner.id],
      [admin, 'user.created', manager.id],
      [admin, 'user.created', lina.id],
      [admin, 'user.created', leo.id],
      [admin, 'user.created', omar.id],
      ['Olga Owner', 'definition.deployed', 'fit-out@1'],
      ['Max Manager', 'instance.started', shop],
      ['Lina', 'task.claimed', `${shop}.furniture`],
      ['Lina', 'task.unclaimed', `${shop}.furniture`],
      ['Max Manager', 'task.assigned', `${shop}.furniture`],
      ['Lina', 'comment.added', expect.any(String)],
      ['Max Manager', 'instance.input-changed', shop],
      ['Léo', 'task.completed', `${shop}.furniture`],
      ['Max Manager', 'step.skipped', `${shop}.inventory`],
      ['Max Manager', 'task.reassigned', `${shop}.check`],
      ['Max Manager', 'instance.started', cancelled],
      ['Max Manager', 'instance.cancelled', cancelled],
      [admin, 'department.updated', 'logistics'],
      [admin, 'webhook.created', webhookId],
      [admin, 'webhook.deleted', webhookId],
      [admin, 'user.updated', leo.id],
      ['Omar', 'user.updated', omar.id],
      [admin, 'user.token-rotated', omar.id],
      [admin, 'user.created', tom],
      [admin, 'user.deactivated', tom],
    ]);
    expect(rows.find((row) => row.action === 'task.completed')?.actor).toEqual({
      id: leo.id,
      name: 'Léo',
      role: 'staff',
    });
    expect(rows.find((row) => row.action === 'definition.deployed')?.actor).toEqual({
      id: owner.id,
      name: 'Olga Owner',
      role: 'owner',
    });
  });

  it('keeps the before and after of each change', async () => {
    const rows = await trail();
    const of = (action: string) => rows.find((row) => row.action === action) as Row;
    expect(of('instance.input-changed')).toMatchObject({
      instanceId: shop,
      before: { input: { shop: 'Lyon', openingAt } },
      after: { input: { shop: 'Lyon', openingAt: postponedTo } },
    });
    expect(of('task.assigned')).toMatchObject({
      taskId: `${shop}.furniture`,
      before: { assigneeId: null },
      after: { assigneeId: leo.id },
    });
    expect(of('task.completed')).toMatchObject({
      before: { status: 'open', assigneeId: leo.id },
      after: { status: 'done', output: {}, actualCost: 1200 },
    });
    expect(of('task.reassigned')).toMatchObject({
      before: { department: 'operations' },
      after: { department: 'logistics' },
    });
    expect(of('instance.cancelled')).toMatchObject({ before: { status: 'running' }, after: { status: 'cancelled' } });
    expect(of('department.updated')).toMatchObject({
      before: { name: 'Logistics', lead: null },
      after: { name: 'Logistics & supply', lead: lina.id },
    });
    expect(of('webhook.created').after).toEqual({ url: 'https://hooks.example.com/baton', events: ['overdue'] });
    expect(of('user.updated')).toMatchObject({
      subject: { type: 'user', id: leo.id },
      before: { timeZone: 'UTC', locale: 'en' },
      after: { timeZone: 'Europe/Paris', locale: 'fr' },
    });
    expect(rows.filter((row) => row.action === 'user.updated')[1]).toMatchObject({
      actor: { id: omar.id, name: 'Omar', role: 'staff' },
      before: { name: 'Omar' },
      after: { name: 'Omar B.' },
    });
    expect(of('user.created').after).toEqual({
      name: 'Olga Owner',
      role: 'owner',
      department: null,
      email: null,
      timeZone: 'UTC',
      locale: 'en',
    });
    expect(of('user.deactivated')).toMatchObject({ before: { active: true }, after: { active: false } });
    // Neither a token nor a webhook's secret is ever in the trail.
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(rotatedToken);
    expect(everything).not.toMatch(/token_?hash|whsec_/i);
  });

  it('filters by actor, instance, action and period, and pages newest first', async () => {
    const byLina = await trail(`&actor=${lina.id}`);
    expect(byLina.map((row) => row.action)).toEqual(['task.claimed', 'task.unclaimed', 'comment.added']);
    const ofShop = await trail(`&instance=${shop}`);
    expect(ofShop.every((row) => row.instanceId === shop)).toBe(true);
    expect(ofShop.map((row) => row.action)).toEqual([
      'instance.started',
      'task.claimed',
      'task.unclaimed',
      'task.assigned',
      'comment.added',
      'instance.input-changed',
      'task.completed',
      'step.skipped',
      'task.reassigned',
    ]);
    const starts = await trail('&action=instance.started');
    expect(starts.map((row) => row.subject.id)).toEqual([shop, cancelled]);

    const newest = await manager.client.get(`/audit?from=${since}&limit=2`);
    expect(newest.body.items.map((row: Row) => row.action)).toEqual(['user.deactivated', 'user.created']);
    const before = await manager.client.get(`/audit?to=${since}&action=task.completed`);
    expect(before.body).toEqual({ items: [], nextCursor: null });
    const aDayAhead = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await manager.client.get(`/audit?from=${aDayAhead}`)).body.items).toEqual([]);
  });

  it('is read by managers and admins only, with the query parameters it takes', async () => {
    expect((await t.admin.get('/audit?limit=1')).status).toBe(200);
    for (const client of [owner.client, lina.client]) {
      const refused = await client.get('/audit');
      expect(refused.status).toBe(403);
    }
    const unknown = await manager.client.get('/audit?who=me');
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('unknown query parameter who');
    expect((await manager.client.get('/audit?action=task.deleted')).status).toBe(400);
    expect((await manager.client.get('/audit?from=yesterday')).status).toBe(400);
    expect((await manager.client.get('/audit?instance=nope')).status).toBe(400);
    expect((await manager.client.get('/audit?cursor=forged')).status).toBe(400);
  });

  it('is append-only: Postgres refuses to change or delete a row', async () => {
    const db = t.baton.context.db;
    await expect(db.query("UPDATE audit_events SET actor_name = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect((await trail()).length).toBe(25);
  });

  it("tells an instance's story from Baton's records and the workflow's history, in time order", async () => {
    const timeline = await lina.client.get(`/instances/${shop}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.truncated).toBe(false);
    const items: { at: string; source: string; kind: string; summary: string; actor?: { name: string } }[] =
      timeline.body.items;
    const times = items.map((item) => item.at);
    expect(times).toEqual([...times].sort());
    expect(new Set(items.map((item) => item.source))).toEqual(new Set(['baton', 'workflow']));
    const story = items.map((item) => `${item.source} ${item.kind}`);
    const inOrder = [
      'baton instance.started',
      'workflow workflow-started',
      'baton task-opened',
      'baton task.claimed',
      'baton task.unclaimed',
      'baton task.assigned',
      'baton comment.added',
      'workflow update-accepted',
      'baton instance.input-changed',
      'workflow update-accepted',
      'baton task.completed',
      'workflow activity-failed',
      'workflow update-accepted',
      'baton step.skipped',
      'workflow update-accepted',
      'baton task.reassigned',
    ];
    let from = 0;
    for (const expected of inOrder) {
      const at = story.indexOf(expected, from);
      expect(at, `${expected} after entry ${from} of ${JSON.stringify(story)}`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    const summaries = items.map((item) => item.summary);
    expect(summaries).toContain('Max Manager started fit-out v1');
    expect(summaries).toContain('Léo completed "Order furniture for Lyon"');
    expect(summaries).toContain('Max Manager changed the input (openingAt)');
    expect(summaries).toContain('The workflow took the new input from Max Manager and re-planned');
    expect(summaries.some((summary) => /^The call POST http:\/\/inventory\.invalid\/sync failed/.test(summary))).toBe(
      true,
    );
    expect(
      summaries.some((summary) => /^Baton told .+ \(assigned\): "Order furniture for Lyon is yours"$/.test(summary)),
    ).toBe(true);

    const cut = await lina.client.get(`/instances/${shop}/timeline?limit=3`);
    expect(cut.body.items).toEqual(items.slice(0, 3));
    expect(cut.body.truncated).toBe(true);
    expect((await omar.client.get(`/instances/${shop}/timeline`)).status).toBe(403);
    expect((await lina.client.get(`/instances/${shop}/timeline?since=now`)).status).toBe(400);
  });

  it('tells staff of another department who did what on a task, not what its output or comments said', async () => {
    // As for an operations clerk with a task of their own in the instance: the logistics tasks are not theirs.
    const clerk = { id: omar.id, name: 'Omar', role: 'staff' as const, department: 'operations' };
    const theirs = (await instanceTimeline(t.baton.context, shop, 1_000, clerk)).items;
    const logistics = (await lina.client.get(`/instances/${shop}/timeline?limit=1000`)).body.items;
    const comment = (items: { kind: string; summary: string; details: object }[]) =>
      items.find((item) => item.kind === 'comment.added');
    expect(comment(logistics)?.summary).toBe('Lina commented on "Order furniture for Lyon": "Ask for the oak shelves"');
    expect(comment(theirs)?.summary).toBe('Lina commented on "Order furniture for Lyon"');
    const completion = theirs.find((item) => item.kind === 'task.completed');
    expect(completion?.summary).toBe('Léo completed "Order furniture for Lyon"');
    expect(Object.keys(completion?.details ?? {})).toEqual(['auditId']);
    expect(JSON.stringify(theirs)).not.toContain('oak shelves');
    expect(theirs.length).toBe(logistics.length);
  });
});
