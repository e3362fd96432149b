import { api } from './api';

/** A prefetched answer not taken within this long is read again: it may be out of date. */
const FRESH_MS = 5_000;

const started = new Map<string, { readonly read: Promise<unknown>; readonly at: number }>();

/**
 * Starts reading `path` before the page that shows it renders (from a route's loader, while
 * the page's code still loads); that page's `useApi(path)` takes the answer.
 */
export function prefetch(path: string): void {
  const now = Date.now();
  for (const [key, entry] of started) if (now - entry.at > FRESH_MS) started.delete(key);
  if (started.has(path)) return;
  const read = api('GET', path);
  // Its failure is the page's to report, when it takes the read.
  read.catch(() => undefined);
  started.set(path, { read, at: now });
}

/** The read `prefetch` started for `path`, once, if it is still fresh. */
export function takePrefetched<T>(path: string): Promise<T> | undefined {
  const entry = started.get(path);
  started.delete(path);
  if (!entry || Date.now() - entry.at > FRESH_MS) return undefined;
  return entry.read as Promise<T>;
}
