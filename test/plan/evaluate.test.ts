import { describe, expect, it } from 'vitest';
import { asList, EvaluationError, evaluate, isTruthy } from '../../plan/evaluate';

const context = { input: { sites: ['LYO', 'PAR'], count: 2 }, data: { prices: { laptop: 1200 } } };

describe('evaluating an expression in the workflow', () => {
  it('gives plain JSON', async () => {
    const sites = await evaluate('input.sites', context);
    expect(sites).toEqual(['LYO', 'PAR']);
    expect(Object.getOwnPropertyNames(sites)).not.toContain('sequence');
    expect(await evaluate('$lookup(data.prices, "laptop") * input.count', context)).toBe(2400);
  });

  it('gives nothing when nothing matches', async () => {
    expect(await evaluate('input.missing', context)).toBeUndefined();
  });

  it('refuses a function, which has no JSON form, as an evaluation error', async () => {
    await expect(evaluate('$keys', context)).rejects.toThrow(EvaluationError);
    await expect(evaluate('$keys', context)).rejects.toThrow('gives a function');
  });

  it('reports a failure on the data as an evaluation error naming the expression', async () => {
    await expect(evaluate('$substring(input.count, 1)', context)).rejects.toThrow(
      /expression "\$substring\(input.count, 1\)" failed/,
    );
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
