import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../compiler/duration';

describe('durations', () => {
  it('reads a whole number of seconds, minutes, hours, days or weeks as milliseconds', () => {
    expect(['30s', '15m', '4h', '3d', '2w'].map(parseDuration)).toEqual([
      30_000,
      15 * 60_000,
      4 * 3_600_000,
      3 * 86_400_000,
      2 * 604_800_000,
    ]);
  });

  it('refuses zero, fractions, spaces, other units and amounts past what a timer can hold', () => {
    expect(['0d', '1.5h', '5 d', '5D', '1y', 'd', '', '99999999999999w'].map(parseDuration)).toEqual(
      Array(8).fill(undefined),
    );
  });
});
