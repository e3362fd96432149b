import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/**
 * Expressions can make text Postgres refuses (a NUL, a lone surrogate, from escapes or from
 * data): the API cannot refuse it, the owner wrote it. Such a write was retried for ever and
 * the instance waited on it.
 */
const LABELS = `
process: labels
title: Print labels
owner: logistics
input:
  type: object
  required: [batch]
  properties:
    batch: { type: string }
tasks:
  - id: print
    title: 'Label {{ input.batch & "\\u0000" }} and {{ "\\ud800" }}'
    department: logistics
    due: 1d
  - id: check
    title: Check the labels
    department: logistics
    after: [print]
    due: 1d
`;

describe('text Postgres cannot store, made by an expression', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('unstorable-text', definitionsFolder({ 'labels.yaml': LABELS }));
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('is stored with U+FFFD in place of NUL and lone surrogates, and the instance goes on', async () => {
    const started = await manager.post('/definitions/labels/instances', { input: { batch: 'B7' } });
    expect(started.status).toBe(201);
    const id = started.body.id;

    const task = await t.admin.get(`/tasks/${id}.print`);
    expect(task.body).toMatchObject({ status: 'open', title: 'Label B7\ufffd and \ufffd' });

    const done = await t.admin.post(`/tasks/${id}.print/complete`, { output: {} });
    expect(done.status).toBe(200);
    expect((await t.admin.get(`/tasks/${id}.check`)).body.status).toBe('open');
  });
});
