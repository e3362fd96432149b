import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

/** An owner's recursive function: harmless for a small depth, endless in effect for a large one. */
const COUNTDOWN = `
process: countdown
title: Count down
owner: it
input:
  type: object
  required: [depth]
  properties:
    depth: { type: integer }
tasks:
  - id: count
    title: "Counted {{ ($f := function($n) { $n <= 0 ? 0 : 1 + $f($n - 1) }; $f(input.depth)) }}"
    department: it
    due: 1d
`;

/** A tail recursion never grows the stack: only the count of evaluation steps stops it. */
const ENDLESS = `
process: endless
title: Loop for ever
owner: it
input:
  type: object
  properties: {}
tasks:
  - id: loop
    when: ($f := function($n) { $f($n + 1) }; $f(0))
    title: Never reached
    department: it
    due: 1d
`;

interface StepStatus {
  readonly stepId: string;
  readonly status: string;
  readonly error?: string;
}

describe('expression budget', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton(
      'expression-budget',
      definitionsFolder({ 'countdown.yaml': COUNTDOWN, 'endless.yaml': ENDLESS }),
    );
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function failedStep(id: string, stepId: string): Promise<StepStatus> {
    return eventually(async () => {
      const status = await manager.get(`/instances/${id}`);
      const step = status.body.steps?.find((candidate: StepStatus) => candidate.stepId === stepId);
      return step?.status === 'failed' ? (step as StepStatus) : null;
    }, `step ${stepId} to fail`);
  }

  it('fails the step of a recursion past the depth budget, and the worker goes on serving other instances', async () => {
    const deep = await manager.post('/definitions/countdown/instances', { input: { depth: 2000 } });
    expect(deep.status).toBe(201);
    const step = await failedStep(deep.body.id, 'count');
    expect(step.error).toContain('expression-budget');
    expect(step.error).toContain('deeper than');

    const told = await manager.get(`/notifications?instance=${deep.body.id}&kind=step-failed`);
    expect(told.body.items).toHaveLength(1);

    const shallow = await manager.post('/definitions/countdown/instances', { input: { depth: 5 } });
    expect(shallow.status).toBe(201);
    expect((await t.admin.get(`/tasks/${shallow.body.id}.count`)).body).toMatchObject({
      status: 'open',
      title: 'Counted 5',
    });
  });

  it('fails the step of an endless tail recursion once it has spent its evaluation steps; skipping it ends the instance', async () => {
    const started = await manager.post('/definitions/endless/instances', { input: {} });
    expect(started.status).toBe(201);
    const step = await failedStep(started.body.id, 'loop');
    expect(step.error).toContain('expression-budget');
    expect(step.error).toContain('evaluation steps');

    const skipped = await manager.post(`/instances/${started.body.id}/steps/loop/skip`);
    expect(skipped.status).toBe(200);
    expect(skipped.body.status).toBe('completed');
  });

  it('answers 422 naming the budget when a dry-run plan meets the same recursion', async () => {
    const planned = await manager.post('/definitions/countdown/plan', { input: { depth: 2000 } });
    expect(planned.status).toBe(422);
    expect(JSON.stringify(planned.body)).toContain('expression-budget');

    const fine = await manager.post('/definitions/countdown/plan', { input: { depth: 3 } });
    expect(fine.status).toBe(200);
  });
});
