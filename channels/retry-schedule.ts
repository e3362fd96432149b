const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The waits after each failed attempt: quick at first (a server restarting, a full queue), then
 * spread out so that a receiver down for a day still gets the message once it is back, without
 * being hammered meanwhile. They add up to a little over a day (see `RETRY_WINDOW_MS`).
 */
const DELAYS_MS: readonly number[] = [
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  1 * HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  8 * HOUR,
  8 * HOUR,
];

/** How long after the first attempt the last one is made: a delivery is given up no sooner. */
export const RETRY_WINDOW_MS = DELAYS_MS.reduce((total, delay) => total + delay, 0);

/** Every attempt of one delivery, the first included. */
export const MAX_ATTEMPTS = DELAYS_MS.length + 1;

/**
 * How long to wait before the next attempt, given how many attempts have failed so far (the
 * one that just failed included); null once they are all spent: dead-letter the delivery.
 * Zero attempts so far means none was made yet: go now.
 */
export function nextAttemptDelayMs(attemptsSoFar: number): number | null {
  if (!Number.isInteger(attemptsSoFar) || attemptsSoFar < 0) {
    throw new RangeError(`attemptsSoFar must be a whole number ≥ 0, got ${attemptsSoFar}`);
  }
  if (attemptsSoFar === 0) return 0;
  return DELAYS_MS[attemptsSoFar - 1] ?? null;
}
