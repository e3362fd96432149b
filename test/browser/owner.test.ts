import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { type BrowserTab, expectAccessible, launchBrowser, openTab, screenshot, signInWithToken } from './support';

/** Where the keyboard's focus is: in the editor's text, or on an element with that text. */
async function focused(page: Page): Promise<{ inEditor: boolean; text: string | null }> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as {
      document: {
        activeElement: { classList: { contains(name: string): boolean }; textContent: string | null } | null;
      };
    };
    const element = document.activeElement;
    return { inEditor: element?.classList.contains('cm-content') ?? false, text: element?.textContent ?? null };
  });
}

const EXAMPLE_INPUT = fs.readFileSync(
  path.join(REPO_ROOT, 'definitions', 'examples', 'employee-onboarding.json'),
  'utf8',
);

/**
 * A process owner in a real browser: opens a deployed process, breaks its YAML in the editor
 * (a field name mistyped), sees the API's error as a marker at its line and in the list under
 * the editor, fixes it from the list, plans a dry run of the draft for an example input (the
 * input's errors on the field first, then the Gantt chart), and deploys it as a new version.
 */
describe('a process owner in the browser', () => {
  let test: TestBaton;
  let browser: Browser;
  let tab: BrowserTab;
  let baseUrl: string;
  let token: string;

  beforeAll(async () => {
    [test, browser] = await Promise.all([startTestBaton('browser_owner'), launchBrowser()]);
    baseUrl = test.baton.apiUrl;
    const owner = await person(test.admin, {
      name: 'Frances Allen',
      role: 'owner',
      department: 'hr',
      email: 'frances@example.com',
      timeZone: 'Europe/Paris',
      locale: 'en',
    });
    token = owner.client.token ?? '';
    tab = await openTab(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await test?.stop();
  });

  it('lands on the deployed processes', async () => {
    const { page } = tab;
    await signInWithToken(page, baseUrl, token);
    expect(new URL(page.url()).pathname).toBe('/app/definitions');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    expect(await navigation.getByRole('link').allTextContents()).toContain('Processes');
    await page.getByRole('heading', { name: 'Processes', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /Onboard a new employee/ });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('1');
    await expectAccessible(page, 'the processes');
    await screenshot(page, 'definitions');
  });

  it('opens a process: its versions and its YAML, read-only', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Onboard a new employee' }).click();
    await page.getByRole('heading', { name: 'Onboard a new employee', level: 1 }).waitFor();
    expect(await page.getByTestId('latest-version').textContent()).toBe('1');
    const source = page.getByRole('textbox', { name: 'YAML of version 1' });
    await source.getByText('process: employee-onboarding').waitFor();
    expect(await source.getAttribute('aria-readonly')).toBe('true');
    expect(await page.getByRole('table').last().getByRole('row').count()).toBe(2);
    await expectAccessible(page, 'a process');
    await screenshot(page, 'definition');
  });

  it('breaks the YAML in the editor and sees the error at its line', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Edit the YAML' }).click();
    await page.getByRole('heading', { name: 'Edit Onboard a new employee', level: 1 }).waitFor();
    const status = page.getByTestId('check-status');
    await status.getByText(/^Valid: employee-onboarding, \d+ steps\.$/).waitFor();

    // A field name mistyped on line 3: `title` becomes `titel`.
    await page.locator('.cm-line', { hasText: 'title: Onboard a new employee' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('titel: Onboard a new employee');
    await status.getByText(/errors?\.$/).waitFor();

    const errors = page.getByRole('list', { name: 'Errors' });
    const typo = errors.getByRole('listitem').filter({ hasText: 'titel' });
    await typo.waitFor();
    expect(await typo.getByRole('button').textContent()).toBe('Line 3, column 1');
    // The marker is on line 3 of the editor, under the mistyped name, and in the gutter.
    const line3 = page.locator('.cm-content .cm-line').nth(2);
    expect(await line3.locator('.cm-lintRange-error').textContent()).toBe('titel');
    await page.locator('.cm-gutter-lint .cm-lint-marker-error').first().waitFor();
    await line3.locator('.cm-lintRange-error').hover();
    await page.locator('.cm-tooltip-lint').getByText(/titel/).waitFor();
    await expectAccessible(page, 'the editor with an error');
    await screenshot(page, 'definition-editor');
  });

  it('fixes the error from the list, sees the YAML valid, and leaves the editor by Escape then Tab', async () => {
    const { page } = tab;
    const errors = page.getByRole('list', { name: 'Errors' });
    await errors.getByRole('button', { name: 'Line 3, column 1' }).click();
    // The cursor is at the error, in the editor.
    await expect.poll(async () => (await focused(page)).inEditor).toBe(true);
    expect(await page.locator('.cm-activeLine').textContent()).toBe('titel: Onboard a new employee');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Delete');
    await page.keyboard.type('title');
    await page.keyboard.press('End');
    await page.keyboard.type(' and welcome them');
    await page
      .getByTestId('check-status')
      .getByText(/^Valid: employee-onboarding, \d+ steps\.$/)
      .waitFor();
    expect(await errors.count()).toBe(0);

    // Tab indents in the editor (undone here); Escape then Tab moves on.
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect((await focused(page)).inEditor).toBe(true);
    await page.locator('.cm-activeLine', { hasText: /^\s+title: Onboard/ }).waitFor();
    await page.keyboard.press('Control+z');
    await page.locator('.cm-activeLine', { hasText: /^title: Onboard/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect((await focused(page)).inEditor).toBe(false);
    expect((await focused(page)).text).toBe('Deploy');
  });

  it('plans a dry run: the input’s errors on the field, then the Gantt chart and costs', async () => {
    const { page } = tab;
    // The draft's start form, its required fields filled in with their first values: the API's refusal on the fields.
    await page.getByLabel('With the start form').waitFor();
    expect(await page.getByLabel('With the start form').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByText('The example input needs a change: see the errors on the fields.').waitFor();
    await page.locator('#plan-input-form_employeeName__error').waitFor();
    await expectAccessible(page, 'the dry run’s form with errors');

    // The same input as JSON; then the shipped example's.
    await page.getByLabel('As JSON').check();
    const input = page.getByLabel('Example input (JSON)');
    expect(JSON.parse(await input.inputValue())).toMatchObject({ jobRole: 'cashier', sites: [{ type: 'store' }] });
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#plan-input-errors').textContent()).toContain('/employeeName');
    await input.fill(EXAMPLE_INPUT);
    await page.getByLabel('Start date').fill('2027-01-04');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const plan = page.getByTestId('plan');
    await plan.getByRole('heading', { name: 'Plan of Onboard a new employee and welcome them' }).waitFor();
    await plan.getByRole('img', { name: /^Gantt chart of \d+ rows, from Jan 4, 2027/ }).waitFor();
    expect(await plan.getByTestId('expected-finish').textContent()).toMatch(/2027/);
    expect(Number((await plan.getByTestId('total-cost').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(await input.getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page, 'the dry run');
    await page.getByRole('heading', { name: 'Dry run' }).scrollIntoViewIfNeeded();
    await plan.scrollIntoViewIfNeeded();
    await screenshot(page, 'definition-plan');
  });

  it('deploys the YAML as version 2 and sees it on the process’s page', async () => {
    const { page } = tab;
    // Leaving with changes not deployed asks first; staying keeps them.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
    const question = page.getByRole('alertdialog', { name: /Your changes are not deployed/ });
    await question.waitFor();
    // The question takes the focus once it is drawn.
    await expect.poll(async () => (await focused(page)).text).toBe('Stay and keep editing');
    await expectAccessible(page, 'the question before leaving');
    await question.getByRole('button', { name: 'Stay and keep editing' }).click();
    await question.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/app/definitions/employee-onboarding/edit');
    await page.locator('.cm-line', { hasText: 'title: Onboard a new employee and welcome them' }).waitFor();

    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app/definitions/employee-onboarding');
    await page.getByText('Version 2 is deployed: new instances start with it; running ones keep theirs.').waitFor();
    await page.getByRole('heading', { name: 'Onboard a new employee and welcome them', level: 1 }).waitFor();
    expect(await page.getByTestId('latest-version').textContent()).toBe('2');
    expect(await page.getByRole('table').last().getByRole('row').count()).toBe(3);
    await expectAccessible(page, 'the deployed process');

    const deployed = await test.admin.get('/definitions/employee-onboarding');
    expect(deployed.body.version).toBe(2);
    expect(deployed.body.source).toContain('title: Onboard a new employee and welcome them');
    expect(tab.problems).toEqual([]);
  });

  it('writes a new process from the template and deploys it as version 1', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
    await page.getByRole('link', { name: 'New process' }).click();
    await page.getByRole('heading', { name: 'New process', level: 1 }).waitFor();
    await page.getByTestId('check-status').getByText('Valid: new-process, 1 step.').waitFor();
    // The start form of the template, its name empty: the API's refusal on the field, then a plan.
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.locator('#plan-input-form_name__error').waitFor();
    await page.getByLabel('name').fill('Lyon office');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByTestId('plan').getByRole('heading', { name: 'Plan of A new process' }).waitFor();
    await expectAccessible(page, 'a new process');

    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app/definitions/new-process');
    await page.getByText('Version 1 is deployed: new instances start with it; running ones keep theirs.').waitFor();
    expect(await page.getByTestId('latest-version').textContent()).toBe('1');

    // The same YAML deployed again is no new version.
    await page.getByRole('link', { name: 'Edit the YAML' }).click();
    await page.getByTestId('check-status').getByText('Valid: new-process, 1 step.').waitFor();
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByText('This YAML is already deployed as version 1: nothing changed.').waitFor();
    expect(await page.getByRole('table').last().getByRole('row').count()).toBe(2);
  });

  it('reads the pages in French', async () => {
    const { page } = tab;
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('link', { name: 'Modifier le YAML' }).waitFor();
    await page.getByRole('heading', { name: 'YAML de la version 1', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Modifier le YAML' }).click();
    await page
      .getByText('Tab indente ; pour quitter l’éditeur au clavier, appuyez sur Échap, puis Tab.', { exact: false })
      .waitFor();
    await page.getByTestId('check-status').getByText('Valide : new-process, 1 étape.').waitFor();
    await page.getByRole('heading', { name: 'Simulation', level: 2 }).waitFor();
    await expectAccessible(page, 'the editor in French');
    expect(tab.problems).toEqual([]);
  });
});
