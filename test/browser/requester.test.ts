import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailInbox } from '../support/mail-inbox';
import { SHIPPED_DEFINITIONS, startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import {
  type BrowserTab,
  expectAccessible,
  formattedAs,
  launchBrowser,
  openTab,
  screenshot,
  signInWithToken,
} from './support';

/**
 * A requester in a real browser: signs in with a token, asks the service desk for help from the
 * catalogue (the API's own refusal shown on the field first), follows the request with its
 * expected date in their zone, comments, finds it among their requests and signs out; another
 * signs in with a link by e-mail and reads the app in French.
 */
describe('a requester in the browser', () => {
  let test: TestBaton;
  let browser: Browser;
  let tab: BrowserTab;
  let token: string;
  let baseUrl: string;
  let requestUrl = '';
  let inbox: MailInbox;

  beforeAll(async () => {
    inbox = await MailInbox.open();
    [test, browser] = await Promise.all([
      startTestBaton('browser_requester', SHIPPED_DEFINITIONS, { BATON_SMTP_URL: inbox.url }),
      launchBrowser(),
    ]);
    baseUrl = test.baton.apiUrl;
    const ada = await person(test.admin, {
      name: 'Ada Lovelace',
      role: 'requester',
      department: 'finance',
      email: 'ada@example.com',
      timeZone: 'America/New_York',
      locale: 'en',
    });
    token = ada.client.token ?? '';
    tab = await openTab(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await test?.stop();
    await inbox?.close();
  });

  it('signs in with a token and lands on the catalogue', async () => {
    const { page } = tab;
    await page.goto(`${baseUrl}/app/requests`);
    // Not signed in: the sign-in page, which brings the user back where they were going.
    await page.waitForURL(/\/app\/sign-in\?next=%2Frequests/);
    await page.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();
    await expectAccessible(page, 'the sign-in page');
    await screenshot(page, 'sign-in');

    await page.getByLabel('API token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This token is unknown, replaced, or its user deactivated.').waitFor();

    await signInWithToken(page, baseUrl, token);
    await page.getByRole('heading', { name: 'Ask for something', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/catalogue');
    // A requester asks and follows; the inbox is for the departments' staff.
    const navigation = page.getByRole('navigation', { name: 'Main' });
    expect(await navigation.getByRole('link').allInnerTexts()).toEqual(['Ask for something', 'My requests']);
  });

  it('can be used with the keyboard: the skip link leads to the content', async () => {
    const { page } = tab;
    // From the top of the page, as after loading it.
    await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { activeElement: { blur?(): void } | null } };
      document.activeElement?.blur?.();
    });
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // The next stop after the skip link's target is the page's own first control, not the menu.
    expect(await page.locator(':focus').getAttribute('type')).toBe('search');
  });

  it('finds the service desk in the catalogue, by category and by search', async () => {
    const { page } = tab;
    await page.getByRole('heading', { name: 'Service desk', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Handle a service-desk request' }).waitFor();
    await expectAccessible(page, 'the catalogue');
    await screenshot(page, 'catalogue');

    const search = page.getByLabel('Search the catalogue');
    await search.fill('zeppelin');
    await page.getByText('Nothing matches “zeppelin”.').waitFor();
    await search.fill('broken');
    await page.getByRole('link', { name: 'Handle a service-desk request' }).waitFor();
  });

  it('says the same of a form not offered to them as of one that does not exist', async () => {
    const { page } = tab;
    for (const key of ['employee-onboarding', 'zeppelin']) {
      await page.goto(`${baseUrl}/app/catalogue/${key}`);
      await page.getByText('This is not in the catalogue (any more), or not offered to you.').waitFor();
    }
    await page.getByRole('link', { name: 'Ask for something' }).first().click();
    await page.getByRole('heading', { name: 'Ask for something', level: 1 }).waitFor();
  });

  it('shows the API’s own messages on the fields it refuses', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Handle a service-desk request' }).click();
    await page.getByRole('heading', { name: 'Handle a service-desk request', level: 1 }).waitFor();
    await page.locator('#request_kind').selectOption('incident');
    await page.locator('#request_category').selectOption('it');
    await page.locator('#request_priority').selectOption('high');
    await page.locator('#request_site').fill('Lyon');
    await page.getByRole('button', { name: 'Send the request' }).click();

    await page.getByText('Some fields need a change before the request can be sent.').waitFor();
    const summaryError = page.locator('#request_summary__error');
    await expect.poll(() => summaryError.textContent()).toContain('is required');
    expect(await page.locator('#request_site__error').textContent()).toContain('must match pattern');
    // The first field in error on the page has the focus, its message tied to it.
    // Required fields come first, in the order the form's `required` lists them: summary before site.
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('request_summary');
    expect(await page.locator('#request_summary').getAttribute('aria-describedby')).toContain('request_summary__error');
    await expectAccessible(page, 'the request form with errors');
    await screenshot(page, 'request-form');
  });

  it('sends the request and sees it with its expected date in the requester’s zone', async () => {
    const { page } = tab;
    await page.locator('#request_site').fill('LYO-012');
    await page.locator('#request_summary').fill('The printer on the 3rd floor jams');
    await page.locator('#request_details').fill('Every page since this morning.');
    await page.getByRole('button', { name: 'Send the request' }).click();

    await page.waitForURL(/\/app\/requests\/[^/]+$/);
    requestUrl = page.url();
    // Named by what it is about (the process's requestSubject), its kind beside it.
    await page.getByRole('heading', { name: 'The printer on the 3rd floor jams', level: 1 }).waitFor();
    await page.getByText('Handle a service-desk request').waitFor();
    await page.getByText('In progress').waitFor();
    const expected = page.locator('[data-testid="expected-at"] time');
    await expected.waitFor();
    const instant = (await expected.getAttribute('datetime')) ?? '';
    expect(Number.isNaN(Date.parse(instant))).toBe(false);
    expect(await expected.textContent()).toBe(formattedAs(instant, 'en', 'America/New_York'));
    expect(await expected.textContent()).toMatch(/E[SD]T$/);
    await page.getByRole('heading', { name: 'Waiting on' }).waitFor();
    await page
      .getByText(/Service desk: Incident: The printer on the 3rd floor jams/i)
      .first()
      .waitFor();
  });

  it('comments on the request', async () => {
    const { page } = tab;
    await page.getByLabel('Add a comment').fill('It is the one by the window.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.locator('.comment-body', { hasText: 'It is the one by the window.' }).waitFor();
    await page.locator('.timeline', { hasText: 'Ada Lovelace: It is the one by the window.' }).waitFor();
    await expectAccessible(page, 'the request page');
    await screenshot(page, 'request');
  });

  it('finds the request among theirs', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My requests' }).click();
    await page.getByRole('heading', { name: 'My requests', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /The printer on the 3rd floor jams · Handle a service-desk request/ });
    await row.waitFor();
    await row.getByRole('link', { name: 'The printer on the 3rd floor jams' }).click();
    expect(page.url()).toBe(requestUrl);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My requests' }).click();
    await page.getByRole('row', { name: /The printer on the 3rd floor jams/ }).waitFor();
    await expectAccessible(page, 'my requests');
    await screenshot(page, 'requests');
  });

  it('signs out, after which the pages ask to sign in again', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();
    await page.goto(requestUrl);
    await page.waitForURL(/\/app\/sign-in\?next=/);
    expect(tab.problems).toEqual([]);
  });

  it('signs in with a link by e-mail, and reads the app in French, dates in their zone', async () => {
    const claire = await person(test.admin, {
      name: 'Claire Dupont',
      role: 'requester',
      department: 'hr',
      email: 'claire@example.com',
      timeZone: 'Europe/Paris',
      locale: 'fr',
    });
    const asked = await claire.client.post('/catalogue/service-desk-request/requests', {
      input: { kind: 'request', category: 'equipment', priority: 'low', summary: 'Un écran de plus' },
    });
    expect(asked.status).toBe(201);
    const french = await openTab(browser);
    try {
      const { page } = french;
      await page.goto(`${baseUrl}/app/sign-in`);
      await page.getByLabel('Your e-mail address').fill('claire@example.com');
      await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
      await page
        .getByText('If claire@example.com belongs to someone Baton knows, a sign-in link is on its way.')
        .waitFor();
      const linkOf = () =>
        inbox
          .to('claire@example.com')
          .map((mail) => /https?:\/\/\S+\/app\/sign-in#token=[\w.~-]+/.exec(mail.text ?? '')?.[0])
          .find(Boolean);
      await expect.poll(linkOf, { timeout: 15_000 }).toBeTruthy();
      const link = linkOf() ?? '';

      await page.goto(link);
      await page.getByRole('heading', { name: 'Faire une demande', level: 1 }).waitFor();
      // The token leaves the address bar (and the history) once used.
      expect(page.url()).not.toContain('token=');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await page.getByRole('link', { name: 'Mes demandes' }).click();
      const row = page.getByRole('row', { name: /Handle a service-desk request/ });
      await row.getByText('En cours').waitFor();
      const started = formattedAs(asked.body.startedAt, 'fr', 'Europe/Paris');
      expect(await row.getByRole('cell').nth(2).textContent()).toBe(started);
      await expectAccessible(page, 'my requests, in French');
      // Its story is told in French, from the timeline's facts.
      await row.getByRole('link', { name: 'Un écran de plus' }).click();
      await page.getByRole('heading', { name: 'Un écran de plus', level: 1 }).waitFor();
      const story = page.locator('.timeline');
      await story.getByText('Vous avez demandé : Un écran de plus').waitFor();
      await story.getByText(/En attente de Service desk : /).waitFor();

      // A link works once.
      const again = await openTab(browser);
      await again.page.goto(link);
      await again.page.getByText('This sign-in link has expired or was already used.').waitFor();
      await again.context.close();
      expect(french.problems).toEqual([]);
    } finally {
      await french.context.close();
    }
  });
});
