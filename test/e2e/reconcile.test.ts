import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Instance } from '../../db/entities/instance';
import { findDefinition } from '../../engine/definitions';
import { processWorkflowOptions } from '../../engine/instances';
import type { processWorkflow } from '../../workflows';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

const HANDOVER = `
process: handover
title: Hand over the keys
owner: operations
input: { type: object }
tasks:
  - id: inventory
    title: Inventory
    department: logistics
    due: 1d
    cost: 10
  - id: keys
    title: Collect the keys
    department: security
    due: 1d
    cost: 5
  - id: sign-off
    title: Sign off
    department: operations
    after: [inventory, keys]
    due: 1d
    cost: 1
`;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('instances Temporal ended or never started, reconciled by the API', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let logistics: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton('reconcile', definitionsFolder({ 'handover.yaml': HANDOVER }), {
      BATON_RECONCILE_INTERVAL: '1',
    });
    manager = await userClient(t.admin, 'manager');
    logistics = await userClient(t.admin, 'staff', 'logistics');
  });

  afterAll(async () => {
    await t?.stop();
  });

  const statusOf = async (id: string) => (await manager.get(`/instances/${id}`)).body;
  const tasksOf = async (id: string) =>
    Object.fromEntries(
      (await manager.get(`/tasks?instance=${id}`)).body.items.map((task: { stepId: string; status: string }) => [
        task.stepId,
        task.status,
      ]),
    );

  /** The row a start leaves when the API stops before Temporal confirmed its workflow. */
  async function writeUnconfirmedStart(startedAgoMs: number): Promise<string> {
    const id = randomUUID();
    await t.baton.context.db.query(
      `INSERT INTO instances (id, definition_key, definition_version, status, input, started_at, started_by, start_pending)
       VALUES ($1, 'handover', 1, 'running', '{}', $2, 'admin', true)`,
      [id, new Date(Date.now() - startedAgoMs)],
    );
    return id;
  }

  it('shows an instance terminated from Temporal as terminated, its open tasks cancelled', async () => {
    const id = (await manager.post('/definitions/handover/instances', { input: {} })).body.id;
    expect((await logistics.post(`/tasks/${id}.inventory/complete`, { output: {} })).status).toBe(200);

    await t.baton.context.temporal.workflow.getHandle(id).terminate('ended from the Temporal UI');

    const terminated = await eventually(async () => {
      const instance = await statusOf(id);
      return instance.status === 'terminated' && instance;
    }, 'the instance to read as terminated');
    expect(terminated.completedAt).not.toBeNull();
    expect(
      Object.fromEntries(
        terminated.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status]),
      ),
    ).toEqual({ inventory: 'done', keys: 'cancelled', 'sign-off': 'cancelled' });
    expect(await tasksOf(id)).toEqual({ inventory: 'done', keys: 'cancelled' });
    const listed = await manager.get('/instances?status=terminated');
    expect(listed.body.items.map((instance: { id: string }) => instance.id)).toContain(id);
    expect((await manager.post(`/instances/${id}/cancel`)).status).toBe(409);
  });

  it('shows an instance whose run timed out in Temporal as terminated', async () => {
    const id = await writeUnconfirmedStart(0);
    const row = await t.baton.context.db.getRepository(Instance).findOneByOrFail({ id });
    const { plan } = await findDefinition(t.baton.context.db, 'handover', 1);
    // A run timeout set from outside Baton, as an operator's tooling might.
    await t.baton.context.temporal.workflow.start<typeof processWorkflow>('processWorkflow', {
      ...processWorkflowOptions(t.baton.context, row, plan, null),
      workflowExecutionTimeout: '3s',
    });
    await t.baton.context.db.query('UPDATE instances SET start_pending = false WHERE id = $1', [id]);
    await eventually(async () => (await tasksOf(id)).keys === 'open', 'the first tasks');

    await eventually(async () => (await statusOf(id)).status === 'terminated', 'the timed-out instance to end');
    expect(await tasksOf(id)).toEqual({ inventory: 'cancelled', keys: 'cancelled' });
  });

  it('starts the workflow of a start cut short, with the row’s input and version', async () => {
    const id = await writeUnconfirmedStart(2 * MINUTE);

    await eventually(async () => {
      const tasks = await tasksOf(id);
      return tasks.inventory === 'open' && tasks.keys === 'open';
    }, 'the first tasks of the finished start');
    expect((await statusOf(id)).status).toBe('running');
    const { count } = await t.baton.context.temporal.workflow.count(`WorkflowId = "${id}"`);
    expect(count).toBe(1);
  });

  it('leaves a start younger than the grace period to the request still working on it', async () => {
    const id = await writeUnconfirmedStart(0);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await tasksOf(id)).toEqual({});
    const [row] = await t.baton.context.db.query('SELECT status, start_pending FROM instances WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'running', start_pending: true });
  });

  it('marks failed a start too old to finish safely, and keeps its row', async () => {
    const id = await writeUnconfirmedStart(2 * DAY);

    const failed = await eventually(async () => {
      const listed = await manager.get('/instances?status=failed');
      return listed.body.items.find((instance: { id: string }) => instance.id === id);
    }, 'the old start to be marked failed');
    expect(failed.completedAt).not.toBeNull();
  });

  it('only confirms an old unconfirmed start whose workflow runs', async () => {
    const id = (await manager.post('/definitions/handover/instances', { input: {} })).body.id;
    // The API stopped after Temporal started the workflow, before it recorded so, long ago.
    await t.baton.context.db.query('UPDATE instances SET start_pending = true, started_at = $2 WHERE id = $1', [
      id,
      new Date(Date.now() - 2 * DAY),
    ]);

    await eventually(async () => {
      const [row] = await t.baton.context.db.query('SELECT start_pending FROM instances WHERE id = $1', [id]);
      return row.start_pending === false;
    }, 'the start to be confirmed');
    expect((await statusOf(id)).status).toBe('running');
    expect(await tasksOf(id)).toEqual({ inventory: 'open', keys: 'open' });
  });
});
