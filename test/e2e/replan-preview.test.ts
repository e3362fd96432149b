import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/** Packing is due the day before the move; unpacking follows it; the store reopens after the move day. */
const MOVE = `
process: move
title: Move a store
owner: operations
input:
  type: object
  required: [site, moveDate]
  properties:
    site: { type: string }
    moveDate: { type: string, format: date }
tasks:
  - id: pack
    title: "Pack {{ input.site }}"
    department: logistics
    due: { before: input.moveDate, by: 1d }
    cost: 100
  - id: survey
    title: Survey the new premises
    department: maintenance
    due: 1h
  - id: move-day
    type: wait
    until: input.moveDate
  - id: unpack
    title: Unpack
    department: logistics
    after: [pack]
    due: 1d
  - id: reopen
    type: milestone
    after: [unpack, survey, move-day]
`;

/** One count per room, each due two days before the move. */
const INVENTORY = `
process: inventory
title: Inventory before a move
owner: operations
input:
  type: object
  required: [moveDate, rooms]
  properties:
    moveDate: { type: string, format: date }
    rooms: { type: array, items: { type: string } }
tasks:
  - id: count
    forEach: input.rooms
    as: room
    title: "Count the {{ room }}"
    department: logistics
    due: { before: input.moveDate, by: 2d }
`;

const DAY = 86_400_000;

interface PlannedStep {
  id: string;
  status: string;
  earliestStart: string;
  expectedFinish: string;
  due: string | null;
  items?: PlannedStep[] | null;
}

describe('POST /instances/:id/plan: the plan as if the input changed', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let owner: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('replan-preview', definitionsFolder({ 'move.yaml': MOVE, 'inventory.yaml': INVENTORY }));
    manager = await userClient(t.admin, 'manager');
    owner = await userClient(t.admin, 'owner');
  });

  afterAll(() => t?.stop());

  const start = async () => {
    const started = await manager.post('/definitions/move/instances', {
      input: { site: 'Lyon', moveDate: '2031-03-10' },
    });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  const stepOf = (plan: { steps: PlannedStep[] }, id: string) =>
    plan.steps.find((step) => step.id === id) as PlannedStep;

  it('shows the moved due in dueChanges and in the steps, changes nothing, and PATCH then gives that due', async () => {
    const id = await start();
    const before = (await manager.get(`/instances/${id}/plan`)).body;
    const pack = (await manager.get(`/tasks/${id}.pack`)).body;
    expect(Date.parse(pack.dueAt)).toBe(Date.parse('2031-03-09T00:00:00Z'));

    const preview = await owner.post(`/instances/${id}/plan`, { input: { moveDate: '2031-03-24' } });
    expect(preview.status).toBe(200);
    const proposedDue = Date.parse('2031-03-23T00:00:00Z');
    expect(preview.body.dueChanges).toEqual([
      {
        taskId: `${id}.pack`,
        stepId: 'pack',
        title: 'Pack Lyon',
        department: 'logistics',
        dueAt: new Date(pack.dueAt).toISOString(),
        proposedDueAt: new Date(proposedDue).toISOString(),
      },
    ]);
    // The GET plan's shape, from the moved due: packing ends by it, unpacking follows, the wait ends on the new day.
    expect(Object.keys(preview.body).sort()).toEqual([...Object.keys(before), 'dueChanges'].sort());
    expect(preview.body).toMatchObject({ instanceId: id, key: 'move', version: 1, atRisk: [] });
    const plan = preview.body;
    expect(stepOf(plan, 'pack')).toMatchObject({ status: 'open' });
    expect(Date.parse(stepOf(plan, 'pack').due as string)).toBe(proposedDue);
    expect(Date.parse(stepOf(plan, 'pack').expectedFinish)).toBe(proposedDue);
    expect(Date.parse(stepOf(plan, 'unpack').earliestStart)).toBe(proposedDue);
    expect(Date.parse(stepOf(plan, 'move-day').expectedFinish)).toBe(Date.parse('2031-03-24T00:00:00Z'));
    expect(Date.parse(stepOf(plan, 'unpack').expectedFinish)).toBe(proposedDue + DAY);
    expect(Date.parse(plan.expectedFinish)).toBe(proposedDue + DAY);
    expect(plan.criticalPath).toEqual(['pack', 'unpack', 'reopen']);
    // The current plan had it all a fortnight earlier.
    expect(Date.parse(stepOf(before, 'pack').due as string)).toBe(Date.parse(pack.dueAt));
    expect(Date.parse(before.expectedFinish)).toBe(Date.parse('2031-03-10T00:00:00Z'));

    // Nothing changed: the task, the instance's input and its plan are as they were.
    expect((await manager.get(`/tasks/${id}.pack`)).body.dueAt).toBe(pack.dueAt);
    expect((await manager.get(`/instances/${id}`)).body.input).toEqual({ site: 'Lyon', moveDate: '2031-03-10' });
    const after = (await manager.get(`/instances/${id}/plan`)).body;
    expect({ ...after, now: null }).toEqual({ ...before, now: null });
    expect((await manager.get(`/notifications?instance=${id}&kind=replanned`)).body.items).toEqual([]);

    // Applied, the re-plan gives the task the due the preview showed; previewed again, nothing would move.
    const changed = await manager.patch(`/instances/${id}/input`, { input: { moveDate: '2031-03-24' } });
    expect(changed.status).toBe(200);
    expect(Date.parse((await manager.get(`/tasks/${id}.pack`)).body.dueAt)).toBe(proposedDue);
    const again = await manager.post(`/instances/${id}/plan`, { input: { moveDate: '2031-03-24' } });
    expect(again.body.dueChanges).toEqual([]);
    expect(Date.parse(stepOf(again.body, 'pack').due as string)).toBe(proposedDue);
  });

  it("moves each item's due of a forEach step, as the re-plan then does", async () => {
    const started = await manager.post('/definitions/inventory/instances', {
      input: { moveDate: '2031-06-10', rooms: ['shop floor', 'storage'] },
    });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const preview = await manager.post(`/instances/${id}/plan`, { input: { moveDate: '2031-06-20' } });
    expect(preview.status).toBe(200);
    const proposedDueAt = new Date('2031-06-18T00:00:00Z').toISOString();
    const dueAt = new Date('2031-06-08T00:00:00Z').toISOString();
    expect(preview.body.dueChanges).toEqual([
      {
        taskId: `${id}.count[0]`,
        stepId: 'count[0]',
        title: 'Count the shop floor',
        department: 'logistics',
        dueAt,
        proposedDueAt,
      },
      {
        taskId: `${id}.count[1]`,
        stepId: 'count[1]',
        title: 'Count the storage',
        department: 'logistics',
        dueAt,
        proposedDueAt,
      },
    ]);
    const items = stepOf(preview.body, 'count').items as PlannedStep[];
    expect(items.map((item) => [item.id, Date.parse(item.due as string)])).toEqual([
      ['count[0]', Date.parse(proposedDueAt)],
      ['count[1]', Date.parse(proposedDueAt)],
    ]);
    expect(Date.parse(preview.body.expectedFinish)).toBe(Date.parse(proposedDueAt));

    expect((await manager.patch(`/instances/${id}/input`, { input: { moveDate: '2031-06-20' } })).status).toBe(200);
    for (const index of [0, 1]) {
      const task = (await manager.get(`/tasks/${id}.count[${index}]`)).body;
      expect(new Date(task.dueAt).toISOString()).toBe(proposedDueAt);
    }
  });

  it('answers 422 for an input that does not match the start form, or a body with other fields', async () => {
    const id = await start();
    const refused = await manager.post(`/instances/${id}/plan`, { input: { moveDate: 'next spring' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: '/moveDate', message: 'must match format "date"' }]);
    expect((await manager.post(`/instances/${id}/plan`, { input: {}, start: '2031-01-01' })).status).toBe(422);
    expect((await manager.post(`/instances/${id}/plan`, {})).status).toBe(422);
    expect((await manager.post(`/instances/${id}/plan?dry=true`, { input: {} })).status).toBe(400);
  });

  it('answers 409 once the instance has ended, 404 for an unknown one, 403 to staff', async () => {
    const id = await start();
    expect((await manager.post(`/instances/${id}/cancel`)).status).toBe(200);
    const ended = await manager.post(`/instances/${id}/plan`, { input: { moveDate: '2031-03-24' } });
    expect(ended.status).toBe(409);
    expect(ended.contentType).toContain('application/problem+json');
    const unknown = await manager.post('/instances/00000000-0000-4000-8000-000000000000/plan', { input: {} });
    expect(unknown.status).toBe(404);
    const logistics = await userClient(t.admin, 'staff', 'logistics');
    expect((await logistics.post(`/instances/${await start()}/plan`, { input: {} })).status).toBe(403);
  });
});
