import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { type BrowserTab, expectAccessible, launchBrowser, openTab, screenshot, signInWithToken } from './support';

/**
 * Service-desk staff in a real browser: the inbox shows a new request's task without a reload
 * (Server-Sent Events), and the task is claimed, refused then completed with its form, and commented.
 */
describe('service-desk staff in the browser', () => {
  let test: TestBaton;
  let browser: Browser;
  let tab: BrowserTab;
  let baseUrl: string;
  let requester: ApiClient;
  let staffToken: string;
  let taskUrl = '';

  beforeAll(async () => {
    [test, browser] = await Promise.all([startTestBaton('browser_staff'), launchBrowser()]);
    baseUrl = test.baton.apiUrl;
    const grace = await person(test.admin, {
      name: 'Grace Hopper',
      role: 'staff',
      department: 'service-desk',
      email: 'grace@example.com',
      timeZone: 'Europe/Paris',
      locale: 'en',
    });
    staffToken = grace.client.token ?? '';
    requester = (
      await person(test.admin, {
        name: 'Alan Turing',
        role: 'requester',
        department: 'finance',
        email: 'alan@example.com',
      })
    ).client;
    tab = await openTab(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await test?.stop();
  });

  it('opens on the inbox, live', async () => {
    const { page } = tab;
    await signInWithToken(page, baseUrl, staffToken);
    expect(new URL(page.url()).pathname).toBe('/app/inbox');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    expect(await navigation.getByRole('link').allTextContents()).toEqual(['Inbox', 'Ask for something', 'My requests']);
    await page.getByText('You hold no open task.').waitFor();
    await page.getByRole('link', { name: 'Unclaimed in service-desk' }).click();
    await page.getByText('No task is waiting to be claimed.').waitFor();
    await page.getByText('Updates live').waitFor();
  });

  it('shows a new request’s task as it opens, without a reload', async () => {
    const { page } = tab;
    await page.evaluate(() => {
      (globalThis as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const asked = await requester.post('/catalogue/service-desk-request/requests', {
      input: { kind: 'incident', category: 'it', priority: 'high', summary: 'Printer on fire' },
    });
    expect(asked.status).toBe(201);
    const link = page.getByRole('link', { name: 'Incident: Printer on fire (Alan Turing)' });
    await link.waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    const row = page.getByRole('row', { name: /Printer on fire/ });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('service-desk');
    await expectAccessible(page, 'the inbox');
    await screenshot(page, 'inbox');

    const search = page.getByLabel('Search by title');
    await search.fill('scanner');
    await page.getByText('No task matches “scanner”.').waitFor();
    // The API searches every open task of the queue (`q`), not only the page shown; the address keeps the filters.
    await search.fill('PRINTER');
    await link.waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('PRINTER');
    await page.getByLabel('Overdue only').check();
    await page.getByText('No task matches “PRINTER”.').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('overdue')).toBe('1');
    await page.getByLabel('Overdue only').uncheck();
    await link.click();
    await page.getByRole('heading', { name: 'Incident: Printer on fire (Alan Turing)', level: 1 }).waitFor();
    taskUrl = page.url();
  });

  it('claims the task', async () => {
    const { page } = tab;
    expect(await page.getByTestId('holder').textContent()).toBe('nobody: it waits in the queue');
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByTestId('holder').getByText('Grace Hopper').waitFor();
    await page.getByRole('button', { name: 'Put back in the queue' }).waitFor();
  });

  it('comments on the task', async () => {
    const { page } = tab;
    await page.getByLabel('Add a comment').fill('Fire brigade called; checking the fuser.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.locator('.comment-body', { hasText: 'Fire brigade called; checking the fuser.' }).waitFor();
  });

  it('completes it with its form, the API’s refusal shown on the field first', async () => {
    const { page } = tab;
    await page.getByLabel('solved').check();
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByText('Some fields need a change before the task can be completed.').waitFor();
    expect(await page.locator('#output_resolution__error').textContent()).toContain('is required');
    await expectAccessible(page, 'the task page');
    await screenshot(page, 'task');

    await page.locator('#output_resolution').fill('Replaced the fuser unit.');
    await page.getByLabel('Actual cost (optional)').fill('40');
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByRole('heading', { name: 'What was recorded' }).waitFor();
    await page.getByText('Replaced the fuser unit.').waitFor();
    await page.getByText(/Completed by Grace Hopper on/).waitFor();
    await expectAccessible(page, 'a done task');

    const task = await test.admin.get(new URL(taskUrl).pathname.replace('/app', ''));
    expect(task.body).toMatchObject({
      status: 'done',
      output: { solved: true, resolution: 'Replaced the fuser unit.' },
    });
    expect(task.body.actualCost).toBe(40);
  });

  it('sees the done task leave the inbox', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByText('You hold no open task.').waitFor();
    expect(tab.problems).toEqual([]);
  });

  it('opens the inbox with one read of the session and one of its first page, started before the page renders', async () => {
    const page = await tab.context.newPage();
    try {
      const reads: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (!url.pathname.startsWith('/app')) reads.push(`${request.method()} ${url.pathname}`);
      });
      await page.goto(`${baseUrl}/app/inbox?tab=unclaimed`);
      await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      await page.getByText('No task is waiting to be claimed.').waitFor();
      expect(reads.filter((read) => read !== 'GET /events').sort()).toEqual(['GET /auth/session', 'GET /tasks']);
    } finally {
      await page.close();
    }
  });

  it('lets the department’s lead give a task to one of its people', async () => {
    const lead = await person(test.admin, {
      name: 'Linus Lead',
      role: 'staff',
      department: 'service-desk',
      email: 'linus@example.com',
    });
    expect((await test.admin.put('/departments/service-desk', { name: 'Service desk', lead: lead.id })).status).toBe(
      200,
    );
    const asked = await requester.post('/catalogue/service-desk-request/requests', {
      input: { kind: 'incident', category: 'it', priority: 'low', summary: 'Badge reader beeps' },
    });
    expect(asked.status).toBe(201);

    const leadTab = await openTab(browser);
    try {
      const { page } = leadTab;
      await signInWithToken(page, baseUrl, lead.client.token ?? '');
      await page.goto(`${baseUrl}/app/tasks/${asked.body.id}.first-level`);
      const picker = page.getByLabel('Give it to');
      await picker.selectOption({ label: 'Grace Hopper' });
      await page.getByRole('button', { name: 'Assign', exact: true }).click();
      await expect.poll(() => page.getByTestId('holder').textContent()).toBe('Grace Hopper');
      await expectAccessible(page, 'a task, to its department’s lead');
      expect(leadTab.problems).toEqual([]);
    } finally {
      await leadTab.context.close();
    }
    const task = await test.admin.get(`/tasks/${asked.body.id}.first-level`);
    expect(task.body.assignee).toMatchObject({ name: 'Grace Hopper' });
  });
});
