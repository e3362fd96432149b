import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPUTE_TIME_LIMIT_MS } from '../../engine/compute/pool';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/** Each item's cost is a sum over 20,000 numbers: within an expression's budget, slow a thousand times over. */
const HEAVY = `
process: heavy
title: Price every shelf
owner: logistics
input:
  type: object
  required: [shelves]
  properties:
    shelves: { type: array, items: { type: string } }
tasks:
  - id: price
    forEach: input.shelves
    title: "Price {{ item }}"
    department: logistics
    cost: $sum($map([1..20000], function($v) { $v % 7 })) / 1000
    due: 2d
`;

describe('planning off the event loop', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('plan-off-loop', definitionsFolder({ 'heavy.yaml': HEAVY }));
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('answers others while a heavy plan computes, then refuses the plan past its time limit with 422', async () => {
    const shelves = Array.from({ length: 1_000 }, (_, index) => `shelf ${index}`);
    const startedAt = Date.now();
    const heavy = manager.post('/definitions/heavy/plan', { input: { shelves } });

    await new Promise((resolve) => setTimeout(resolve, 500));
    const askedAt = Date.now();
    const others = await manager.get('/definitions');
    expect(others.status).toBe(200);
    expect(Date.now() - askedAt).toBeLessThan(1_000);

    const planned = await heavy;
    expect(planned.status).toBe(422);
    expect(planned.body.detail).toContain(`longer than ${COMPUTE_TIME_LIMIT_MS / 1000} s`);
    expect(Date.now() - startedAt).toBeLessThan(COMPUTE_TIME_LIMIT_MS + 5_000);
  }, 30_000);

  it('plans the same process for a short list', async () => {
    const planned = await manager.post('/definitions/heavy/plan', { input: { shelves: ['A', 'B'] } });
    expect(planned.status).toBe(200);
    expect(planned.body.steps[0].items).toHaveLength(2);
  });
});
