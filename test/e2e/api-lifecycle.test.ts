import http from 'node:http';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { openDatabase } from '../../db/data-source';
import { Authenticator } from '../../engine/users';
import { findFreePort } from '../../infra/ports';
import { ApiClient } from '../support/api-client';
import { startApiProcess } from '../support/api-process';
import { definitionsFolder, testDatabaseUrl } from '../support/test-baton';
import { eventually } from '../support/wait';

const ADMIN_TOKEN = 'lifecycle-admin-token-of-at-least-32-characters';

const LAPTOP = `
process: laptop
title: Set up a laptop
owner: it
input: { type: object, properties: {} }
tasks:
  - { id: setup, title: Set up the laptop, department: it, due: 2d }
`;

/** A request whose body is still arriving: in flight until `finish` sends the rest. */
function slowRequest(port: number, body: string) {
  let resolveAnswer: (answer: { status: number; body: string }) => void = () => {};
  const answer = new Promise<{ status: number; body: string }>((resolve) => {
    resolveAnswer = resolve;
  });
  const request = http.request(
    {
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/definitions/validate',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'application/yaml',
        'content-length': Buffer.byteLength(body),
      },
    },
    (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on('end', () => resolveAnswer({ status: response.statusCode ?? 0, body: text }));
    },
  );
  const failed = new Promise<never>((_resolve, reject) => request.on('error', reject));
  request.write(body.slice(0, 20));
  return { answer: Promise.race([answer, failed]), finish: () => request.end(body.slice(20)) };
}

/** An open live-updates stream (`GET /events`); resolves `ended` when the server closes it. */
function eventStream(port: number): Promise<{ ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/events', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      (response) => {
        expect(response.statusCode).toBe(200);
        const ended = new Promise<void>((done) => response.on('end', () => done()));
        response.resume();
        resolve({ ended });
      },
    );
    request.on('error', reject);
  });
}

describe('the API process, for orchestrators', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('is live and ready once Postgres, the migrations and Temporal are, and stops gracefully on SIGTERM', async () => {
    const port = await findFreePort();
    const api = await startApiProcess({
      port,
      databaseUrl: await testDatabaseUrl('baton_test_api_lifecycle'),
      adminToken: ADMIN_TOKEN,
      taskQueue: `test-api-lifecycle-${process.pid}`,
      definitionsDir: definitionsFolder({ 'laptop.yaml': LAPTOP }),
      env: { BATON_SHUTDOWN_DELAY: '1' },
    });
    const { child, output } = api;
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const client = new ApiClient(`http://127.0.0.1:${port}`);

    const live = await client.get('/healthz/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await client.get('/healthz/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', postgres: 'up', migrations: 'applied', temporal: 'up' });

    const stream = await eventStream(port);
    const inFlight = slowRequest(port, LAPTOP);
    child.kill('SIGTERM');
    await eventually(async () => output().includes('SIGTERM'), 'the API to take the signal', 10_000);
    // For BATON_SHUTDOWN_DELAY it still serves, not ready, so the load balancer takes it out first.
    const stopping = await client.get('/healthz/ready');
    expect(stopping.status).toBe(503);
    expect(stopping.body).toMatchObject({ status: 'stopping', postgres: 'up', temporal: 'up' });

    // The live page's stream is ended (its browser reconnects elsewhere); the request in flight is answered in full.
    await stream.ended;
    inFlight.finish();
    expect(await inFlight.answer).toEqual({
      status: 200,
      body: JSON.stringify({ valid: true, key: 'laptop', steps: 1 }),
    });
    expect(await api.exited()).toBe(0);
    expect(logLines(output()).at(-1)).toMatchObject({ level: 'info', service: 'baton-api', msg: 'stopped.' });
    await expect(client.get('/healthz/live')).rejects.toThrow();
  });

  it('logs each request as one JSON line with its id, status and caller; a refusal without a stack or a secret', async () => {
    const port = await findFreePort();
    const api = await startApiProcess({
      port,
      databaseUrl: await testDatabaseUrl('baton_test_api_lifecycle'),
      adminToken: ADMIN_TOKEN,
      taskQueue: `test-api-lifecycle-${process.pid}`,
    });
    cleanups.push(async () => {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    });
    const ask = (path: string, requestId: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': requestId },
      });
    const refused = await ask('/tasks/no-such-task', 'lifecycle-404');
    expect(refused.status).toBe(404);
    expect(refused.headers.get('x-request-id')).toBe('lifecycle-404');
    const named = await fetch(`http://127.0.0.1:${port}/healthz/live`);
    const generated = named.headers.get('x-request-id') ?? '';
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const lineOf = (id: string) => logLines(api.output()).find((line) => fields(line.req).id === id);
    const refusal = await eventually(async () => lineOf('lifecycle-404'), 'the refusal to be logged');
    expect(refusal).toMatchObject({
      level: 'info',
      service: 'baton-api',
      msg: 'GET /tasks/no-such-task 404',
      req: { id: 'lifecycle-404', method: 'GET', url: '/tasks/no-such-task' },
      res: { statusCode: 404 },
      actor: 'admin',
    });
    expect(typeof refusal.responseTime).toBe('number');
    expect(refusal).not.toHaveProperty('err');
    expect(await eventually(async () => lineOf(generated), 'the probe to be logged')).toMatchObject({
      res: { statusCode: 200 },
    });
    expect(api.output()).not.toContain(ADMIN_TOKEN);
    api.child.kill('SIGTERM');
    expect(await api.exited()).toBe(0);
  });

  it('is not ready while its database lacks migrations, and says so', async () => {
    const db = await openDatabase(await testDatabaseUrl('baton_test_unmigrated'));
    cleanups.push(() => db.destroy());
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    cleanups.push(() => connection.close());
    const authenticator = new Authenticator(db, ADMIN_TOKEN);
    const app = createApp(
      { db, temporal: new Client({ connection }), taskQueue: 'unused', dataDirectory: '', calendarsDirectory: '' },
      { authenticator, mailer: null, publicUrl: () => 'http://localhost' },
    );
    const server = app.listen(0, '127.0.0.1');
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const ready = await fetch(`${baseUrl}/healthz/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      postgres: 'up',
      migrations: 'pending',
      temporal: 'up',
    });
    expect((await fetch(`${baseUrl}/healthz/live`)).status).toBe(200);
  });
});

/** The JSON lines a process logged (`npm run api`: one object per line). */
function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function fields(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
