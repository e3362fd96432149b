export interface AuthThrottleOptions {
  /** Failures one address may make within a window before its attempts are answered 429 (default 10). */
  readonly limit?: number;
  /** The window, in ms, counted from an address's first failure (default a minute). */
  readonly windowMs?: number;
  /** Addresses remembered at most; past it, ended windows are dropped first, then the oldest (default 10,000). */
  readonly maxAddresses?: number;
  /** The clock (ms since the epoch); tests move it. */
  readonly now?: () => number;
}

export const AUTH_FAILURE_LIMIT = 10;
export const AUTH_FAILURE_WINDOW_MS = 60_000;

/**
 * Counts failed authentications per client address, in memory (each API process counts its
 * own). Once an address has failed `limit` times within a window, every attempt of it is answered
 * 429 until the window ends, a working token's too: were a right guess still accepted, a guesser
 * would only have to wait for the first answer that is not a 429.
 */
export class FailedAuthThrottle {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(options: AuthThrottleOptions = {}) {
    this.limit = options.limit ?? AUTH_FAILURE_LIMIT;
    this.windowMs = options.windowMs ?? AUTH_FAILURE_WINDOW_MS;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts a failure from the address; returns the seconds it must wait when it is over the limit, else null. */
  fail(address: string): number | null {
    const now = this.now();
    let window = this.windows.get(address);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.windows.delete(address);
      this.makeRoom(now);
      window = { startedAt: now, failures: 0 };
      this.windows.set(address, window);
    }
    window.failures += 1;
    if (window.failures <= this.limit) return null;
    return this.secondsLeft(window, now);
  }

  /** The seconds the address must wait before it may try again, once it has failed the limit; else null. */
  retryAfter(address: string): number | null {
    const now = this.now();
    const window = this.windows.get(address);
    if (!window || now - window.startedAt >= this.windowMs || window.failures < this.limit) return null;
    return this.secondsLeft(window, now);
  }

  private secondsLeft(window: { startedAt: number }, now: number): number {
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxAddresses) return;
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(address);
    }
    // Still full: the oldest windows go (Map keeps insertion order).
    for (const address of this.windows.keys()) {
      if (this.windows.size < this.maxAddresses) break;
      this.windows.delete(address);
    }
  }
}
