import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../support/test-baton';

export { chromiumPath, launchBrowser } from './chromium';

/** A page of its own (cookies included), at the screenshots' size, recording what must never happen. */
export interface BrowserTab {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Script errors and Content-Security-Policy violations seen so far. */
  readonly problems: string[];
}

export async function openTab(browser: Browser): Promise<BrowserTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused answer (401 before signing in, a 422) is logged by Chromium as an error: only policy violations count.
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/** Signs in through the sign-in page by pasting an API token, and waits for the first page after it. */
export async function signInWithToken(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/app/sign-in`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { readonly target: unknown[] }[];
}

/**
 * Runs axe-core on the page as it stands (evaluated by the DevTools protocol, which the page's
 * Content-Security-Policy does not apply to) and expects no serious or critical violation.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // axe.run(options) checks the whole document.
    const { axe } = globalThis as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } };
    return (await axe.run({ resultTypes: ['violations'] })).violations;
  });
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
  expect(serious, `accessibility of ${label}`).toEqual([]);
}

/**
 * A screenshot of the page at 1280x800: into docs/screenshots/<name>.png with
 * `BATON_RECORD_SCREENSHOTS=1` (to commit), otherwise into a temporary folder, so that a test
 * run leaves the working tree as it found it.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const folder = process.env.BATON_RECORD_SCREENSHOTS
    ? path.join(REPO_ROOT, 'docs', 'screenshots')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'baton-screenshots-'));
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** How the app shows an instant to a user of this language and zone (web/src/i18n/i18n.tsx). */
export function formattedAs(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
