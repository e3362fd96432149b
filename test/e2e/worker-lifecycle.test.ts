import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, REPO_ROOT, startTestBaton, type TestBaton, testDatabaseUrl } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

const NAME = 'worker_lifecycle';

/** A mailbox is made by another system, slowly; IT then hands it over. */
const PROVISION = (mailUrl: string) => `
process: provision
title: Provision a mailbox
owner: it
input: { type: object, properties: {} }
tasks:
  - id: create-mailbox
    type: call
    method: POST
    url: "${mailUrl}/mailboxes"
    timeout: 30s
  - id: hand-over
    title: Hand over the mailbox
    department: it
    after: [create-mailbox]
    due: 1d
`;

/** `npm run worker` as production runs it: its own process, told to stop with SIGTERM. */
async function startWorkerProcess(): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'worker.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: await testDatabaseUrl(`baton_test_${NAME}`),
      BATON_TASK_QUEUE: `test-${NAME}-${process.pid}`,
      BATON_CALL_HOSTS: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await eventually(async () => output.includes('polling task queue'), 'the worker to poll', 90_000);
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('a worker told to stop while a call is in flight', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let mailServer: http.Server;
  let answer: () => void = () => {};
  const requests: string[] = [];

  beforeAll(async () => {
    mailServer = http.createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      // Held until the test lets it go: the activity is in flight meanwhile.
      answer = () => response.writeHead(201, { 'content-type': 'application/json' }).end('{"mailbox":"ada"}');
    });
    await new Promise<void>((resolve) => mailServer.listen(0, '127.0.0.1', resolve));
    const mailUrl = `http://127.0.0.1:${(mailServer.address() as AddressInfo).port}`;
    t = await startTestBaton(NAME, definitionsFolder({ 'provision.yaml': PROVISION(mailUrl) }), {
      BATON_CALL_HOSTS: '127.0.0.1',
    });
    manager = await userClient(t.admin, 'manager');
    // The instance runs on a worker process of its own; the in-process one comes back at the end.
    await t.baton.stopWorker();
  });

  afterAll(async () => {
    await t?.stop();
    await new Promise((resolve) => mailServer?.close(resolve));
  });

  it('lets the call finish, reports it, and exits 0; the instance goes on without calling twice', async () => {
    const { child, output } = await startWorkerProcess();
    try {
      const started = manager.post('/definitions/provision/instances', { input: {} });
      await eventually(async () => requests.length === 1, 'the call to reach the mail system', 30_000);

      child.kill('SIGTERM');
      await eventually(async () => output().includes('finishing the activities in flight'), 'the worker to drain');
      expect(child.exitCode).toBeNull();
      answer();
      expect(await exitOf(child)).toBe(0);
      expect(output()).toMatch(/"service":"baton-worker","msg":"stopped."/);

      // The start answers once the instance runs on: with a worker again.
      await t.baton.startWorker();
      const id = (await started).body.id;
      const handOver = await eventually(async () => {
        const tasks = (await manager.get(`/tasks?instance=${id}&status=open`)).body.items;
        return tasks.find((task: { stepId: string }) => task.stepId === 'hand-over');
      }, 'the next step to open');
      expect(handOver.title).toBe('Hand over the mailbox');
      const call = (await manager.get(`/instances/${id}`)).body.steps.find(
        (step: { stepId: string }) => step.stepId === 'create-mailbox',
      );
      expect(call.status).toBe('done');
      expect(requests).toEqual(['POST /mailboxes']);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
