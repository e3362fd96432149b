import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Connection, Client as TemporalClient } from '@temporalio/client';
import express from 'express';
import { Client as PgClient } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { createApp } from '../api/app';
import { apiResponseHeaders } from '../api/response-headers';
import { TaskEventHub } from '../api/task-events';
import { WEB_DIST, webApp } from '../api/web-app';
import { Authenticator, BOOTSTRAP_ADMIN, createUser } from '../engine/users';
import { findFreePort } from '../infra/ports';
import { chromiumPath, launchBrowser } from '../test/browser/chromium';
import { startBenchDatabase } from './support/environment';
import { departmentId, type InboxSeedSize, SEEDED_DEPARTMENTS, seedInbox } from './support/inbox-seed';
import { machineJiffies, utilizationBetween } from './support/program-cpu';
import { report, target } from './support/report';
import { type Scenario, sizeFromEnvironment } from './support/scenario';
import { ratio, round, summarize } from './support/stats';
import { BASELINE_PAGE_PATH, baselinePage } from './support/web-inbox-baseline';
import {
  backNavigation,
  coldNavigation,
  FIRST_ROW,
  fetchMedians,
  installRecorder,
  type Navigation,
} from './support/web-inbox-timing';

interface WebInboxSize {
  readonly seed: InboxSeedSize;
  readonly warmups: number;
  readonly navigations: number;
}

/** 10,000 open tasks in every one of the 50 departments (the staff member's among them), and closed ones. */
const FULL: WebInboxSize = {
  seed: { openTasks: 500_000, closedTasks: 250_000 },
  warmups: 5,
  navigations: sizeFromEnvironment('BENCH_WEB_INBOX_NAVIGATIONS', 30, 'navigations per side'),
};
const SMOKE: WebInboxSize = { seed: { openTasks: 5_000, closedTasks: 5_000 }, warmups: 1, navigations: 3 };
const TARGET_MEDIAN_MS = 300;
const DEPARTMENT = departmentId(7);
const ADMIN_TOKEN = 'bench-web-inbox-admin-token-of-at-least-32-characters';
const ROOT = path.resolve(__dirname, '..');

const INBOX_PATH = '/app/inbox?tab=unclaimed';
const BASELINE_PATH = `${BASELINE_PAGE_PATH}?department=${DEPARTMENT}`;
const log = (line: string) => console.log(line);

export const webInboxScenario: Scenario = {
  name: 'web-inbox',
  description: `the web inbox's first page of a department with 10,000 open tasks in Chromium, against a plain HTML page`,
  run: ({ smoke }) => measureWebInbox(smoke ? SMOKE : FULL, smoke),
};

async function measureWebInbox(size: WebInboxSize, smoke: boolean): Promise<void> {
  const cleanups: Array<() => Promise<unknown>> = [];
  // Before this scenario adds its own: what else the machine was doing.
  const loadAverageBefore = round(os.loadavg()[0] ?? Number.NaN);
  try {
    // The app as `npm start` and the tests' global setup build it: only when its sources changed.
    execFileSync(process.execPath, [path.join(ROOT, 'web', 'build-if-stale.mjs')], { stdio: 'inherit' });
    // Served from a copy: another build in this working tree (a test run) may replace web/dist meanwhile.
    const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-web-inbox-dist-'));
    cleanups.push(async () => fs.rmSync(distDir, { recursive: true, force: true }));
    fs.cpSync(WEB_DIST, distDir, { recursive: true });
    const { postgres, db } = await startBenchDatabase('web-inbox', cleanups);
    log(
      `  seeding ${size.seed.openTasks.toLocaleString()} open and ${size.seed.closedTasks.toLocaleString()} closed tasks`,
    );
    const seeder = new PgClient({ connectionString: postgres.url });
    await seeder.connect();
    try {
      await seedInbox(seeder, size.seed, () => {});
    } finally {
      await seeder.end();
    }
    const { token } = await createUser(
      db,
      { name: 'Ada Staff', role: 'staff', department: DEPARTMENT },
      BOOTSTRAP_ADMIN,
    );

    // Reads only: a Temporal connection that can never connect fails the run if anything calls it.
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    cleanups.push(() => connection.close());
    const authenticator = new Authenticator(db, ADMIN_TOKEN);
    authenticator.startListening();
    cleanups.push(() => authenticator.stop());
    // As api/server.ts: the inbox opens its live-updates stream on every visit.
    const taskEvents = new TaskEventHub(db);
    taskEvents.start();
    cleanups.push(() => taskEvents.stop());
    const server = express();
    server.disable('x-powered-by');
    server.use(baselinePage());
    // api/web-app.ts as createApp mounts it, on the copy: it answers every /app path before createApp's own.
    server.use(apiResponseHeaders, webApp({ distDir }));
    server.use(
      createApp(
        {
          db,
          temporal: new TemporalClient({ connection }),
          taskQueue: 'bench-web-inbox',
          dataDirectory: null,
          calendarsDirectory: null,
        },
        { authenticator, mailer: null, publicUrl: () => baseUrl, taskEvents },
      ),
    );
    const baseUrl = await listen(server, cleanups);

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await installRecorder(context);
    const signedIn = await context.request.post(`${baseUrl}/auth/session`, { data: { token } });
    if (!signedIn.ok()) throw new Error(`signing in answered ${signedIn.status()}: ${await signedIn.text()}`);

    const problems: string[] = [];
    log(`  cold navigations: ${size.warmups} warm-up then ${size.navigations} measured a side, alternating`);
    const jiffiesBefore = machineJiffies();
    const cold = await alternateCold(context, baseUrl, size, problems);
    const busyDuringCold = round(utilizationBetween(jiffiesBefore, machineJiffies()));
    log(`  back to the inbox from another page of the app: ${size.warmups} warm-up then ${size.navigations}`);
    const back = await backToInbox(context, baseUrl, size, problems);

    const baton = firstRowFigures(cold.baton);
    const baseline = firstRowFigures(cold.baseline);
    const sameRows = [...cold.baton, ...cold.baseline].map(({ firstRow }) => `${firstRow.rows} ${firstRow.firstTitle}`);
    if (new Set(sameRows).size !== 1) throw new Error(`the two pages showed different rows: ${[...new Set(sameRows)]}`);
    const figures = {
      machineLoad: {
        loadAverageBefore,
        busyDuringColdNavigations: busyDuringCold,
        note: '1-minute load average before the scenario started (other work); share of both cores busy while measuring, this run included',
      },
      browser: { version: browser.version(), executable: chromiumPath(), headless: true, viewport: '1280x800' },
      seeded: {
        ...size.seed,
        departments: SEEDED_DEPARTMENTS,
        openInDepartment: size.seed.openTasks / SEEDED_DEPARTMENTS,
      },
      shown: {
        department: DEPARTMENT,
        rows: cold.baton[0]?.firstRow.rows,
        firstTitle: cold.baton[0]?.firstRow.firstTitle,
      },
      navigations: { warmups: size.warmups, measured: size.navigations, order: 'alternating, a new page each' },
      clock:
        "performance.now() in the page: from the navigation's start (timeOrigin) to the animation frame after the first row entered the DOM",
      baton: { url: INBOX_PATH, ...baton },
      baseline: { url: BASELINE_PATH, server: 'the same express and API, a static page with plain JS', ...baseline },
      medianRatio: ratio(baton.firstRowMs.median, baseline.firstRowMs.median),
      p95Ratio: ratio(baton.firstRowMs.p95, baseline.firstRowMs.p95),
      backToInbox: { from: '/app/requests, history.back()', ...firstRowFigures(back) },
      problems,
    };
    report(
      'web-inbox',
      figures,
      [
        target('inbox first page, median ms (cold navigation)', baton.firstRowMs.median, '<=', TARGET_MEDIAN_MS),
        target('script errors and policy violations', problems.length, '<=', 0),
      ],
      smoke,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`  cleanup failed: ${String(error)}`);
      }
    }
  }
}

/** Baton's inbox and the baseline in turn, each in a new page closed after its sample. */
async function alternateCold(context: BrowserContext, baseUrl: string, size: WebInboxSize, problems: string[]) {
  const samples = { baton: [] as Navigation[], baseline: [] as Navigation[] };
  for (let round = 0; round < size.warmups + size.navigations; round += 1) {
    // ABBA: neither side always goes first.
    const order = round % 2 === 0 ? (['baton', 'baseline'] as const) : (['baseline', 'baton'] as const);
    for (const side of order) {
      const url = `${baseUrl}${side === 'baton' ? INBOX_PATH : BASELINE_PATH}`;
      const { page, sample } = await coldNavigation(context, url, problems);
      await page.close();
      if (round >= size.warmups) samples[side].push(sample);
    }
  }
  return samples;
}

/**
 * One page on the inbox; then, each time, to the user's requests through the menu and back
 * (the browser's back button), timed from history.back() to the first row painted again.
 */
async function backToInbox(context: BrowserContext, baseUrl: string, size: WebInboxSize, problems: string[]) {
  const { page } = await coldNavigation(context, `${baseUrl}${INBOX_PATH}`, problems);
  const samples: Navigation[] = [];
  try {
    for (let round = 0; round < size.warmups + size.navigations; round += 1) {
      await toRequests(page);
      const sample = await backNavigation(page);
      if (round >= size.warmups) samples.push(sample);
    }
  } finally {
    await page.close();
  }
  return samples;
}

async function toRequests(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My requests' }).click();
  await page.waitForURL((url) => url.pathname === '/app/requests');
  await page.locator(FIRST_ROW).first().waitFor({ state: 'detached' });
  // The requests page has read its list: nothing of it is left in flight when going back.
  await page.locator('main h1').first().waitFor();
  await page.locator('p.loading').waitFor({ state: 'detached' });
}

function firstRowFigures(samples: readonly Navigation[]) {
  return {
    firstRowMs: spread(samples.map(({ firstRow }) => firstRow.frameMs)),
    firstRowInDomMs: spread(samples.map(({ firstRow }) => firstRow.domMs)),
    fromNodeMs: spread(samples.map(({ fromNodeMs }) => fromNodeMs)),
    fetchedMedianMs: fetchMedians(samples),
  };
}

/** Median, p95 (nearest rank), min and max, in ms to 0.1. */
function spread(values: readonly number[]) {
  const summary = summarize(values);
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
  return {
    samples: summary.samples,
    median: round(summary.median, 1),
    p95: round(p95, 1),
    min: round(summary.min, 1),
    max: round(summary.max, 1),
  };
}

async function listen(app: express.Express, cleanups: Array<() => Promise<unknown>>): Promise<string> {
  const port = await findFreePort();
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.close(resolve);
        // The pages' live-updates streams would hold it open.
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${port}`;
}
