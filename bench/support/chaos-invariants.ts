import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import pg from 'pg';

/** What one instance of the scenario's process must leave behind, and nothing more. */
export interface ExpectedInstance {
  readonly taskSteps: readonly string[];
  /** Recipients of its notify step, one outbox row each. */
  readonly notifyRecipients: readonly string[];
}

export interface InvariantReport {
  readonly violations: string[];
  readonly counts: {
    readonly instanceRows: number;
    readonly completedInstances: number;
    readonly taskRows: number;
    readonly notifyRows: number;
    readonly workflowsOnTaskQueue: number;
  };
}

/**
 * Reads what the run left in Postgres and Temporal once every instance should have completed:
 * one instance row per Idempotency-Key, each completed with its workflow; exactly the tasks and
 * notifications its process implies, none lost, none twice; no row without a workflow and no
 * workflow without a row.
 */
export async function checkInvariants(options: {
  readonly databaseUrl: string;
  readonly temporalAddress: string;
  readonly taskQueue: string;
  readonly instanceIdsByKey: ReadonlyMap<string, string>;
  readonly expected: ExpectedInstance;
}): Promise<InvariantReport> {
  const violations: string[] = [];
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  const connection = await Connection.connect({ address: options.temporalAddress });
  try {
    const instances = (
      await db.query<{ id: string; status: string; idempotency_key: string | null; start_pending: boolean }>(
        'SELECT id, status, idempotency_key, start_pending FROM instances',
      )
    ).rows;
    const rowsByKey = groupBy(instances, (row) => row.idempotency_key ?? '(none)');
    for (const [key, id] of options.instanceIdsByKey) {
      const rows = rowsByKey.get(key) ?? [];
      if (rows.length !== 1 || rows[0]?.id !== id) {
        violations.push(
          `Idempotency-Key ${key}: answered ${id}, rows ${rows.map((row) => row.id).join(', ') || 'none'}`,
        );
      }
    }
    if (instances.length !== options.instanceIdsByKey.size) {
      violations.push(`${instances.length} instance rows for ${options.instanceIdsByKey.size} starts`);
    }
    for (const row of instances) {
      if (row.status !== 'completed') violations.push(`instance ${row.id} is ${row.status}, not completed`);
      if (row.start_pending) violations.push(`instance ${row.id} still waits for its start to be confirmed`);
    }

    const tasks = (
      await db.query<{ id: string; instance_id: string; step_id: string; status: string }>(
        'SELECT id, instance_id, step_id, status FROM tasks',
      )
    ).rows;
    const notifications = (
      await db.query<{ instance_id: string; recipient: string }>(
        "SELECT instance_id, recipient FROM notifications WHERE kind = 'notify'",
      )
    ).rows;
    const tasksByInstance = groupBy(tasks, (task) => task.instance_id);
    const notificationsByInstance = groupBy(notifications, (row) => row.instance_id);
    const expectedSteps = [...options.expected.taskSteps].sort();
    const expectedRecipients = [...options.expected.notifyRecipients].sort();
    for (const { id } of instances) {
      const own = tasksByInstance.get(id) ?? [];
      const steps = own.map((task) => task.step_id).sort();
      if (steps.join() !== expectedSteps.join()) {
        violations.push(`instance ${id}: tasks for steps [${steps}], expected [${expectedSteps}]`);
      }
      for (const task of own) {
        if (task.id !== `${id}.${task.step_id}`) violations.push(`task ${task.id} is not named after its step`);
        if (task.status !== 'done') violations.push(`task ${task.id} is ${task.status}, not done`);
      }
      const recipients = (notificationsByInstance.get(id) ?? []).map((row) => row.recipient).sort();
      if (recipients.join() !== expectedRecipients.join()) {
        violations.push(`instance ${id}: notify messages to [${recipients}], expected [${expectedRecipients}]`);
      }
    }
    const rowless = tasks.filter((task) => !instances.some((row) => row.id === task.instance_id));
    for (const task of rowless) violations.push(`task ${task.id} belongs to no instance row`);

    const temporal = new Client({ connection });
    for (const { id } of instances) {
      try {
        const description = await temporal.workflow.getHandle(id).describe();
        if (description.status.name !== 'COMPLETED') {
          violations.push(`instance ${id}: its workflow is ${description.status.name}`);
        }
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        violations.push(`instance ${id} is an orphan: Temporal has no workflow for it`);
      }
    }
    const workflowIds: string[] = [];
    for await (const run of temporal.workflow.list({ query: `TaskQueue = ${JSON.stringify(options.taskQueue)}` })) {
      workflowIds.push(run.workflowId);
    }
    const instanceIds = new Set(instances.map((row) => row.id));
    for (const id of new Set(workflowIds)) {
      if (!instanceIds.has(id)) violations.push(`workflow ${id} has no instance row`);
    }
    return {
      violations,
      counts: {
        instanceRows: instances.length,
        completedInstances: instances.filter((row) => row.status === 'completed').length,
        taskRows: tasks.length,
        notifyRows: notifications.length,
        workflowsOnTaskQueue: new Set(workflowIds).size,
      },
    };
  } finally {
    await db.end();
    await connection.close();
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
