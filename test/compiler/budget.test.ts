import { describe, expect, it } from 'vitest';
import { compileErrors, compilePlan, where, yaml } from './support';

const withBudget = (budget: string) => yaml`
  process: p
  title: P
  owner: hr
  budget: ${budget}
  input: { type: object, properties: { budget: { type: number } } }
  tasks:
    - { id: a, title: A, department: hr, due: 1d, cost: 100 }
`;

describe('a budget', () => {
  it('compiles a fixed amount or an expression over the input, with its currency', () => {
    expect(compilePlan(withBudget('{ amount: 25000, currency: EUR }')).budget).toEqual({
      amount: { amount: 25000 },
      currency: 'EUR',
    });
    expect(compilePlan(withBudget('{ amount: input.budget, currency: USD }')).budget).toEqual({
      amount: { expression: 'input.budget' },
      currency: 'USD',
    });
  });

  it('leaves plans without one as they were', () => {
    expect(compilePlan(withBudget('{ amount: 1, currency: EUR }').replace(/^budget:.*\n/m, ''))).not.toHaveProperty(
      'budget',
    );
  });

  it('reports a currency that is not an ISO code, and an amount reading a step, where written', () => {
    expect(compileErrors(withBudget('{ amount: 100, currency: euros }')).map(where)).toEqual([
      { code: 'schema-pattern', line: 4, column: 34, path: '/budget/currency' },
    ]);
    expect(compileErrors(withBudget('{ amount: steps.a.output.total, currency: EUR }')).map((e) => e.code)).toEqual([
      'unknown-reference',
    ]);
  });
});
