import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/** Two works and a check, against a budget given at the start. */
const REFIT = `
process: refit
title: Refit a shop
owner: finance
budget: { amount: input.budget, currency: EUR }
input:
  type: object
  required: [budget]
  properties:
    budget: { type: number }
tasks:
  - { id: paint, title: Paint the walls, department: maintenance, due: 1d, cost: 600 }
  - { id: floor, title: Lay the floor, department: maintenance, due: 1d, cost: 300, after: [paint] }
  - { id: check, title: Check the works, department: operations, due: 1d, cost: 50, after: [floor] }
`;

describe('a budget', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('budgets', definitionsFolder({ 'refit.yaml': REFIT }));
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('tells the owner once when the forecast goes over it, and shows where the instance stands', async () => {
    const id = (await manager.post('/definitions/refit/instances', { input: { budget: 1000 } })).body.id;
    const start = await manager.get(`/instances/${id}`);
    expect(start.body.budget).toEqual({ amount: 1000, currency: 'EUR', overBudget: false });
    expect(start.body.cost).toMatchObject({ estimated: 950, forecast: 950, actual: 0 });

    await t.admin.post(`/tasks/${id}.paint/complete`, { output: {}, actualCost: 800 });
    const over = await manager.get(`/instances/${id}`);
    expect(over.body.cost).toMatchObject({ actual: 800, forecast: 1150 });
    expect(over.body.budget.overBudget).toBe(true);
    await t.admin.post(`/tasks/${id}.floor/complete`, { output: {}, actualCost: 310 });

    const told = await manager.get(`/notifications?instance=${id}&kind=budget`);
    expect(told.body.items).toHaveLength(1);
    expect(told.body.items[0]).toMatchObject({
      recipient: 'department:finance',
      subject: '"Refit a shop" is forecast over its budget',
    });
    expect(told.body.items[0].message).toContain(
      'forecast of 1150 EUR (800 spent, 350 still to do) is over the budget of 1000 EUR',
    );
  });

  it('tells again only after the forecast came back under and crossed once more', async () => {
    const id = (await manager.post('/definitions/refit/instances', { input: { budget: 1000 } })).body.id;
    await t.admin.post(`/tasks/${id}.paint/complete`, { output: {}, actualCost: 700 });
    await t.admin.post(`/tasks/${id}.floor/complete`, { output: {}, actualCost: 100 });
    expect((await manager.get(`/instances/${id}`)).body.budget.overBudget).toBe(false);
    await t.admin.post(`/tasks/${id}.check/complete`, { output: {}, actualCost: 250 });

    const finished = await manager.get(`/instances/${id}`);
    expect(finished.body).toMatchObject({ status: 'completed', cost: { actual: 1050 }, budget: { overBudget: true } });
    const told = await manager.get(`/notifications?instance=${id}&kind=budget`);
    expect(told.body.items.map((item: { id: string }) => item.id)).toEqual([`${id}:budget:1`, `${id}:budget:2`]);
  });
});
