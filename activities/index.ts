import { type DataSource, In } from 'typeorm';
import { Instance } from '../db/entities/instance';
import { Notification } from '../db/entities/notification';
import { Task } from '../db/entities/task';
import type { Activities, InstanceOutcome, OverdueTask, TaskCompletion, TaskToOpen } from './contract';

export interface ActivityDependencies {
  readonly db: DataSource;
}

/** Inserts the tasks given as a JSON array in $1; a task already written is left as it is. */
const INSERT_TASKS = `
  INSERT INTO tasks (id, instance_id, step_id, title, description, department, status, due_at, estimated_cost, form, opened_at)
  SELECT t.id, t."instanceId", t."stepId", t.title, t.description, t.department, 'open', t."dueAt", t."estimatedCost", t.form, t."openedAt"
  FROM jsonb_to_recordset($1::jsonb) AS t(id text, "instanceId" uuid, "stepId" text, title text, description text,
    department text, "dueAt" timestamptz, "estimatedCost" numeric, form jsonb, "openedAt" timestamptz)
  ON CONFLICT (id) DO NOTHING`;

/** Completes task $2 if still open (a retried activity changes nothing). */
const COMPLETE_TASK = `
  UPDATE tasks SET status = 'done', output = $3, actual_cost = $4, completed_at = $5, completed_by = $6
  WHERE id = $2 AND status = 'open'
  RETURNING id`;

/**
 * The interpreter's only way to touch the world. Every write is idempotent on a
 * deterministic key, because Temporal may run an activity more than once.
 */
export function createActivities({ db }: ActivityDependencies): Activities {
  return {
    async openTasks(tasks: readonly TaskToOpen[]): Promise<void> {
      if (tasks.length === 0) return;
      await db.query(INSERT_TASKS, [JSON.stringify(tasks)]);
    },

    async completeTask(completion: TaskCompletion, tasksToOpen: readonly TaskToOpen[] = []): Promise<void> {
      // One statement, so one round-trip and one transaction: a data-modifying CTE always runs.
      await db.query(`WITH completed AS (${COMPLETE_TASK}) ${INSERT_TASKS}`, [
        JSON.stringify(tasksToOpen),
        completion.taskId,
        JSON.stringify(completion.output),
        completion.actualCost,
        completion.completedAt,
        completion.completedBy,
      ]);
    },

    async markTaskOverdue(task: OverdueTask): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.getRepository(Task).update({ id: task.taskId, status: 'open' }, { overdue: true });
        await tx
          .createQueryBuilder()
          .insert()
          .into(Notification)
          .values({
            id: `${task.taskId}:overdue`,
            instanceId: task.instanceId,
            taskId: task.taskId,
            kind: 'overdue',
            recipient: `department:${task.department}`,
            message: `"${task.title}" was due at ${task.dueAt} and is not done yet.`,
            createdAt: new Date(task.noticedAt),
          })
          .orIgnore()
          .execute();
      });
    },

    async cancelTasks(taskIds: readonly string[]): Promise<void> {
      if (taskIds.length === 0) return;
      await db.getRepository(Task).update({ id: In([...taskIds]), status: 'open' }, { status: 'cancelled' });
    },

    async recordInstanceOutcome(outcome: InstanceOutcome): Promise<void> {
      await db
        .getRepository(Instance)
        .update({ id: outcome.instanceId }, { status: outcome.status, completedAt: new Date(outcome.completedAt) });
    },
  };
}
