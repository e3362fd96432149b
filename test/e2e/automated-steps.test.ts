import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

/** Accounts are created by another system over HTTP; IT then hands the login over. */
const ACCOUNTS = (directoryUrl: string) => `
process: accounts
title: Create accounts
owner: it
input:
  type: object
  required: [name]
  properties:
    name: { type: string }
tasks:
  - id: create-account
    type: call
    method: POST
    url: "${directoryUrl}/accounts"
    headers:
      x-requested-by: baton
    body:
      displayName: "{{ input.name }}"
      quota: 10
    timeout: 2s
    retry: { maxAttempts: 2, initialInterval: 1s }
  - id: hand-over
    title: "Give {{ input.name }} the login {{ steps.\`create-account\`.output.login }}"
    department: it
    after: [create-account]
    due: 1d
`;

/** Nothing here is done by people: a message, a pause and a milestone. */
const ANNOUNCE = `
process: announce
title: Announce an opening
owner: operations
input:
  type: object
  required: [site]
  properties:
    site: { type: string }
tasks:
  - id: tell-teams
    type: notify
    to:
      departments: [logistics, "{{ 'security' }}"]
      roles: [site-manager]
      addresses: ["{{ input.site }}@example.com"]
    subject: "{{ input.site }} opens soon"
    text: "The site {{ input.site }} opens in two seconds."
  - id: countdown
    type: wait
    for: 2s
    after: [tell-teams]
  - id: opening-day
    type: milestone
    title: "{{ input.site }} is open"
    after: [countdown]
`;

interface DirectoryRequest {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
}

describe('automated steps', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let directory: http.Server;
  let directoryUp = false;
  const received: DirectoryRequest[] = [];

  beforeAll(async () => {
    directory = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => {
        text += chunk;
      });
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(text) });
        response.writeHead(directoryUp ? 201 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify(directoryUp ? { login: 'ada.l' } : { error: 'maintenance' }));
      });
    });
    await new Promise<void>((resolve) => directory.listen(0, '127.0.0.1', resolve));
    const { port } = directory.address() as AddressInfo;
    t = await startTestBaton(
      'automated-steps',
      definitionsFolder({ 'accounts.yaml': ACCOUNTS(`http://127.0.0.1:${port}`), 'announce.yaml': ANNOUNCE }),
      { BATON_CALL_HOSTS: `127.0.0.1:${port}` },
    );
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
    directory?.close();
  });

  it('writes notifications to the outbox, waits on a durable timer, then reaches the milestone', async () => {
    const startedAt = Date.now();
    const started = await manager.post('/definitions/announce/instances', { input: { site: 'Lyon' } });
    expect(started.status).toBe(201);
    const id = started.body.id;

    const messages = await manager.get(`/notifications?instance=${id}&kind=notify`);
    expect(messages.body.items.map((item: { recipient: string }) => item.recipient).sort()).toEqual([
      'address:Lyon@example.com',
      'department:logistics',
      'department:security',
      'role:site-manager',
    ]);
    expect(messages.body.items[0]).toMatchObject({
      subject: 'Lyon opens soon',
      message: 'The site Lyon opens in two seconds.',
    });

    const waiting = await manager.get(`/instances/${id}`);
    const countdown = waiting.body.steps.find((step: { stepId: string }) => step.stepId === 'countdown');
    expect(countdown).toMatchObject({ kind: 'wait', status: 'open' });
    expect(Date.parse(countdown.waitUntil)).toBeGreaterThanOrEqual(startedAt + 2_000);

    const finished = await eventually(async () => {
      const status = await manager.get(`/instances/${id}`);
      return status.body.status === 'completed' ? status.body : null;
    }, 'the instance to complete after its wait');
    expect(finished.steps.map((step: { status: string }) => step.status)).toEqual(['done', 'done', 'done']);
    expect(finished.steps[2]).toMatchObject({ kind: 'milestone', title: 'Lyon is open' });
    recordHistory(id, 'announce-notify-wait-milestone');
  });

  it('fails a call whose retries are exhausted, tells the owner, and runs it again when a manager retries', async () => {
    directoryUp = false;
    const id = (await manager.post('/definitions/accounts/instances', { input: { name: 'Ada' } })).body.id;

    const failed = await eventually(async () => {
      const status = await manager.get(`/instances/${id}`);
      const step = status.body.steps.find((candidate: { stepId: string }) => candidate.stepId === 'create-account');
      return step.status === 'failed' ? step : null;
    }, 'the call to fail');
    expect(failed.error).toContain('503');
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({
      headers: { 'x-requested-by': 'baton', 'content-type': 'application/json' },
      body: { displayName: 'Ada', quota: 10 },
    });
    const told = await manager.get(`/notifications?instance=${id}&kind=step-failed`);
    expect(told.body.items).toHaveLength(1);
    expect(told.body.items[0]).toMatchObject({ recipient: 'department:it' });
    expect(told.body.items[0].message).toContain(`/instances/${id}/steps/create-account/retry`);

    const notFailed = await manager.post(`/instances/${id}/steps/hand-over/skip`);
    expect(notFailed.status).toBe(409);

    directoryUp = true;
    const retried = await manager.post(`/instances/${id}/steps/create-account/retry`);
    expect(retried.status).toBe(200);
    const handOver = await eventually(async () => {
      const task = await t.admin.get(`/tasks/${id}.hand-over`);
      return task.status === 200 ? task.body : null;
    }, 'the hand-over task to open');
    expect(handOver.title).toBe('Give Ada the login ada.l');
    recordHistory(id, 'accounts-call-failed-then-retried');
  });

  it('refuses a host outside the allow-list without retrying, and goes on when the step is skipped', async () => {
    const outside = ACCOUNTS('http://localhost:1').replace('process: accounts', 'process: accounts-elsewhere');
    expect((await t.admin.postYaml('/definitions', outside)).status).toBe(201);
    const id = (await manager.post('/definitions/accounts-elsewhere/instances', { input: { name: 'Bo' } })).body.id;

    const failed = await eventually(async () => {
      const status = await manager.get(`/instances/${id}`);
      const step = status.body.steps.find((candidate: { stepId: string }) => candidate.stepId === 'create-account');
      return step.status === 'failed' ? step : null;
    }, 'the call to be refused');
    expect(failed.error).toContain('BATON_CALL_HOSTS');

    const skipped = await manager.post(`/instances/${id}/steps/create-account/skip`);
    expect(skipped.status).toBe(200);
    expect(skipped.body.steps[0].status).toBe('skipped');
    expect((await t.admin.get(`/tasks/${id}.hand-over`)).body).toMatchObject({
      status: 'open',
      title: 'Give Bo the login ',
    });
  });
});
