import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { eventually } from '../support/wait';

/** A laptop to set up by IT; facilities may have to take it over. */
const LAPTOP = `
process: laptop
title: Set up a laptop
owner: it
input:
  type: object
  properties: {}
tasks:
  - id: setup
    title: Set up the laptop
    department: it
    due: 2d
`;

describe('work for people', () => {
  let t: TestBaton;
  let lead: { id: string; client: ApiClient };
  let ines: { id: string; client: ApiClient };
  let bruno: { id: string; client: ApiClient };
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('work_for_people', definitionsFolder({ 'laptop.yaml': LAPTOP }));
    lead = await person(t.admin, { name: 'Léa Lead', role: 'staff', department: 'it' });
    ines = await person(t.admin, { name: 'Inès', role: 'staff', department: 'it' });
    bruno = await person(t.admin, { name: 'Bruno', role: 'staff', department: 'it' });
    manager = (await person(t.admin, { name: 'Manon Manager', role: 'manager' })).client;
    expect((await t.admin.put('/departments/it', { name: 'IT', lead: lead.id })).status).toBe(200);
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function newLaptopTask(): Promise<string> {
    const started = await manager.post('/definitions/laptop/instances', { input: {} });
    expect(started.status).toBe(201);
    return `${started.body.id}.setup`;
  }

  it('a task claimed by one of its department is theirs: others may neither claim nor complete it', async () => {
    const task = await newLaptopTask();
    const claimed = await ines.client.post(`/tasks/${task}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee).toEqual({ id: ines.id, name: 'Inès' });

    const second = await bruno.client.post(`/tasks/${task}/claim`);
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain('already held by Inès');
    const completedByOther = await bruno.client.post(`/tasks/${task}/complete`, { output: {} });
    expect(completedByOther.status).toBe(403);
    expect(completedByOther.body.detail).toBe(
      `task ${task} is held by Inès; they, the lead of it or an admin complete it`,
    );

    const mine = await ines.client.get('/tasks?assignee=me');
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(task);
    const unheld = await bruno.client.get('/tasks?assignee=none');
    expect(unheld.body.items.map((item: { id: string }) => item.id)).not.toContain(task);

    const done = await ines.client.post(`/tasks/${task}/complete`, { output: {} });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', completedBy: ines.id, completedByName: 'Inès' });
  });

  it("the department's lead gives a task to one of its people, who is told, and may complete it in their stead", async () => {
    const task = await newLaptopTask();
    const assigned = await lead.client.post(`/tasks/${task}/assign`, { userId: bruno.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toEqual({ id: bruno.id, name: 'Bruno' });

    const outbox = await t.admin.get(`/notifications?instance=${task.split('.')[0]}&kind=assigned`);
    expect(outbox.body.items).toEqual([
      expect.objectContaining({ taskId: task, recipient: `user:${bruno.id}`, kind: 'assigned' }),
    ]);

    const byStaff = await ines.client.post(`/tasks/${task}/assign`, { userId: ines.id });
    expect(byStaff.status).toBe(403);
    const releasedByOther = await ines.client.post(`/tasks/${task}/unclaim`);
    expect(releasedByOther.status).toBe(403);

    const byLead = await lead.client.post(`/tasks/${task}/complete`, { output: {} });
    expect(byLead.status).toBe(200);
    expect(byLead.body.completedByName).toBe('Léa Lead');
  });

  it('a task is given only to a person of its department', async () => {
    const task = await newLaptopTask();
    const hr = await person(t.admin, { name: 'Hugo HR', role: 'staff', department: 'hr' });
    const refused = await manager.post(`/tasks/${task}/assign`, { userId: hr.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toContain('Hugo HR belongs to hr, the task to it');
  });

  /**
   * Sends the requests while the test holds the task's row, and lets it go once each waits for
   * it: every request has read the task before any of them changes it.
   */
  async function atOnce(task: string, requests: (() => Promise<ApiResponse>)[]): Promise<number[]> {
    const holder = t.baton.context.db.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query('SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE', [task]);
      const answers = Promise.all(requests.map((request) => request()));
      await eventually(async () => {
        const [row]: { waiting: number }[] = await t.baton.context.db.query(
          "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        return row?.waiting === requests.length;
      }, 'each request to wait for the task');
      await holder.commitTransaction();
      return (await answers).map((answer) => answer.status);
    } finally {
      await holder.release();
    }
  }

  async function holdersInAudit(task: string): Promise<{ action: string; before: unknown; after: unknown }[]> {
    const trail = await t.admin.get(`/audit?instance=${task.split('.')[0]}&limit=100`);
    return trail.body.items
      .filter(
        (row: { taskId: string | null; action: string }) => row.taskId === task && row.action !== 'task.completed',
      )
      .map(({ action, before, after }: { action: string; before: unknown; after: unknown }) => ({
        action,
        before,
        after,
      }))
      .reverse();
  }

  it("two people given one task at once are recorded in turn: each assignment's before is the previous one's after", async () => {
    const task = await newLaptopTask();
    expect(
      await atOnce(task, [
        () => lead.client.post(`/tasks/${task}/assign`, { userId: ines.id }),
        () => manager.post(`/tasks/${task}/assign`, { userId: bruno.id }),
      ]),
    ).toEqual([200, 200]);

    const [first, second] = await holdersInAudit(task);
    expect(first).toMatchObject({ action: 'task.assigned', before: { assigneeId: null } });
    expect(second).toMatchObject({ action: 'task.assigned', before: first?.after });
    const holder = (await t.admin.get(`/tasks/${task}`)).body.assignee.id;
    expect(second?.after).toEqual({ assigneeId: holder });
  });

  it('a task released twice at once is recorded released once, from its holder', async () => {
    const task = await newLaptopTask();
    expect((await ines.client.post(`/tasks/${task}/claim`)).status).toBe(200);
    expect(
      await atOnce(task, [
        () => ines.client.post(`/tasks/${task}/unclaim`),
        () => lead.client.post(`/tasks/${task}/unclaim`),
      ]),
    ).toEqual([200, 200]);

    expect(await holdersInAudit(task)).toEqual([
      { action: 'task.claimed', before: { assigneeId: null }, after: { assigneeId: ines.id } },
      { action: 'task.unclaimed', before: { assigneeId: ines.id }, after: { assigneeId: null } },
    ]);
  });

  it('a manager moves a task to another department: it leaves its holder, and the instance follows', async () => {
    const task = await newLaptopTask();
    const instanceId = task.split('.')[0];
    expect((await ines.client.post(`/tasks/${task}/claim`)).status).toBe(200);

    const byStaff = await ines.client.post(`/tasks/${task}/reassign`, { department: 'maintenance' });
    expect(byStaff.status).toBe(403);
    const moved = await manager.post(`/tasks/${task}/reassign`, { department: 'maintenance' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ department: 'maintenance', assignee: null });

    const instance = await manager.get(`/instances/${instanceId}`);
    expect(instance.body.steps[0]).toMatchObject({ stepId: 'setup', department: 'maintenance' });
    const told = await t.admin.get(`/notifications?instance=${instanceId}&kind=reassigned`);
    expect(told.body.items).toEqual([
      expect.objectContaining({
        recipient: 'department:maintenance',
        message: 'Manon Manager moved "Set up the laptop" from the it queue to the maintenance queue.',
      }),
    ]);
    expect((await ines.client.get(`/tasks/${task}`)).status).toBe(403);
    const unknown = await manager.post(`/tasks/${task}/reassign`, { department: 'catering' });
    expect(unknown.status).toBe(422);
    const maintenance = (await person(t.admin, { name: 'Max', role: 'staff', department: 'maintenance' })).client;
    expect((await maintenance.post(`/tasks/${task}/complete`, { output: {} })).status).toBe(200);
    recordHistory(instanceId ?? '', 'task-reassigned-then-done');
  });

  it('people comment on a task and its instance; the others working on it are told', async () => {
    const task = await newLaptopTask();
    const instanceId = task.split('.')[0];
    expect((await ines.client.post(`/tasks/${task}/claim`)).status).toBe(200);

    const byBruno = await bruno.client.post(`/tasks/${task}/comments`, { body: 'The dock is in the cupboard.' });
    expect(byBruno.status).toBe(201);
    expect(byBruno.body).toMatchObject({
      author: { id: bruno.id, name: 'Bruno' },
      body: 'The dock is in the cupboard.',
    });
    const byManager = await manager.post(`/instances/${instanceId}/comments`, { body: 'Needed by Monday.' });
    expect(byManager.status).toBe(201);

    const thread = await ines.client.get(`/instances/${instanceId}/comments`);
    expect(thread.body.items.map((comment: { body: string }) => comment.body)).toEqual([
      'The dock is in the cupboard.',
      'Needed by Monday.',
    ]);
    const told = await t.admin.get(`/notifications?instance=${instanceId}&kind=comment`);
    expect(told.body.items.map((row: { recipient: string }) => row.recipient)).toEqual([
      `user:${ines.id}`,
      `user:${ines.id}`,
    ]);

    const empty = await bruno.client.post(`/tasks/${task}/comments`, { body: '   ' });
    expect(empty.status).toBe(422);
  });

  it("lists a department's active people by name for its lead's picker, to its own staff and to those who direct", async () => {
    const elise = await person(t.admin, { name: 'Élise', role: 'staff', department: 'it', email: 'elise@example.com' });
    const gone = await person(t.admin, { name: 'Gaston Gone', role: 'staff', department: 'it' });
    expect((await t.admin.delete(`/users/${gone.id}`)).status).toBe(200);
    const requester = await person(t.admin, { name: 'Rémi Requester', role: 'requester', department: 'it' });
    const owner = (await person(t.admin, { name: 'Olga Owner', role: 'owner' })).client;
    const hr = (await person(t.admin, { name: 'Hana HR', role: 'staff', department: 'hr' })).client;

    const expected = [
      { id: bruno.id, name: 'Bruno', email: null },
      { id: elise.id, name: 'Élise', email: 'elise@example.com' },
      { id: ines.id, name: 'Inès', email: null },
      { id: lead.id, name: 'Léa Lead', email: null },
    ];
    for (const reader of [lead.client, ines.client, manager, owner, t.admin]) {
      const members = await reader.get('/departments/it/members');
      expect(members.status).toBe(200);
      expect(members.body.items).toEqual(expected);
    }
    expect((await hr.get('/departments/it/members')).status).toBe(403);
    expect((await requester.client.get('/departments/it/members')).status).toBe(403);
    expect((await manager.get('/departments/catering/members')).status).toBe(404);
    expect((await manager.get('/departments/it/members?active=false')).status).toBe(400);
  });
});
