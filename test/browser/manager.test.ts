import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { eventually } from '../support/wait';
import {
  type BrowserTab,
  expectAccessible,
  formattedAs,
  launchBrowser,
  openTab,
  screenshot,
  signInWithToken,
} from './support';

/** A refit: a survey then works (maintenance), signage due the day before the reopening date (logistics). */
const STORE_REFIT = `
process: store-refit
title: Refit a store
owner: operations
budget: { amount: 1000, currency: EUR }
input:
  type: object
  required: [store, reopeningDate]
  properties:
    store: { type: string, title: Store, maxLength: 80 }
    reopeningDate: { type: string, format: date, title: Reopening date }
tasks:
  - id: survey
    title: "Survey {{ input.store }}"
    department: maintenance
    due: 2 days
    cost: 300
    form: { type: object, properties: { notes: { type: string, title: Notes } } }
  - id: signage
    title: "New signage for {{ input.store }}"
    department: logistics
    due: { before: input.reopeningDate, by: 1 day }
    cost: 1200
  - id: works
    title: "Refit works at {{ input.store }}"
    department: maintenance
    after: [survey]
    due: 10 days
    effort: 4 days
    cost: 4000
  - id: reopening
    type: milestone
    after: [works, signage]
`;

/** A call no host is allowed to answer (BATON_CALL_HOSTS is empty): it fails at once, for a manager to skip. */
const DIRECTORY_SYNC = `
process: directory-sync
title: Sync the directory
owner: it
input:
  type: object
  properties:
    team: { type: string }
tasks:
  - id: push-accounts
    type: call
    method: POST
    url: "http://directory.invalid/accounts"
    timeout: 2s
  - id: check
    title: Check the accounts
    department: it
    after: [push-accounts]
    due: 1d
`;

const DAY = 86_400_000;
const ZONE = 'Europe/Paris';
const dayAfter = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/**
 * A manager in a real browser: the dashboard shows an instance over its budget; its page shows
 * the live Gantt, which follows a task completed by staff without a reload; a change of input is
 * previewed (the signage's due moves), applied, and the new due shown; the reports' charts.
 */
describe('a manager in the browser', () => {
  let test: TestBaton;
  let browser: Browser;
  let tab: BrowserTab;
  let baseUrl: string;
  let managerToken: string;
  let staff: ApiClient;
  let instanceId: string;
  let manager: ApiClient;

  beforeAll(async () => {
    [test, browser] = await Promise.all([
      startTestBaton(
        'browser_manager',
        definitionsFolder({ 'store-refit.yaml': STORE_REFIT, 'directory-sync.yaml': DIRECTORY_SYNC }),
      ),
      launchBrowser(),
    ]);
    baseUrl = test.baton.apiUrl;
    const katherine = await person(test.admin, {
      name: 'Katherine Johnson',
      role: 'manager',
      email: 'katherine@example.com',
      timeZone: ZONE,
      locale: 'en',
    });
    manager = katherine.client;
    managerToken = manager.token ?? '';
    staff = (await person(test.admin, { name: 'Mary Jackson', role: 'staff', department: 'maintenance' })).client;
    const started = await manager.post('/definitions/store-refit/instances', {
      input: { store: 'Lyon Part-Dieu', reopeningDate: dayAfter(20) },
    });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    tab = await openTab(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await test?.stop();
  });

  it('lands on the dashboard: workload, the instance over its budget, costs', async () => {
    const { page } = tab;
    await signInWithToken(page, baseUrl, managerToken);
    expect(new URL(page.url()).pathname).toBe('/app/dashboard');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const navigation = page.getByRole('navigation', { name: 'Main' });
    expect(await navigation.getByRole('link').allTextContents()).toEqual([
      'Inbox',
      'Dashboard',
      'Instances',
      'Reports',
      'Ask for something',
      'My requests',
    ]);
    const atRisk = page.getByRole('region', { name: 'Instances at risk' });
    await atRisk.getByRole('link', { name: 'Refit a store' }).waitFor();
    await atRisk.getByText('Over budget').waitFor();
    await page.getByRole('figure', { name: 'Open and overdue tasks, as of now' }).waitFor();
    const workload = page.getByRole('table', { name: 'Open and overdue tasks, as of now' });
    expect(
      await workload
        .getByRole('row', { name: /Maintenance/i })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['1', '0']);
    await page.getByRole('figure', { name: /Estimated and actual costs against the budget/ }).waitFor();
    await expectAccessible(page, 'the dashboard');
    await screenshot(page, 'dashboard');
  });

  it('opens the instance and sees its Gantt', async () => {
    const { page } = tab;
    await page.getByRole('region', { name: 'Instances at risk' }).getByRole('link', { name: 'Refit a store' }).click();
    await page.getByRole('heading', { name: 'Refit a store', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/instances/${instanceId}`);
    const gantt = page.getByRole('figure', { name: 'Action plan from now' });
    await gantt.waitFor();
    expect(await gantt.locator('svg[role="img"] .gantt-bar').count()).toBe(4);
    expect(await gantt.locator('svg[role="img"] .gantt-now').count()).toBe(1);
    const survey = page.getByRole('table', { name: 'Action plan from now: dates by step' }).getByRole('row', {
      name: /Survey Lyon Part-Dieu/,
    });
    expect(await survey.getByRole('cell').nth(1).textContent()).toBe('Open');
    await page.getByText('Updates live').waitFor();
    await expectAccessible(page, 'the instance page');
  });

  it('shows the step done when staff complete it, without a reload', async () => {
    const { page } = tab;
    await page.evaluate(() => {
      (globalThis as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const done = await staff.post(`/tasks/${instanceId}.survey/complete`, { output: { notes: 'Floor is fine' } });
    expect(done.status).toBe(200);
    const table = page.getByRole('table', { name: 'Action plan from now: dates by step' });
    await table
      .getByRole('row', { name: /Survey Lyon Part-Dieu/ })
      .getByRole('cell', { name: 'Done' })
      .waitFor();
    await page.getByTestId('progress').getByText('1 of 4 steps done').waitFor();
    await table
      .getByRole('row', { name: /Refit works at Lyon Part-Dieu/ })
      .getByRole('cell', { name: /^Open/ })
      .waitFor();
    expect(await page.locator('.gantt svg[role="img"] .gantt-done.gantt-actual').count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('previews a change of input: the API’s refusal on its field, then the moved due beside the current plan', async () => {
    const { page } = tab;
    const store = page.getByLabel('Store');
    expect(await store.inputValue()).toBe('Lyon Part-Dieu');
    await store.fill('L'.repeat(81));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Some fields need a change.').waitFor();
    await page.locator('#input_store__error').waitFor();
    await store.fill('Lyon Part-Dieu');

    const later = dayAfter(30);
    await page.getByLabel('Reopening date').fill(later);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Proposed plan' }).waitFor();
    await page.getByRole('figure', { name: 'Current plan and proposed plan' }).waitFor();
    expect(await page.locator('.gantt-proposed').count()).toBeGreaterThan(0);

    const before = (await test.admin.get(`/tasks/${instanceId}.signage`)).body.dueAt as string;
    const changes = page.getByRole('table', { name: 'Due dates that move' });
    const row = changes.getByRole('row', { name: /New signage for Lyon Part-Dieu/ });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('logistics');
    expect(cells[1]).toBe(formattedAs(before, 'en', ZONE));
    const proposedDue = cells[2] ?? '';
    expect(proposedDue).not.toBe(cells[1]);
    await expectAccessible(page, 'the instance page with a proposed plan');
    await page.getByRole('heading', { name: 'Action plan', level: 2 }).scrollIntoViewIfNeeded();
    await screenshot(page, 'instance');

    await page.getByRole('button', { name: 'Apply' }).click();
    await page
      .getByText('The new input is applied; the plan and the dues were updated.', { exact: false })
      .first()
      .waitFor();
    const after = (await test.admin.get(`/tasks/${instanceId}.signage`)).body.dueAt as string;
    expect(formattedAs(after, 'en', ZONE)).toBe(proposedDue);
    const steps = page.getByRole('region', { name: 'Steps' });
    await steps
      .getByRole('row', { name: /New signage for Lyon Part-Dieu/ })
      .getByText(proposedDue)
      .waitFor();
    await page.getByRole('figure', { name: 'Action plan from now' }).waitFor();
  });

  it('lists the instances, filtered by status', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Instances' }).click();
    await page.getByRole('heading', { name: 'Instances', level: 1 }).waitFor();
    await page.getByRole('link', { name: /^Refit a store, started/ }).waitFor();
    await page.getByLabel('Status').selectOption('completed');
    await page.getByText('No instance matches these filters.').waitFor();
    await page.getByLabel('Status').selectOption('running');
    await page.getByRole('link', { name: /^Refit a store, started/ }).waitFor();
    await expectAccessible(page, 'the instances');
  });

  it('shows the reports, each chart with its table', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByRole('figure', { name: /On-time rate by department/ }).waitFor();
    const cycle = page.getByRole('table', { name: /Median cycle time by department/ });
    await cycle.getByRole('row', { name: /Maintenance/i }).waitFor();
    await page.getByRole('figure', { name: 'Costs by department' }).waitFor();
    const costs = page.getByRole('table', { name: 'Costs by process version' });
    expect(
      await costs
        .getByRole('row', { name: /store-refit v1/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['5,500', '300', '1,000']);
    await page.getByRole('button', { name: 'Show the figures as a table' }).first().click();
    await expectAccessible(page, 'the reports');
    await screenshot(page, 'reports');
  });

  it('skips a failed step, then cancels the instance after a confirmation', async () => {
    const { page } = tab;
    const id = (await manager.post('/definitions/directory-sync/instances', { input: {} })).body.id as string;
    await eventually(async () => {
      const status = await manager.get(`/instances/${id}`);
      return status.body.steps[0].status === 'failed' ? true : null;
    }, 'the call to fail');
    await page.goto(`${baseUrl}/app/instances/${id}`);
    await page.getByRole('heading', { name: 'Sync the directory', level: 1 }).waitFor();
    const steps = page.getByRole('region', { name: 'Steps' });
    await steps.getByRole('button', { name: 'Retry push-accounts' }).waitFor();
    await expectAccessible(page, 'an instance with a failed step');
    await steps.getByRole('button', { name: 'Skip push-accounts' }).click();
    await steps
      .getByRole('row', { name: /push-accounts/ })
      .getByText('Skipped')
      .waitFor();
    await steps
      .getByRole('row', { name: /Check the accounts/ })
      .getByText('Open')
      .waitFor();

    await page.getByRole('button', { name: 'Cancel the instance…' }).click();
    const keep = page.getByRole('button', { name: 'No, keep it running' });
    await keep.waitFor();
    // The dialog takes the focus once it is drawn.
    const focused = () =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
            .activeElement?.textContent,
      );
    await expect.poll(focused).toBe('No, keep it running');
    await expectAccessible(page, 'the cancel confirmation');
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText('The instance has ended: it has no plan left.').waitFor();
    expect((await manager.get(`/instances/${id}`)).body.status).toBe('cancelled');
  });

  it('reads the dashboard in French', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    await page
      .getByRole('region', { name: 'Instances en risque' })
      .getByRole('link', { name: 'Refit a store' })
      .waitFor();
    await page.getByRole('figure', { name: 'Tâches ouvertes et en retard, à cet instant' }).waitFor();
    await expectAccessible(page, 'the dashboard in French');
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(tab.problems).toEqual([]);
  });
});
