import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, SHIPPED_DEFINITIONS, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

const REPAIR = `
process: repair
title: Repair a fault
owner: operations
input:
  type: object
  required: [site, inspectWithin]
  properties:
    site: { type: string }
    inspectWithin: { type: string }
tasks:
  - id: inspect
    title: "Inspect {{ input.site }}"
    department: maintenance
    due: "{{ input.inspectWithin }}"
    cost: 100
  - id: fix
    title: "Fix {{ input.site }}"
    department: maintenance
    after: [inspect]
    due: 2d
    cost: 300
  - id: invoice
    title: "Invoice {{ input.site }}"
    department: finance
    after: [fix]
    due: 1d
    cost: 50
  - { id: closed, type: milestone, after: [invoice] }
`;

/** Counted in the site's country's calendar, unless the start chooses another. */
const SURVEY = `
process: survey
title: Survey a site
owner: operations
calendar: "{{ $lookup(data.calendarOfCountry, input.country) }}"
data:
  calendarOfCountry: { FR: fr-business, US: us-business }
input:
  type: object
  required: [country]
  properties:
    country: { enum: [FR, US] }
tasks:
  - { id: survey, title: Survey, department: legal, due: 2 business days }
`;

/** Two departments' checks, each due a second after it opens. */
const OUTAGE = `
process: outage
title: Handle an outage
owner: operations
input: { type: object, properties: {} }
tasks:
  - { id: network, title: Check the network, department: it, due: 1s, cost: 10 }
  - { id: doors, title: Check the doors, department: security, due: 1s, cost: 10 }
  - { id: report, title: Report, department: it, after: [network], due: 1h, cost: 10 }
`;

/** A purchase whose quote is its cost, against a fixed budget of 100 (or one read from the input). */
const purchase = (key: string, budget: string) => `
process: ${key}
title: Buy ${key}
owner: operations
budget: { amount: ${budget}, currency: EUR }
input:
  type: object
  required: [quote]
  properties:
    quote: { type: number }
    limit: { type: number }
tasks:
  - { id: order, title: Order, department: logistics, due: 1h, cost: input.quote }
`;

const calendarFile = (id: string) => fs.readFileSync(path.join(SHIPPED_DEFINITIONS, 'calendars', `${id}.yaml`), 'utf8');

const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Step {
  id: string;
  status: string;
  openedAt: string | null;
  completedAt: string | null;
  earliestStart: string;
  expectedFinish: string;
  due: string | null;
  basis: string;
  critical: boolean;
}

/**
 * Three repairs: A inspected and fixed on time (its invoice open), B inspected two seconds after
 * its one-second due (its fix open), C's inspection left open past its one-second due.
 */
describe('reports and the live plan of a running instance', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let owner: ApiClient;
  let maintenance: ApiClient;
  let staff: ApiClient;
  const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  let startedAt = 0;

  beforeAll(async () => {
    t = await startTestBaton(
      'reports',
      definitionsFolder({
        'repair.yaml': REPAIR,
        'survey.yaml': SURVEY,
        'outage.yaml': OUTAGE,
        'purchase.yaml': purchase('purchase', '100'),
        'purchase-with-limit.yaml': purchase('purchase-with-limit', 'input.limit'),
        'calendars/fr-business.yaml': calendarFile('fr-business'),
        'calendars/us-business.yaml': calendarFile('us-business'),
      }),
    );
    manager = await userClient(t.admin, 'manager');
    owner = await userClient(t.admin, 'owner');
    maintenance = await userClient(t.admin, 'staff', 'maintenance');
    staff = await userClient(t.admin, 'staff', 'finance');
    startedAt = Date.now();
    for (const [name, inspectWithin] of [
      ['a', '1h'],
      ['b', '1s'],
      ['c', '1s'],
    ] as const) {
      const started = await manager.post('/definitions/repair/instances', { input: { site: name, inspectWithin } });
      expect(started.status).toBe(201);
      ids[name] = started.body.id;
    }
    const complete = async (taskId: string, body: object) => {
      const response = await maintenance.post(`/tasks/${taskId}/complete`, body);
      expect(response.status).toBe(200);
    };
    await complete(`${ids.a}.inspect`, { output: {}, actualCost: 120 });
    await complete(`${ids.a}.fix`, { output: {}, actualCost: 280 });
    await sleep(2_000);
    await complete(`${ids.b}.inspect`, { output: {} });
    // C's inspection is overdue once its durable timer has fired.
    await eventually(async () => (await maintenance.get(`/tasks/${ids.c}.inspect`)).body.overdue, 'C to be overdue');
  });

  afterAll(() => t?.stop());

  it('reports each department: open, overdue, completed in the period, on time, median cycle time', async () => {
    const from = new Date(startedAt - 60_000).toISOString();
    const response = await manager.get(`/reports/departments?from=${encodeURIComponent(from)}`);
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.items.map((row: { department: string }) => [row.department, row]));
    // The median of the three cycle times, from the task rows themselves.
    const cycles = await Promise.all(
      [`${ids.a}.inspect`, `${ids.a}.fix`, `${ids.b}.inspect`].map(async (id) => {
        const task = (await maintenance.get(`/tasks/${id}`)).body;
        return Date.parse(task.completedAt) - Date.parse(task.openedAt);
      }),
    );
    const median = cycles.sort((x, y) => x - y)[1] as number;
    expect(cycles[2]).toBeGreaterThanOrEqual(2_000);
    expect(byId.maintenance).toEqual({
      department: 'maintenance',
      name: expect.any(String),
      open: 2,
      overdue: 1,
      completed: 3,
      onTimeRate: 0.6667,
      medianCycleHours: Math.round((median / 3_600_000) * 100) / 100,
    });
    expect(byId.finance).toMatchObject({
      open: 1,
      overdue: 0,
      completed: 0,
      onTimeRate: null,
      medianCycleHours: null,
    });
    expect(byId.hr).toMatchObject({ open: 0, overdue: 0, completed: 0, onTimeRate: null });

    // A period long past: nothing completed in it; what is open is open now.
    const past = await owner.get('/reports/departments?from=2020-01-01&to=2020-01-31');
    expect(past.body).toMatchObject({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' });
    const pastMaintenance = past.body.items.find((row: { department: string }) => row.department === 'maintenance');
    expect(pastMaintenance).toMatchObject({ open: 2, overdue: 1, completed: 0, onTimeRate: null });

    expect((await manager.get('/reports/departments?from=yesterday')).status).toBe(422);
    expect((await manager.get('/reports/departments?from=2020-02-01&to=2020-01-01')).status).toBe(422);
    expect((await staff.get('/reports/departments')).status).toBe(403);
  });

  it('reports costs by process, version and department, the budget left for when processes declare one', async () => {
    const response = await owner.get('/reports/costs?key=repair');
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        key: 'repair',
        version: 1,
        instances: 3,
        // Maintenance: three inspections (100) and two fixes (300) opened; finance: A's invoice.
        estimated: 950,
        // A: 120 + 280; B's inspection at its estimate, no actual cost given.
        actual: 500,
        budget: null,
        byDepartment: {
          finance: { estimated: 50, actual: 0, instances: 1 },
          maintenance: { estimated: 900, actual: 500, instances: 3 },
        },
      },
    ]);
    expect((await manager.get('/reports/costs?key=no-such-process')).body.items).toEqual([]);
    expect((await staff.get('/reports/costs')).status).toBe(403);
  });

  it('lists the running instances at risk: overdue tasks first, the longest overdue first, then over budget', async () => {
    const start = async (key: string, input: object) => {
      const started = await manager.post(`/definitions/${key}/instances`, { input });
      expect(started.status).toBe(201);
      return started.body.id as string;
    };
    const outage = await start('outage', {});
    const overBudget = await start('purchase', { quote: 150 });
    await start('purchase', { quote: 100 }); // within its budget
    await start('purchase-with-limit', { quote: 150, limit: 100 }); // a budget of its own: not compared
    const ended = await start('outage', {});
    expect((await manager.post(`/instances/${ended}/cancel`)).status).toBe(200);
    // The outage's checks are overdue from a second after they opened: the read model says so.
    await sleep(1_200);

    const response = await manager.get('/reports/at-risk');
    expect(response.status).toBe(200);
    const outageTasks = (await manager.get(`/tasks?instance=${outage}`)).body.items;
    const cTask = (await manager.get(`/tasks/${ids.c}.inspect`)).body;
    expect(response.body.items.map((item: { instanceId: string }) => item.instanceId)).toEqual([
      ids.c,
      outage,
      overBudget,
    ]);
    const [c, checks, purchase] = response.body.items;
    expect(c).toEqual({
      instanceId: ids.c,
      key: 'repair',
      version: 1,
      title: 'Repair a fault',
      subject: 'Repair a fault',
      startedAt: expect.any(String),
      overdueTasks: 1,
      oldestOverdueDueAt: new Date(cTask.dueAt).toISOString(),
      nextDueAt: null,
      departments: ['maintenance'],
      estimatedCost: 100,
      budget: null,
      overBudget: false,
    });
    expect(Date.parse(c.startedAt)).toBeGreaterThanOrEqual(startedAt - 1_000);
    const dueOf = (id: string) =>
      Date.parse(outageTasks.find((task: { id: string }) => task.id === `${outage}.${id}`).dueAt);
    expect(checks).toMatchObject({
      key: 'outage',
      title: 'Handle an outage',
      overdueTasks: 2,
      nextDueAt: null,
      departments: ['it', 'security'],
      estimatedCost: 20,
      budget: null,
      overBudget: false,
    });
    expect(Date.parse(checks.oldestOverdueDueAt)).toBe(Math.min(dueOf('network'), dueOf('doors')));
    const order = (await manager.get(`/tasks/${overBudget}.order`)).body;
    expect(purchase).toMatchObject({
      key: 'purchase',
      overdueTasks: 0,
      oldestOverdueDueAt: null,
      nextDueAt: new Date(order.dueAt).toISOString(),
      departments: [],
      estimatedCost: 150,
      budget: 100,
      overBudget: true,
    });

    // Once the network is checked, the report it opens is the next due; the doors stay overdue.
    const itStaff = await userClient(t.admin, 'staff', 'it');
    expect((await itStaff.post(`/tasks/${outage}.network/complete`, { output: {} })).status).toBe(200);
    const after = await eventually(async () => {
      const items = (await owner.get('/reports/at-risk')).body.items;
      const row = items.find((item: { instanceId: string }) => item.instanceId === outage);
      return row?.nextDueAt ? row : null;
    }, 'the report task to be listed as next due');
    expect(after).toMatchObject({ overdueTasks: 1, departments: ['security'], estimatedCost: 30 });
    expect(Date.parse(after.oldestOverdueDueAt)).toBe(dueOf('doors'));
    expect(Date.parse(after.nextDueAt)).toBe(Date.parse((await manager.get(`/tasks/${outage}.report`)).body.dueAt));

    const first = await manager.get('/reports/at-risk?limit=1');
    expect(first.body.items.map((item: { instanceId: string }) => item.instanceId)).toEqual([ids.c]);
    expect((await manager.get('/reports/at-risk?limit=0')).status).toBe(400);
    expect((await manager.get('/reports/at-risk?limit=501')).status).toBe(400);
    expect((await manager.get('/reports/at-risk?key=repair')).status).toBe(400);
    expect((await staff.get('/reports/at-risk')).status).toBe(403);
  });

  it('plans a running instance from where it stands', async () => {
    const before = Date.now();
    const response = await manager.get(`/instances/${ids.b}/plan`);
    expect(response.status).toBe(200);
    const plan = response.body;
    const step = (id: string): Step => plan.steps.find((candidate: Step) => candidate.id === id);
    expect(plan).toMatchObject({ instanceId: ids.b, key: 'repair', version: 1, calendar: 'always-open' });

    // Done: its real dates, two seconds after its due.
    const inspect = (await maintenance.get(`/tasks/${ids.b}.inspect`)).body;
    expect(step('inspect')).toMatchObject({ status: 'done', basis: 'actual', critical: false });
    expect(Date.parse(step('inspect').openedAt as string)).toBe(Date.parse(inspect.openedAt));
    expect(Date.parse(step('inspect').completedAt as string)).toBe(Date.parse(inspect.completedAt));
    expect(Date.parse(step('inspect').expectedFinish)).toBe(Date.parse(inspect.completedAt));

    // Open: by its real due date, 2 days after it opened.
    const fix = (await maintenance.get(`/tasks/${ids.b}.fix`)).body;
    expect(step('fix')).toMatchObject({ status: 'open', basis: 'due', critical: true });
    expect(Date.parse(step('fix').due as string)).toBe(Date.parse(fix.dueAt));
    expect(Date.parse(step('fix').expectedFinish)).toBe(Date.parse(fix.openedAt) + 2 * DAY);

    // Pending: the invoice opens when the fix is due and takes its day; the milestone follows.
    const fixDue = Date.parse(fix.dueAt);
    expect(step('invoice')).toMatchObject({ status: 'pending', openedAt: null, critical: true });
    expect(Date.parse(step('invoice').earliestStart)).toBe(fixDue);
    expect(Date.parse(step('invoice').due as string)).toBe(fixDue + DAY);
    expect(Date.parse(step('closed').expectedFinish)).toBe(fixDue + DAY);
    expect(Date.parse(plan.expectedFinish)).toBe(fixDue + DAY);
    expect(plan.criticalPath).toEqual(['fix', 'invoice', 'closed']);
    expect(plan.atRisk).toEqual([]);
    expect(Date.parse(plan.now)).toBeGreaterThanOrEqual(before - 1_000);
    expect(plan.cost).toMatchObject({ actual: 100 });

    // C's inspection is past its due: expected now, at risk, and everything after it moves.
    const late = (await manager.get(`/instances/${ids.c}/plan`)).body;
    expect(late.atRisk).toHaveLength(1);
    expect(late.atRisk[0]).toMatchObject({ id: 'inspect', status: 'open', reasons: ['due'] });
    expect(late.atRisk[0].slackMs).toBeLessThan(0);
    expect(Date.parse(late.atRisk[0].expectedFinish)).toBe(Date.parse(late.now));
    expect(late.criticalPath).toEqual(['inspect', 'fix', 'invoice', 'closed']);
    expect(Date.parse(late.expectedFinish)).toBe(Date.parse(late.now) + 3 * DAY);

    expect((await staff.get(`/instances/${ids.b}/plan`)).status).toBe(403);
    expect((await manager.get('/instances/00000000-0000-4000-8000-000000000000/plan')).status).toBe(404);
  });

  it("plans a running instance in the calendar its start chose over the process's own", async () => {
    const own = await manager.post('/definitions/survey/instances', { input: { country: 'FR' } });
    const chosen = await manager.post('/definitions/survey/instances', {
      input: { country: 'FR' },
      calendar: 'us-business',
    });
    expect([own.status, chosen.status]).toEqual([201, 201]);
    const ownPlan = (await manager.get(`/instances/${own.body.id}/plan`)).body;
    expect(ownPlan).toMatchObject({ calendar: 'fr-business', timeZone: 'Europe/Paris' });
    const chosenPlan = (await manager.get(`/instances/${chosen.body.id}/plan`)).body;
    expect(chosenPlan).toMatchObject({ calendar: 'us-business' });
    expect(chosenPlan.timeZone).not.toBe('Europe/Paris');

    // Once the instance has ended its steps have their real dates: no plan.
    const legal = await userClient(t.admin, 'staff', 'legal');
    expect((await legal.post(`/tasks/${own.body.id}.survey/complete`, { output: {} })).status).toBe(200);
    const ended = await eventually(async () => {
      const response = await manager.get(`/instances/${own.body.id}/plan`);
      return response.status === 409 ? response : null;
    }, 'the ended instance to have no plan');
    expect(ended.contentType).toContain('application/problem+json');
  });
});
