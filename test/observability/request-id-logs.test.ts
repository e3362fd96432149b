import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../infra/ports';
import { ApiClient } from '../support/api-client';
import { type ApiProcess, startApiProcess } from '../support/api-process';
import { definitionsFolder, testDatabaseUrl } from '../support/test-baton';
import { eventually } from '../support/wait';
import { killIfRunning, logLines, startWorkerProcess, stopProcess, type WorkerProcess } from './processes';

const NAME = 'request_id_logs';
const ADMIN_TOKEN = 'request-id-logs-admin-token-of-at-least-32-characters';

const LAPTOP = `
process: laptop
title: Set up a laptop
owner: it
input: { type: object, properties: {} }
tasks:
  - { id: setup, title: Set up the laptop, department: it, due: 2d }
`;

const START_REQUEST = `start-${process.pid}`;
const COMPLETE_REQUEST = `complete-${process.pid}`;

describe('the request id, without tracing', () => {
  let api: ApiProcess | undefined;
  let worker: WorkerProcess | undefined;
  let instanceId = '';
  /** The worker's lines about the instance, once it has ended. */
  let lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const databaseUrl = await testDatabaseUrl(`baton_test_${NAME}`);
    const taskQueue = `test-${NAME}-${process.pid}`;
    const port = await findFreePort();
    api = await startApiProcess({
      port,
      databaseUrl,
      adminToken: ADMIN_TOKEN,
      taskQueue,
      definitionsDir: definitionsFolder({ 'laptop.yaml': LAPTOP }),
    });
    // The SDK's own lines (workflow and activity starts and ends) are at DEBUG.
    worker = await startWorkerProcess({ databaseUrl, taskQueue, env: { BATON_LOG_LEVEL: 'DEBUG' } });
    const admin = new ApiClient(`http://127.0.0.1:${port}`, ADMIN_TOKEN);
    const post = (path: string, body: unknown, requestId: string) =>
      admin.request('POST', path, JSON.stringify(body), 'application/json', { 'x-request-id': requestId });

    const started = await post('/definitions/laptop/instances', { input: {} }, START_REQUEST);
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    expect((await post(`/tasks/${instanceId}.setup/complete`, { output: {} }, COMPLETE_REQUEST)).status).toBe(200);

    const ofInstance = () => logLines(worker?.output() ?? '').filter((line) => line.workflowId === instanceId);
    await eventually(
      async () => ofInstance().some((line) => line.msg === 'Workflow completed'),
      'the workflow to log its end',
    );
    lines = ofInstance();
  });

  afterAll(async () => {
    if (api) await stopProcess(api.child);
    if (worker) await stopProcess(worker.child);
    killIfRunning(api?.child);
    killIfRunning(worker?.child);
  });

  /** The worker's lines about the instance with this message (and of this activity). */
  const linesSaying = (msg: string, activityType?: string) =>
    lines.filter((line) => line.msg === msg && (activityType === undefined || line.activityType === activityType));

  it("tags the workflow's lines with the id of the request that started it, from its first to its last", () => {
    expect(linesSaying('Workflow started')).toEqual([expect.objectContaining({ requestId: START_REQUEST })]);
    expect(linesSaying('Workflow completed')).toEqual([expect.objectContaining({ requestId: START_REQUEST })]);
  });

  it('tags the lines of the activities a request caused with its id, the start’s and the completion’s', () => {
    expect(linesSaying('Activity completed', 'openTasks')).toEqual([
      expect.objectContaining({ requestId: START_REQUEST }),
    ]);
    expect(linesSaying('Activity completed', 'completeTask')).toEqual([
      expect.objectContaining({ requestId: COMPLETE_REQUEST }),
    ]);
  });

  it('names no other request, and the API logged both under the same ids', async () => {
    const named = new Set(lines.map((line) => line.requestId).filter((id) => id !== undefined));
    expect(named).toEqual(new Set([START_REQUEST, COMPLETE_REQUEST]));
    const apiLogged = (id: string) =>
      logLines(api?.output() ?? '').some((line) => (line.req as { id?: string } | undefined)?.id === id);
    await eventually(async () => apiLogged(START_REQUEST) && apiLogged(COMPLETE_REQUEST), 'the API to log both');
  });
});
