import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { sampleOutput } from '../support/sample-output';
import {
  type FakeDirectory,
  openTasks,
  StaffRoster,
  shippedDefinitionsWith,
  startFakeDirectory,
  type TaskJson,
} from '../support/shipped';
import { SHIPPED_DEFINITIONS, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

const SOURCE = fs.readFileSync(path.join(SHIPPED_DEFINITIONS, 'site-opening.yaml'), 'utf8');
const INPUT = JSON.parse(fs.readFileSync(path.join(SHIPPED_DEFINITIONS, 'examples/site-opening.json'), 'utf8'));

/** A step of the compiled plan (format 2), as `GET /definitions/:key` gives it. */
interface PlanStep {
  id: string;
  kind: string;
  after: string[];
  department?: { text?: string }[];
  cost?: { amount?: number };
}

interface StepJson {
  stepId: string;
  status: string;
  items?: { child?: { instanceId: string } }[];
}

describe('site opening, end to end over HTTP on real Temporal and Postgres', () => {
  let t: TestBaton;
  let directory: FakeDirectory;
  let owner: ApiClient;
  let manager: ApiClient;
  let roster: StaffRoster;
  const staff: Record<string, ApiClient> = {};
  let steps: PlanStep[];

  beforeAll(async () => {
    // Each hire is onboarded by a sub-process whose accounts come from the identity directory.
    directory = await startFakeDirectory();
    t = await startTestBaton('site-opening', shippedDefinitionsWith(directory.url), {
      BATON_CALL_HOSTS: directory.host,
    });
    owner = await userClient(t.admin, 'owner');
    manager = await userClient(t.admin, 'manager');
    roster = new StaffRoster(t.admin);
    const definition = await owner.get('/definitions/site-opening');
    steps = definition.body.plan.steps;
    for (const department of new Set(steps.flatMap((step) => step.department?.map((part) => part.text ?? '') ?? []))) {
      staff[department] = await roster.of(department);
    }
  });

  afterAll(async () => {
    await t?.stop();
    await directory?.close();
  });

  const startInstance = async (): Promise<string> => {
    const started = await manager.post('/definitions/site-opening/instances', { input: INPUT });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ key: 'site-opening', version: 1, status: 'running' });
    return started.body.id;
  };

  /** The instance's own open tasks (its sub-processes' tasks are listed under it too). */
  const openTasksOf = async (instanceId: string) =>
    (await openTasks(manager, instanceId)).filter((task) => task.instanceId === instanceId);

  /** Completes every task of a sub-process as its departments would, until it completes. */
  const runChild = async (childId: string): Promise<void> => {
    await eventually(async () => {
      const child = await manager.get(`/instances/${childId}`);
      if (child.body.status === 'completed') return true;
      expect(child.body.status).toBe('running');
      for (const task of (await openTasks(manager, childId)) as TaskJson[]) {
        const output = task.kind === 'approval' ? { decision: 'approve' } : sampleOutput(task.form);
        const completed = await (await roster.of(task.department)).post(`/tasks/${task.id}/complete`, { output });
        expect(completed.status).toBe(200);
      }
      return false;
    }, `the sub-process ${childId} to complete`);
  };

  it('returns the existing version when the identical YAML is deployed again', async () => {
    const deployed = await owner.postYaml('/definitions', SOURCE);
    expect(deployed.status).toBe(200);
    expect(deployed.body).toMatchObject({ key: 'site-opening', version: 1 });
    expect(deployed.body.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('opens each task once its dependencies are done, in the right inbox, until the instance completes', async () => {
    const instanceId = await startInstance();
    const tasks = steps.filter((step) => step.kind === 'task');
    let actualCost = 0;

    for (;;) {
      const status = await manager.get(`/instances/${instanceId}`);
      if (status.body.status === 'completed') break;
      const byId = new Map<string, StepJson>(status.body.steps.map((step: StepJson) => [step.stepId, step]));
      const done = new Set([...byId.values()].filter((step) => step.status === 'done').map((step) => step.stepId));
      const open = await openTasksOf(instanceId);
      const expectedOpen = tasks
        .filter((step) => !done.has(step.id) && step.after.every((id) => done.has(id)))
        .map((step) => step.id)
        .sort();
      expect(open.map((task) => task.stepId).sort()).toEqual(expectedOpen);

      if (open.length === 0) {
        // Nothing left for the site's departments: it waits for the hires' onboardings.
        const onboarding = byId.get('onboard-staff');
        expect(onboarding?.status).toBe('open');
        const childIds = (onboarding?.items ?? []).map((item) => item.child?.instanceId ?? '');
        expect(childIds.length).toBeGreaterThan(0);
        for (const childId of childIds) await runChild(childId);
        await eventually(async () => {
          const after = await manager.get(`/instances/${instanceId}`);
          return after.body.steps.find((step: StepJson) => step.stepId === 'onboard-staff').status === 'done';
        }, 'the onboardings to complete the onboard-staff step');
        continue;
      }

      for (const task of open) {
        const inbox = await staff[task.department]?.get('/tasks?status=open&limit=200');
        expect(inbox?.status).toBe(200);
        expect(inbox?.body.items.map((item: { id: string }) => item.id)).toContain(task.id);
        expect(inbox?.body.items.every((item: { department: string }) => item.department === task.department)).toBe(
          true,
        );

        const extra = task.stepId === 'fit-out' ? { actualCost: 47_250 } : {};
        const completed = await staff[task.department]?.post(`/tasks/${task.id}/complete`, {
          output: sampleOutput(task.form),
          ...extra,
        });
        expect(completed?.status).toBe(200);
        expect(completed?.body).toMatchObject({ id: task.id, status: 'done', output: sampleOutput(task.form) });
        actualCost += completed?.body.actualCost;
      }
    }

    const status = await manager.get(`/instances/${instanceId}`);
    expect(status.status).toBe(200);
    // The site's own tasks, plus the onboardings' costs as each sub-process reports its own.
    const estimated = tasks.reduce((total, step) => total + (step.cost?.amount ?? 0), 0);
    const onboardings: { child: { cost: { estimated: number; actual: number } } }[] = status.body.steps.find(
      (step: StepJson) => step.stepId === 'onboard-staff',
    ).items;
    const childEstimated = onboardings.reduce((total, item) => total + item.child.cost.estimated, 0);
    const childActual = onboardings.reduce((total, item) => total + item.child.cost.actual, 0);
    expect(childEstimated).toBeGreaterThan(0);
    expect(status.body).toMatchObject({
      id: instanceId,
      key: 'site-opening',
      version: 1,
      status: 'completed',
      input: INPUT,
      progress: { done: steps.length, total: steps.length },
      cost: { estimated: estimated + childEstimated, actual: actualCost + childActual },
    });
    expect(actualCost).toBe(estimated - 45_000 + 47_250);
    expect(status.body.steps.every((step: { status: string }) => step.status === 'done')).toBe(true);
    expect(status.body.completedAt).not.toBeNull();

    const listed = await manager.get('/instances?key=site-opening&status=completed');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(instanceId);
    recordHistory(instanceId, 'site-opening-completed');
  });

  it('shows a running instance with its open and pending steps, progress and estimated cost', async () => {
    const instanceId = await startInstance();
    const status = await manager.get(`/instances/${instanceId}`);
    expect(status.body.status).toBe('running');
    expect(status.body.progress).toEqual({ done: 0, total: steps.length });
    const lease = status.body.steps.find((step: { stepId: string }) => step.stepId === 'lease');
    expect(lease).toMatchObject({ status: 'open', department: 'real-estate', taskId: `${instanceId}.lease` });
    expect(Date.parse(lease.dueAt)).toBeGreaterThan(Date.now());
    const pending = status.body.steps.filter((step: { status: string }) => step.status === 'pending');
    expect(pending).toHaveLength(steps.length - 1);
    expect(pending.every((step: { taskId: unknown }) => step.taskId === null)).toBe(true);
  });

  it('refuses to let staff of another department read or complete a task (403)', async () => {
    const instanceId = await startInstance();
    const [lease] = await openTasksOf(instanceId);
    const it = staff.it as ApiClient;
    expect((await it.post(`/tasks/${lease?.id}/complete`, { output: sampleOutput(lease?.form) })).status).toBe(403);
    expect((await it.get(`/tasks/${lease?.id}`)).status).toBe(403);
    const otherInbox = await it.get('/tasks?department=real-estate');
    expect(otherInbox.status).toBe(403);
    expect(otherInbox.contentType).toContain('application/problem+json');
  });

  it('rejects an output that does not match the form (422), naming the field and why', async () => {
    const instanceId = await startInstance();
    const [lease] = await openTasksOf(instanceId);
    const response = await (staff['real-estate'] as ApiClient).post(`/tasks/${lease?.id}/complete`, {
      output: { leaseReference: 'B-2231', signedOn: 'yesterday' },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: '/signedOn', message: 'must match format "date"' },
        { field: '/monthlyRent', message: 'is required' },
      ]),
    );
    const task = await (staff['real-estate'] as ApiClient).get(`/tasks/${lease?.id}`);
    expect(task.body.status).toBe('open');
  });

  it('answers 409 to a second completion, and exactly one 200 to two concurrent completions', async () => {
    const first = await startInstance();
    const [lease] = await openTasksOf(first);
    const realEstate = staff['real-estate'] as ApiClient;
    const output = sampleOutput(lease?.form);
    expect((await realEstate.post(`/tasks/${lease?.id}/complete`, { output })).status).toBe(200);
    expect((await realEstate.post(`/tasks/${lease?.id}/complete`, { output })).status).toBe(409);

    const second = await startInstance();
    const [race] = await openTasksOf(second);
    const statuses = await Promise.all(
      [1, 2].map(async () => (await realEstate.post(`/tasks/${race?.id}/complete`, { output })).status),
    );
    expect(statuses.sort()).toEqual([200, 409]);
    const status = await manager.get(`/instances/${second}`);
    expect(status.body.progress.done).toBe(1);
  });

  it('answers 409 when a task is not yet open', async () => {
    const instanceId = await startInstance();
    const lease = await openTasksOf(instanceId);
    expect(lease.map((task) => task.stepId)).toEqual(['lease']);
    const permit = await (staff.legal as ApiClient).post(`/tasks/${instanceId}.building-permit/complete`, {
      output: {},
    });
    expect(permit.status).toBe(409);
    expect(permit.body.detail).toContain('waits for lease');
  });

  it('cancels the open tasks of a cancelled instance and refuses to complete them', async () => {
    const instanceId = await startInstance();
    const [lease] = await openTasksOf(instanceId);
    const cancelled = await manager.post(`/instances/${instanceId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.steps.every((step: { status: string }) => step.status === 'cancelled')).toBe(true);

    const task = await manager.get(`/tasks/${lease?.id}`);
    expect(task.body.status).toBe('cancelled');
    const attempt = await (staff['real-estate'] as ApiClient).post(`/tasks/${lease?.id}/complete`, {
      output: sampleOutput(lease?.form),
    });
    expect(attempt.status).toBe(409);
    expect((await manager.post(`/instances/${instanceId}/cancel`)).status).toBe(409);
    const listed = await manager.get('/instances?key=site-opening&status=cancelled');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(instanceId);
    recordHistory(instanceId, 'site-opening-cancelled');
  });
});
