import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiResponseHeaders } from '../../api/response-headers';
import { webApp } from '../../api/web-app';

/** The web app's files as the API serves them: caching, the Content-Security-Policy, the SPA fallback. */
describe('serving the web app', () => {
  const built = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-web-dist-'));
  const missing = path.join(built, 'not-built');
  let server: ReturnType<express.Express['listen']>;
  let base = '';

  beforeAll(async () => {
    fs.mkdirSync(path.join(built, 'assets'));
    fs.mkdirSync(path.join(built, '.vite'));
    fs.writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>Baton</title>');
    fs.writeFileSync(path.join(built, 'assets', 'index-abc123.js'), 'console.log(1);');
    fs.writeFileSync(path.join(built, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(built, '.vite', 'manifest.json'), '{}');
    // As in api/app.ts: the API's headers first, then the app, then everything else.
    const app = express();
    app.use(apiResponseHeaders);
    app.use('/missing', webApp({ distDir: missing }));
    app.use(webApp({ distDir: built }));
    app.use((_request, response) => response.status(401).json({ code: 'unauthenticated' }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(built, { recursive: true, force: true });
  });

  const get = (url: string) => fetch(`${base}${url}`, { redirect: 'manual' });

  it('redirects / to the app', async () => {
    const response = await get('/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/app/');
  });

  it('serves hashed assets for a year, immutable', async () => {
    const response = await get('/app/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('console.log(1);');
  });

  it('answers 404 for an asset that is not there, uncached', async () => {
    const response = await get('/app/assets/index-gone.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  for (const page of [
    '/app',
    '/app/',
    '/app/sign-in',
    '/app/requests/0c6f0b2e-7a0e-4d35-9d3c-5c1e0f3a9b11',
    // A task's id has a dot; the page must load from a link in a mail, or on a reload.
    '/app/tasks/0c6f0b2e-7a0e-4d35-9d3c-5c1e0f3a9b11.first-level',
    '/app/tasks/0c6f0b2e-7a0e-4d35-9d3c-5c1e0f3a9b11.equipment[2]',
    '/app/index.html',
  ]) {
    it(`answers ${page} with the app's page, never cached, under a strict policy`, async () => {
      const response = await get(page);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).toContain("frame-ancestors 'none'");
      expect(await response.text()).toContain('<title>Baton</title>');
    });
  }

  it('answers 404 for a file the build does not have, and hides the build manifest', async () => {
    for (const file of ['/app/robots.txt', '/app/.vite/manifest.json', '/app/sw.js', '/app/logo.PNG']) {
      const response = await get(file);
      expect(response.status, file).toBe(404);
    }
  });

  it('serves the icon, revalidated', async () => {
    const response = await get('/app/favicon.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('leaves the API alone', async () => {
    expect((await get('/tasks')).status).toBe(401);
    expect((await get('/application')).status).toBe(401);
  });

  it('answers 503 saying how to build it when it is not built', async () => {
    const response = await get('/missing/app/inbox');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { detail: string }).detail).toContain('npm run build:web');
  });
});
