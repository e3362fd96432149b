export interface AuthThrottleOptions {
  /** Failures one address may make within a window before its failures are answered 429 (default 10). */
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
 * own). Past `limit` failures within a window, a failure is answered 429 instead of 401 until the
 * window ends. Only failures are counted and throttled: a working token is always accepted.
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
