import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptDelayMs, RETRY_WINDOW_MS } from '../../channels/retry-schedule';

const HOUR = 3_600_000;

/** Every wait of the schedule, in order, until it says to give up. */
function schedule(): number[] {
  const delays: number[] = [];
  for (let attempts = 1; ; attempts++) {
    const delay = nextAttemptDelayMs(attempts);
    if (delay === null) return delays;
    delays.push(delay);
  }
}

describe('nextAttemptDelayMs', () => {
  it('makes the first attempt at once', () => {
    expect(nextAttemptDelayMs(0)).toBe(0);
  });

  it('retries quickly after a first failure', () => {
    expect(nextAttemptDelayMs(1)).toBe(30_000);
  });

  it('never waits less than the time before', () => {
    const delays = schedule();
    for (const [index, delay] of delays.entries()) {
      if (index > 0) expect(delay).toBeGreaterThanOrEqual(delays[index - 1] ?? 0);
    }
  });

  it('keeps trying for at least a day before giving up', () => {
    expect(RETRY_WINDOW_MS).toBeGreaterThanOrEqual(24 * HOUR);
    expect(schedule().reduce((total, delay) => total + delay, 0)).toBe(RETRY_WINDOW_MS);
  });

  it('gives up after MAX_ATTEMPTS attempts, and keeps saying so', () => {
    expect(nextAttemptDelayMs(MAX_ATTEMPTS - 1)).not.toBeNull();
    expect(nextAttemptDelayMs(MAX_ATTEMPTS)).toBeNull();
    expect(nextAttemptDelayMs(MAX_ATTEMPTS + 10)).toBeNull();
    expect(schedule()).toHaveLength(MAX_ATTEMPTS - 1);
  });

  it('refuses a count that is not a whole number of attempts', () => {
    expect(() => nextAttemptDelayMs(-1)).toThrow(RangeError);
    expect(() => nextAttemptDelayMs(1.5)).toThrow(RangeError);
    expect(() => nextAttemptDelayMs(Number.NaN)).toThrow(RangeError);
  });
});
