import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/** Equipment by job role from a shared catalogue: one task per item, each with its own department and cost. */
const EQUIPMENT = `
process: equipment
title: Equip a new employee
owner: hr
imports: [catalogue]
data:
  kitByRole:
    developer: [laptop, badge]
    cashier: [badge, uniform]
input:
  type: object
  required: [name, jobRole]
  properties:
    name: { type: string }
    jobRole: { enum: [developer, cashier, store-manager] }
tasks:
  - id: contract
    title: "Contract for {{ input.name }}"
    department: hr
    due: 1d
    form:
      type: object
      required: [contractId]
      properties: { contractId: { type: string } }
  - id: equipment
    after: [contract]
    forEach: $lookup(data.kitByRole, input.jobRole)
    title: "{{ item }} for {{ input.name }}"
    department: "{{ data.catalogue[name = $$.item].department }}"
    due: 2d
    cost: data.catalogue[name = $$.item].price
  - id: manager-briefing
    when: input.jobRole = 'store-manager'
    title: "Brief {{ input.name }} on store management"
    department: operations
    due: 3d
  - id: welcome
    after: [equipment, manager-briefing]
    title: "Welcome {{ input.name }} (contract {{ steps.contract.output.contractId }}, {{ $count(steps.equipment.output) }} items)"
    department: hr
    due: 1d
`;

const CATALOGUE = `
catalogue:
  - { name: laptop, department: it, price: 1200 }
  - { name: badge, department: maintenance, price: 15 }
  - { name: uniform, department: logistics, price: 60 }
`;

/** One office per site; a site missing from the table gives an unknown department. */
const BADGES = `
process: badges
title: Badges for every site
owner: security
data:
  officeFor: { LYO: security, PAR: maintenance, NTE: no-such-office }
input:
  type: object
  required: [sites]
  properties:
    sites: { type: array, items: { type: string } }
tasks:
  - id: badge
    forEach: input.sites
    as: site
    title: "Badge for {{ site }}"
    department: "{{ $lookup(data.officeFor, site) }}"
    due: 1d
  - id: archive
    title: Archive the badge requests
    department: security
    after: [badge]
    due: 1d
`;

describe('conditions, fan-out and reference data', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let hr: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton(
      'fan-out',
      definitionsFolder({ 'equipment.yaml': EQUIPMENT, 'data/catalogue.yaml': CATALOGUE, 'badges.yaml': BADGES }),
    );
    admin = t.admin;
    manager = await userClient(t.admin, 'manager');
    hr = await userClient(t.admin, 'staff', 'hr');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('opens one task per catalogue item of the role, skips the step whose condition is false, and uses earlier outputs', async () => {
    const started = await manager.post('/definitions/equipment/instances', {
      input: { name: 'Ada', jobRole: 'developer' },
    });
    expect(started.status).toBe(201);
    const id = started.body.id;

    const afterStart = await manager.get(`/instances/${id}`);
    const briefing = afterStart.body.steps.find((step: { stepId: string }) => step.stepId === 'manager-briefing');
    expect(briefing).toMatchObject({ kind: 'task', status: 'skipped', taskId: null });

    expect((await hr.post(`/tasks/${id}.contract/complete`, { output: { contractId: 'C-42' } })).status).toBe(200);

    const laptop = await admin.get(`/tasks/${id}.equipment[0]`);
    expect(laptop.body).toMatchObject({
      stepId: 'equipment[0]',
      title: 'laptop for Ada',
      department: 'it',
      estimatedCost: 1200,
      status: 'open',
    });
    const badge = await admin.get(`/tasks/${id}.equipment[1]`);
    expect(badge.body).toMatchObject({ title: 'badge for Ada', department: 'maintenance', estimatedCost: 15 });

    const status = await manager.get(`/instances/${id}`);
    const equipment = status.body.steps.find((step: { stepId: string }) => step.stepId === 'equipment');
    expect(equipment.status).toBe('open');
    expect(equipment.estimatedCost).toBe(1215);
    expect(equipment.items.map((item: { stepId: string; status: string }) => [item.stepId, item.status])).toEqual([
      ['equipment[0]', 'open'],
      ['equipment[1]', 'open'],
    ]);
    expect(status.body.steps.find((step: { stepId: string }) => step.stepId === 'welcome').status).toBe('pending');

    await admin.post(`/tasks/${id}.equipment[0]/complete`, { output: { serial: 'LX-1' }, actualCost: 1300 });
    const costs = (await manager.get(`/instances/${id}`)).body.cost;
    expect(costs).toMatchObject({ estimated: 1215, committed: 1200, actual: 1300, forecast: 1315 });
    expect(costs.byDepartment).toEqual({
      hr: { estimated: 0, committed: 0, actual: 0, forecast: 0 },
      it: { estimated: 1200, committed: 1200, actual: 1300, forecast: 1300 },
      maintenance: { estimated: 15, committed: 0, actual: 0, forecast: 15 },
    });
    expect((await admin.get(`/tasks/${id}.welcome`)).status).toBe(409);
    await admin.post(`/tasks/${id}.equipment[1]/complete`, { output: {} });

    const welcome = await hr.get(`/tasks/${id}.welcome`);
    expect(welcome.body).toMatchObject({ status: 'open', title: 'Welcome Ada (contract C-42, 2 items)' });
    await hr.post(`/tasks/${id}.welcome/complete`, { output: {} });

    const finished = await manager.get(`/instances/${id}`);
    expect(finished.body).toMatchObject({ status: 'completed', progress: { done: 4, total: 4 } });
    recordHistory(id, 'equipment-fan-out');
  });

  it('settles a fan-out over an empty list at once and goes on', async () => {
    const started = await manager.post('/definitions/equipment/instances', {
      input: { name: 'Sam', jobRole: 'store-manager' },
    });
    const id = started.body.id;
    await hr.post(`/tasks/${id}.contract/complete`, { output: { contractId: 'C-7' } });

    const status = await manager.get(`/instances/${id}`);
    const byId = Object.fromEntries(
      status.body.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status]),
    );
    expect(byId).toEqual({ contract: 'done', equipment: 'done', 'manager-briefing': 'open', welcome: 'pending' });
  });

  it('fails only the item whose department is unknown; skipping it lets the other items finish the step', async () => {
    const id = (await manager.post('/definitions/badges/instances', { input: { sites: ['LYO', 'NTE', 'PAR'] } })).body
      .id;
    const failed = await manager.get(`/instances/${id}`);
    const badge = failed.body.steps[0];
    expect(badge.status).toBe('failed');
    expect(badge.items.map((item: { status: string }) => item.status)).toEqual(['open', 'failed', 'open']);
    expect(badge.items[1].error).toContain('"no-such-office"');

    expect((await manager.post(`/instances/${id}/steps/badge/skip`)).status).toBe(200);
    const afterSkip = await manager.get(`/instances/${id}`);
    expect(afterSkip.body.steps.map((step: { status: string }) => step.status)).toEqual(['open', 'pending']);

    await admin.post(`/tasks/${id}.badge[0]/complete`, { output: {} });
    await admin.post(`/tasks/${id}.badge[2]/complete`, { output: {} });
    const done = await manager.get(`/instances/${id}`);
    expect(done.body.steps.map((step: { status: string }) => step.status)).toEqual(['done', 'open']);
    expect(done.body.steps[0].items.map((item: { status: string }) => item.status)).toEqual([
      'done',
      'skipped',
      'done',
    ]);
  });
});
