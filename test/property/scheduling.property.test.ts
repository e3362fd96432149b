import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomInput, randomProcess, toYaml } from '../support/random-process';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';

interface StepStatus {
  readonly stepId: string;
  readonly status: string;
  readonly taskId: string | null;
  readonly items?: readonly StepStatus[];
}

const SETTLED = ['done', 'skipped'];

describe('the interpreter, on processes of random shape (real Temporal and Postgres)', () => {
  let t: TestBaton;
  let runs = 0;

  beforeAll(async () => {
    t = await startTestBaton('scheduling-property', definitionsFolder({}));
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('never starts a step before the steps it waits for are done or skipped, and always finishes', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomProcess,
        randomInput,
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        async (process, input, choices) => {
          runs += 1;
          const key = `random-${runs}`;
          expect((await t.admin.postYaml('/definitions', toYaml(process, key))).status).toBe(201);
          const started = await t.admin.post(`/definitions/${key}/instances`, { input });
          expect(started.status).toBe(201);
          const id = started.body.id;
          const after = new Map(process.steps.map((step) => [step.id, step.after]));

          for (let turn = 0; ; turn += 1) {
            const status = await t.admin.get(`/instances/${id}`);
            const steps: StepStatus[] = status.body.steps;
            const statusOf = new Map(steps.map((step) => [step.stepId, step.status]));
            for (const step of steps.filter((candidate) => candidate.status !== 'pending')) {
              const waitedFor = after.get(step.stepId) ?? [];
              expect(
                waitedFor.map((dependency) => [dependency, statusOf.get(dependency)]),
                `${step.stepId} is ${step.status}`,
              ).toEqual(waitedFor.map((dependency) => [dependency, expect.toBeOneOf(SETTLED)]));
            }
            if (status.body.status !== 'running') {
              expect(status.body.status).toBe('completed');
              expect(steps.every((step) => SETTLED.includes(step.status))).toBe(true);
              return;
            }
            const open = steps
              .flatMap((step) => step.items ?? [step])
              .filter((step) => step.status === 'open' && step.taskId !== null);
            expect(open.length, 'a running instance has an open task').toBeGreaterThan(0);
            const chosen = open[(choices[turn % choices.length] ?? 0) % open.length];
            const completed = await t.admin.post(`/tasks/${chosen?.taskId}/complete`, { output: {} });
            expect(completed.status).toBe(200);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
