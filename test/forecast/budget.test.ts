import { describe, expect, it } from 'vitest';
import { forecastProcess } from '../../forecast/forecast-process';
import { compilePlan, yaml } from '../compiler/support';

const withBudget = (budget: string) =>
  compilePlan(yaml`
    process: works
    title: Works
    owner: finance
    budget: ${budget}
    input: { type: object, properties: { budget: { type: number } } }
    tasks:
      - { id: paint, title: Paint, department: logistics, due: 2d, cost: 600 }
      - { id: floor, title: Floor, department: logistics, due: 2d, cost: 500, after: [paint] }
  `);

describe('the plan against the budget the process declares', () => {
  it('compares the total with a fixed amount', async () => {
    const { costs } = await forecastProcess(withBudget('{ amount: 1000, currency: EUR }'), {}, { start: '2027-05-03' });
    expect(costs).toMatchObject({ total: 1100, budget: 1000, remaining: -100, overBudget: true });
  });

  it('reads an amount from the start input', async () => {
    const plan = withBudget('{ amount: input.budget, currency: EUR }');
    const { costs } = await forecastProcess(plan, { budget: 1500 }, { start: '2027-05-03' });
    expect(costs).toMatchObject({ total: 1100, budget: 1500, remaining: 400, overBudget: false });
  });

  it('lets the caller compare with another amount', async () => {
    const plan = withBudget('{ amount: 1000, currency: EUR }');
    const { costs } = await forecastProcess(plan, {}, { start: '2027-05-03', budget: 2000 });
    expect(costs).toMatchObject({ budget: 2000, overBudget: false });
  });
});
