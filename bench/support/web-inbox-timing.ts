import { performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from 'playwright-core';

/** The first row of the task list, in Baton's inbox and in the baseline page alike. */
export const FIRST_ROW = 'table.inbox tbody tr';

/** When the first row appeared, in the page's clock (ms since its navigation started). */
export interface FirstRow {
  /** From the start of the wait to the first row in the DOM (a MutationObserver's callback). */
  readonly domMs: number;
  /** From the start of the wait to the next animation frame, the one that paints the row. */
  readonly frameMs: number;
  /** Rows in the list then, and the first one's title: both pages must show the same. */
  readonly rows: number;
  readonly firstTitle: string;
  /** What the page fetched meanwhile, by path (hashes left out): start and end in ms on the same clock. */
  readonly fetches: readonly Fetch[];
}

export interface Fetch {
  readonly path: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Installed in every page before its own scripts (through the DevTools protocol, so the app's
 * Content-Security-Policy does not apply): a MutationObserver that notes `performance.now()`
 * when the first row enters the DOM, then again in the next requestAnimationFrame callback,
 * the frame in which the row is painted. A cold navigation waits from 0, the navigation's
 * start (`performance.timeOrigin`); `arm()` starts a wait for a navigation within the page.
 */
const RECORDER = `(() => {
  const state = { since: 0, seen: null };
  state.arm = () => { state.since = performance.now(); state.seen = null; return state.since; };
  globalThis.__webInboxBench = state;
  const check = () => {
    if (state.seen !== null) return;
    const row = document.querySelector(${JSON.stringify(FIRST_ROW)});
    if (!row) return;
    const dom = performance.now();
    state.seen = 'pending';
    requestAnimationFrame(() => {
      state.seen = {
        domMs: dom - state.since,
        frameMs: performance.now() - state.since,
        rows: document.querySelectorAll(${JSON.stringify(FIRST_ROW)}).length,
        firstTitle: row.cells[0].textContent,
        fetches: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
          .filter((entry) => entry.startTime >= state.since && entry.responseEnd > 0)
          .map((entry) => ({
            path: new URL(entry.name).pathname.replace(/-[\\w-]{8}\\.(js|css)$/, '.$1'),
            startMs: entry.startTime - state.since,
            endMs: entry.responseEnd - state.since,
          })),
      };
    });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

interface Recorder {
  since: number;
  seen: FirstRow | 'pending' | null;
  arm(): number;
}

/**
 * Functions, not strings: Playwright would evaluate a string with eval, which the app's policy
 * forbids. Each is sent to the page as its source: it may use nothing from this module.
 */
const seen = () => {
  const state = (globalThis as unknown as { __webInboxBench?: Recorder }).__webInboxBench;
  return typeof state?.seen === 'object' && state.seen !== null;
};
const read = () => (globalThis as unknown as { __webInboxBench: Recorder }).__webInboxBench.seen as FirstRow;
const WAIT_MS = 30_000;

export async function installRecorder(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: RECORDER });
}

/** One sample, with what Playwright saw from Node (`page.goto` called → the row noted). */
export interface Navigation {
  readonly firstRow: FirstRow;
  readonly fromNodeMs: number;
}

/**
 * A returning user opening the page in a new tab: a new page in the same context (cookie and
 * HTTP cache kept), `page.goto(url)`, until the first row is painted. The page stays open.
 */
export async function coldNavigation(context: BrowserContext, url: string, problems: string[]) {
  const page = await context.newPage();
  watchProblems(page, problems);
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(seen, undefined, { timeout: WAIT_MS });
  const fromNodeMs = performance.now() - started;
  const firstRow = await page.evaluate(read);
  return { page, sample: { firstRow, fromNodeMs } satisfies Navigation };
}

/**
 * Back to the inbox from another page of the app (history.back(): react-router renders the
 * inbox again, which reads its first page again), timed from the call in the page's clock.
 */
export async function backNavigation(page: Page): Promise<Navigation> {
  const started = performance.now();
  await page.evaluate(() => {
    const page = globalThis as unknown as { __webInboxBench: Recorder; history: { back(): void } };
    page.__webInboxBench.arm();
    page.history.back();
  });
  await page.waitForFunction(seen, undefined, { timeout: WAIT_MS });
  const fromNodeMs = performance.now() - started;
  return { firstRow: await page.evaluate(read), fromNodeMs };
}

/** Script errors and Content-Security-Policy violations: any of them voids the run. */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
}

/** Where the time went: each path's median start and end over the samples that fetched it, in order. */
export function fetchMedians(samples: readonly Navigation[]) {
  const byPath = new Map<string, Fetch[]>();
  for (const fetch of samples.flatMap(({ firstRow }) => firstRow.fetches)) {
    byPath.set(fetch.path, [...(byPath.get(fetch.path) ?? []), fetch]);
  }
  return [...byPath.entries()]
    .map(([path, fetches]) => ({
      path,
      samples: fetches.length,
      startMs: median(fetches.map((fetch) => fetch.startMs)),
      endMs: median(fetches.map((fetch) => fetch.endMs)),
    }))
    .sort((a, b) => a.startMs - b.startMs);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.ceil(sorted.length / 2) - 1] ?? Number.NaN) * 10) / 10;
}
