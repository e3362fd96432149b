import { describe, expect, it } from 'vitest';
import {
  asList,
  EvaluationError,
  EXPRESSION_BUDGET,
  ExpressionBudgetError,
  evaluate,
  isTruthy,
  valueIn,
} from '../../plan/evaluate';
import { ASYNC_EXPRESSION_BUDGET, evaluateAllAsync } from '../../plan/evaluate-async';

const context = { input: { sites: ['LYO', 'PAR'], count: 2 }, data: { prices: { laptop: 1200 } } };

describe('evaluating an expression in the workflow', () => {
  it('gives plain JSON', () => {
    const sites = evaluate('input.sites', context);
    expect(sites).toEqual(['LYO', 'PAR']);
    expect(Object.getOwnPropertyNames(sites)).not.toContain('sequence');
    expect(evaluate('$lookup(data.prices, "laptop") * input.count', context)).toBe(2400);
  });

  it('gives nothing when nothing matches', () => {
    expect(evaluate('input.missing', context)).toBeUndefined();
  });

  it('refuses a function, which has no JSON form, as an evaluation error', () => {
    expect(() => evaluate('$keys', context)).toThrow(EvaluationError);
    expect(() => evaluate('$keys', context)).toThrow('gives a function');
  });

  it('reports a failure on the data as an evaluation error naming the expression', () => {
    expect(() => evaluate('$substring(input.count, 1)', context)).toThrow(
      /expression "\$substring\(input.count, 1\)" failed/,
    );
  });
});

const COUNTDOWN = '($f := function($n) { $n <= 0 ? 0 : 1 + $f($n - 1) }; $f(input.depth))';

describe('the budget of an evaluation', () => {
  it('lets a shallow recursion and a lookup in a 1,000-row table through', () => {
    expect(evaluate(COUNTDOWN, { input: { depth: 40 } })).toBe(40);
    const equipment = Array.from({ length: 1_000 }, (_, index) => ({ name: `item ${index}`, department: 'it' }));
    expect(evaluate('data.equipment[name = $$.item].department', { data: { equipment }, item: 'item 999' })).toBe('it');
  });

  it('stops a recursion past its depth, naming the bound', () => {
    expect(() => evaluate(COUNTDOWN, { input: { depth: 2_000 } })).toThrow(ExpressionBudgetError);
    expect(() => evaluate(COUNTDOWN, { input: { depth: 2_000 } })).toThrow(
      `expression-budget: it nests deeper than ${EXPRESSION_BUDGET.depth}`,
    );
  });

  it('stops an endless tail recursion, which never deepens, by its count of steps', () => {
    expect(() => evaluate('($f := function($n) { $f($n + 1) }; $f(0))', {})).toThrow(
      `expression-budget: it took more than ${EXPRESSION_BUDGET.steps} evaluation steps`,
    );
  });

  it('counts the steps of an expression given to $eval too', () => {
    expect(() => evaluate('$eval("($f := function($n) { $f($n + 1) }; $f(0))")', {})).toThrow(ExpressionBudgetError);
  });

  it('starts every evaluation with the whole budget', () => {
    expect(() => evaluate(COUNTDOWN, { input: { depth: 2_000 } })).toThrow(ExpressionBudgetError);
    expect(evaluate(COUNTDOWN, { input: { depth: 40 } })).toBe(40);
  });
});

describe('truthiness and lists', () => {
  it('follows JSONata: empty values are false', () => {
    expect([undefined, null, false, 0, '', [], {}].map(isTruthy)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([true, 1, 'x', [0, 1], { a: 1 }].map(isTruthy)).toEqual([true, true, true, true, true]);
  });

  it('reads a single value as a list of one and nothing as an empty list', () => {
    expect(asList('laptop')).toEqual(['laptop']);
    expect(asList(undefined)).toEqual([]);
    expect(asList(['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('the size budget of an evaluation', () => {
  it('stops a list past its size before the worker runs out of memory', () => {
    expect(() => evaluate('[1..30].([1..10000000])', {})).toThrow(
      `expression-budget: it builds a list of more than ${EXPRESSION_BUDGET.listLength} items`,
    );
  });

  it('stops a text past its size, however few steps made it', () => {
    expect(() => evaluate('$pad("", 2000000, "x")', {})).toThrow(
      `expression-budget: it builds a text of more than ${EXPRESSION_BUDGET.textLength} characters`,
    );
  });
});

describe('instances before runtime 3', () => {
  const LONG_SUM = '$sum([1..20000].($ * 2))';

  it('evaluate what their histories recorded before the budget without it, as they ran then', async () => {
    const values = await evaluateAllAsync([LONG_SUM], {}, false);
    expect(valueIn(LONG_SUM, values)).toBe(400020000);
  });

  it('evaluate within their own budget from the activation that reaches its patch', async () => {
    const values = await evaluateAllAsync([LONG_SUM], {}, true);
    expect(() => valueIn(LONG_SUM, values)).toThrow(`more than ${ASYNC_EXPRESSION_BUDGET.steps} evaluation steps`);
  });
});
