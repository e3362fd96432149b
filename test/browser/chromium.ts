import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';

/**
 * The browser tests drive the system's Chromium (Debian's `chromium` package; `.ci/run`
 * installs it) with playwright-core, which downloads no browser of its own.
 * `BATON_CHROMIUM_PATH` names another binary. Kept apart from `support.ts` (which needs
 * vitest) so that the benchmarks (`bench/web-inbox.ts`) launch the same browser.
 */
export function chromiumPath(): string {
  const configured = process.env.BATON_CHROMIUM_PATH;
  if (configured) return configured;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH: try the next name
    }
  }
  throw new Error(
    'no Chromium found for the browser tests: install it (`apt-get install chromium`) or set BATON_CHROMIUM_PATH',
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true });
}
