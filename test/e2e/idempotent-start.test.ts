import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerBody, ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

const INTAKE = `
process: intake
title: Take in a request
owner: operations
input:
  type: object
  required: [subject]
  properties:
    subject: { type: string }
    priority: { type: integer }
tasks:
  - id: triage
    title: "Triage {{ input.subject }}"
    department: operations
    due: 1d
    cost: 10
`;

describe('a start sent again with the same Idempotency-Key', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('idempotent-start', definitionsFolder({ 'intake.yaml': INTAKE }));
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  /** The start as a client sends it, with its response headers (Retry-After). */
  async function start(client: ApiClient, key: string | null, request: unknown) {
    const response = await fetch(`${client.baseUrl}/definitions/intake/instances`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${client.token}`,
        'content-type': 'application/json',
        ...(key === null ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(request),
    });
    const body: AnswerBody = await response.json();
    return { status: response.status, headers: response.headers, body };
  }

  async function workflowsOf(instanceId: string): Promise<number> {
    const { count } = await t.baton.context.temporal.workflow.count(`WorkflowId = "${instanceId}"`);
    return count;
  }

  it('answers with the same instance, started once', async () => {
    const key = randomUUID();
    const first = await start(manager, key, { input: { subject: 'Broken till', priority: 2 } });
    expect(first.status).toBe(201);
    // The same request, its members in another order.
    const again = await start(manager, key, { input: { priority: 2, subject: 'Broken till' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBe(`/instances/${first.body.id}`);
    expect(again.body).toEqual(first.body);

    const tasks = await manager.get(`/tasks?instance=${first.body.id}`);
    expect(tasks.body.items.map((task: { id: string }) => task.id)).toEqual([`${first.body.id}.triage`]);
    expect(await workflowsOf(first.body.id)).toBe(1);
  });

  it('gives two simultaneous sends of a start one instance', async () => {
    const key = randomUUID();
    const body = { input: { subject: 'Flickering lights' } };
    const answers = await Promise.all([start(manager, key, body), start(manager, key, body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(answers[0]?.body.id).toBe(answers[1]?.body.id);
    expect(await workflowsOf(answers[0]?.body.id)).toBe(1);
  });

  it('refuses the key for a different request, and keeps each caller’s keys apart', async () => {
    const key = randomUUID();
    const first = await start(manager, key, { input: { subject: 'Leaking roof' } });
    expect(first.status).toBe(201);

    const different = await start(manager, key, { input: { subject: 'Leaking pipe' } });
    expect(different.status).toBe(409);
    expect(different.body.detail).toContain('Idempotency-Key');
    expect(different.body.detail).toContain(first.body.id);

    const otherManager = await userClient(t.admin, 'manager');
    const theirs = await start(otherManager, key, { input: { subject: 'Leaking roof' } });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('refuses a key that is not a short visible token, naming the header', async () => {
    for (const key of ['', 'two words', 'x'.repeat(256), 'clé']) {
      const response = await start(manager, key, { input: { subject: 'Noisy fan' } });
      expect(response.status).toBe(400);
      expect(response.body.detail).toContain('Idempotency-Key');
    }
  });

  it('answers 503 with Retry-After when no worker runs the start in time, and the retry finishes it', async () => {
    const key = randomUUID();
    const body = { input: { subject: 'Dead screen' } };
    await t.baton.stopWorker();
    const cutShort = await start(manager, key, body).finally(() => t.baton.startWorker());
    expect(cutShort.status).toBe(503);
    expect(Number(cutShort.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(cutShort.body.detail).toContain('retrying with the same Idempotency-Key is safe');

    const retried = await start(manager, key, body);
    expect(retried.status).toBe(200);
    const instances = await manager.get('/instances?key=intake&limit=200');
    const withSubject = instances.body.items.filter(
      (instance: { input: { subject: string } }) => instance.input.subject === 'Dead screen',
    );
    expect(withSubject.map((instance: { id: string }) => instance.id)).toEqual([retried.body.id]);
    const tasks = await manager.get(`/tasks?instance=${retried.body.id}&status=open`);
    expect(tasks.body.items).toHaveLength(1);
    expect(await workflowsOf(retried.body.id)).toBe(1);
  }, 60_000);
});
