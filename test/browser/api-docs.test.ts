import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithoutEngine } from '../../api/contract/web-types';
import { launchBrowser, openTab } from './support';

/** `/docs`: the API's reference drawn from `/openapi.json` by Swagger UI, served by Baton itself. */
describe('the interactive API documentation', () => {
  let browser: Browser;
  let server: ReturnType<ReturnType<typeof appWithoutEngine>['listen']>;
  let base = '';

  beforeAll(async () => {
    // `/docs` and `/openapi.json` need no engine nor sign-in: the app without one serves them as the real one does.
    server = appWithoutEngine().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('lists the operations of the document, loading nothing from outside the server', async () => {
    const { page, problems } = await openTab(browser);
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) elsewhere.push(request.url());
    });
    await page.goto(`${base}/docs`);
    await page.getByText("Tasks: a department's inbox, a person's work, an instance's tasks").waitFor();
    await page.getByRole('button', { name: /Authorize/ }).waitFor();
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('serves the document it reads, publicly', async () => {
    const response = await fetch(`${base}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Baton' } });
  });
});
