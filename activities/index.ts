import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { type DataSource, In } from 'typeorm';
import { actorColumnsSql } from '../db/audit';
import { Notification } from '../db/entities/notification';
import { Task } from '../db/entities/task';
import { Recipient } from '../plan/recipient';
import type { HttpCall } from '../plan/render-step';
import { storable } from '../plan/storable-text';
import { prepareChildInstance } from './child-instance';
import type {
  Activities,
  ChildInstanceRequest,
  Escalation,
  InstanceOutcome,
  NotificationToSend,
  OverdueTask,
  Replan,
  TaskCompletion,
  TaskToOpen,
} from './contract';
import { WRITE_REFUSED } from './contract';
import { sendHttpCall } from './http-call';

export interface ActivityDependencies {
  readonly db: DataSource;
  /** The hosts `call` steps may reach (`BATON_CALL_HOSTS`). */
  readonly callHosts?: readonly string[];
}

/**
 * Inserts the tasks given as a JSON array in $1. A task already written is left as it is,
 * unless this is a later round (an approval sent it back): then it opens again.
 */
const INSERT_TASKS = `
  INSERT INTO tasks (id, instance_id, step_id, kind, title, description, department, status, due_at, estimated_cost,
    form, opened_at, round, note, parent_instance_id)
  SELECT t.id, t."instanceId", t."stepId", coalesce(t.kind, 'task'), t.title, t.description, t.department, 'open',
    t."dueAt", t."estimatedCost", t.form, t."openedAt", coalesce(t.round, 0), t.note, t."parentInstanceId"
  FROM jsonb_to_recordset($1::jsonb) AS t(id text, "instanceId" uuid, "stepId" text, kind text, title text,
    description text, department text, "dueAt" timestamptz, "estimatedCost" numeric, form jsonb, "openedAt" timestamptz,
    round integer, note text, "parentInstanceId" uuid)
  ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
    department = EXCLUDED.department, status = 'open', due_at = EXCLUDED.due_at, overdue = false,
    estimated_cost = EXCLUDED.estimated_cost, actual_cost = NULL, output = NULL, opened_at = EXCLUDED.opened_at,
    earlier_rounds_cost = tasks.earlier_rounds_cost + coalesce(tasks.actual_cost, 0),
    completed_at = NULL, completed_by = NULL, round = EXCLUDED.round, note = EXCLUDED.note
  WHERE tasks.round < EXCLUDED.round`;

/**
 * Writes the outbox rows given as a JSON array in parameter `$<parameter>`, each once; meant as
 * a CTE of a statement that also writes what the messages are about, in one transaction.
 */
function insertNotifications(parameter: number): string {
  return `
  INSERT INTO notifications (id, instance_id, task_id, kind, recipient, subject, message, facts, created_at)
  SELECT n.id, n."instanceId", n."taskId", n.kind, n.recipient, n.subject, n.message, n.facts, n."createdAt"
  FROM jsonb_to_recordset($${parameter}::jsonb) AS n(id text, "instanceId" uuid, "taskId" text, kind text,
    recipient text, subject text, message text, facts jsonb, "createdAt" timestamptz)
  ON CONFLICT (id) DO NOTHING`;
}

/**
 * Tells the requester of an instance (one started from the catalogue) that it moved on: one
 * message per step whose tasks opened in parameter `$<parameter>` (one for all the items of a
 * `forEach`), once per round. The first tasks are not a move (the requester was told of the
 * receipt); after a completion in the same statement, whose row this statement does not see
 * done yet, every opening is.
 */
function requestStageMessages(parameter: number, afterCompletion: boolean): string {
  return `
  INSERT INTO notifications (id, instance_id, task_id, kind, recipient, subject, message, facts, created_at)
  SELECT DISTINCT ON (i.id, regexp_replace(t."stepId", '\\[[0-9]+\\]$', ''), coalesce(t.round, 0))
    i.id || '.' || regexp_replace(t."stepId", '\\[[0-9]+\\]$', '') || ':request-stage:' || coalesce(t.round, 0),
    i.id, t.id, 'request-updated', 'requester',
    'Request updated: ' || coalesce(i.subject, d.title),
    'Your request "' || coalesce(i.subject, d.title) || '" is now with ' || coalesce(dep.name, t.department) || ': ' || t.title || '.',
    jsonb_build_object('requestTitle', coalesce(i.subject, d.title), 'stage', coalesce(dep.name, t.department) || ': ' || t.title),
    t."openedAt"
  FROM jsonb_to_recordset($${parameter}::jsonb) AS t(id text, "instanceId" uuid, "stepId" text, title text,
    department text, round integer, "openedAt" timestamptz)
  JOIN instances i ON i.id = t."instanceId" AND i.requester_id IS NOT NULL
  JOIN definitions d ON d.key = i.definition_key AND d.version = i.definition_version
  LEFT JOIN departments dep ON dep.id = t.department
  ${afterCompletion ? '' : "WHERE EXISTS (SELECT 1 FROM tasks done WHERE done.instance_id = i.id AND done.status = 'done')"}
  ON CONFLICT (id) DO NOTHING`;
}

/**
 * Ends instance $1 once (a late or repeated outcome changes nothing) and tells its requester, if
 * it has one: resolved, or how it ended otherwise.
 */
const RECORD_OUTCOME = `
  WITH ended AS (
    UPDATE instances SET status = $2, completed_at = $3 WHERE id = $1 AND status = 'running'
    RETURNING id, requester_id, definition_key, definition_version, subject)
  INSERT INTO notifications (id, instance_id, task_id, kind, recipient, subject, message, facts, created_at)
  SELECT e.id || ':request-ended', e.id, NULL,
    CASE WHEN $2 = 'completed' THEN 'request-resolved' ELSE 'request-updated' END, 'requester',
    CASE WHEN $2 = 'completed' THEN 'Request resolved: ' ELSE 'Request ' || $2 || ': ' END || coalesce(e.subject, d.title),
    'Your request "' || coalesce(e.subject, d.title) || '" is '
      || CASE WHEN $2 = 'completed' THEN 'resolved' ELSE $2 END || '.',
    jsonb_build_object('requestTitle', coalesce(e.subject, d.title), 'status', $2), $3
  FROM ended e JOIN definitions d ON d.key = e.definition_key AND d.version = e.definition_version
  WHERE e.requester_id IS NOT NULL
  ON CONFLICT (id) DO NOTHING`;

/** Completes task $2 if still open (a retried activity changes nothing). */
const COMPLETE_TASK = `
  UPDATE tasks SET status = 'done', output = $3, actual_cost = $4, completed_at = $5, completed_by = $6
  WHERE id = $2 AND status = 'open'
  RETURNING id, instance_id, assignee_id`;

const completer = actorColumnsSql('$6::text');

/**
 * The audit row of the completion the CTE `completed` made, in its statement: none when it
 * completed nothing (a retried activity), so each completion is recorded once, with its author.
 */
const AUDIT_COMPLETION = `
  INSERT INTO audit_events (actor_id, actor_name, actor_role, action, subject_type, subject_id, instance_id, task_id,
    before, after)
  SELECT $6::text, ${completer.name}, ${completer.role}, 'task.completed', 'task', c.id, c.instance_id, c.id,
    jsonb_build_object('status', 'open', 'assigneeId', c.assignee_id),
    jsonb_build_object('status', 'done', 'output', $3::jsonb, 'actualCost', $4::numeric, 'completedAt', $5::timestamptz)
  FROM completed c`;

/**
 * The interpreter's only way to touch the world. Every write is idempotent on a
 * deterministic key, because Temporal may run an activity more than once.
 */
export function createActivities({ db, callHosts = [] }: ActivityDependencies): Activities {
  return {
    ...guardWrites(databaseActivities(db)),
    callHttp: (call: HttpCall) => sendHttpCall(call, callHosts, Context.current().cancellationSignal),
  };
}

/**
 * Every database activity sees storable text only, and a write the database refuses for its
 * data (SQLSTATE class 22: a value out of range, text it cannot store) fails for good: retried,
 * it would be refused again, for ever, and the instance would wait on it.
 */
function guardWrites<T extends Record<string, (...args: never[]) => Promise<unknown>>>(writes: T): T {
  const guarded: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, write] of Object.entries(writes)) {
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await (write as (...args: unknown[]) => Promise<unknown>)(...args.map(storable));
      } catch (error) {
        throw refusedForItsData(error) ?? error;
      }
    };
  }
  return guarded as unknown as T;
}

function refusedForItsData(error: unknown): ApplicationFailure | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
  if (typeof code !== 'string' || !code.startsWith('22')) return null;
  return ApplicationFailure.nonRetryable(
    `the database refused the write for its data (SQLSTATE ${code}): ${error instanceof Error ? error.message : String(error)}`,
    WRITE_REFUSED,
  );
}

function databaseActivities(db: DataSource): Omit<Activities, 'callHttp'> {
  return {
    async openTasks(tasks: readonly TaskToOpen[], notifications: readonly NotificationToSend[] = []): Promise<void> {
      if (tasks.length === 0 && notifications.length === 0) return;
      // Data-modifying CTEs all run, in one statement and one transaction.
      await db.query(
        `WITH messages AS (${insertNotifications(2)}), stages AS (${requestStageMessages(1, false)}) ${INSERT_TASKS}`,
        [JSON.stringify(tasks), JSON.stringify(notifications)],
      );
    },

    async completeTask(
      completion: TaskCompletion,
      tasksToOpen: readonly TaskToOpen[] = [],
      notifications: readonly NotificationToSend[] = [],
    ): Promise<void> {
      // One statement, so one round-trip and one transaction: a data-modifying CTE always runs.
      await db.query(
        `WITH completed AS (${COMPLETE_TASK}), audit AS (${AUDIT_COMPLETION}), messages AS (${insertNotifications(7)}),
           stages AS (${requestStageMessages(1, true)}) ${INSERT_TASKS}`,
        [
          JSON.stringify(tasksToOpen),
          completion.taskId,
          JSON.stringify(completion.output),
          completion.actualCost,
          completion.completedAt,
          completion.completedBy,
          JSON.stringify(notifications),
        ],
      );
    },

    async markTaskOverdue(task: OverdueTask): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.getRepository(Task).update({ id: task.taskId, status: 'open' }, { overdue: true });
        await tx
          .createQueryBuilder()
          .insert()
          .into(Notification)
          .values({
            id: task.round ? `${task.taskId}:overdue:${task.round}` : `${task.taskId}:overdue`,
            instanceId: task.instanceId,
            taskId: task.taskId,
            kind: 'overdue',
            recipient: Recipient.department(task.department),
            message: `"${task.title}" was due at ${task.dueAt} and is not done yet.`,
            facts: { taskTitle: task.title, dueAt: task.dueAt },
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
      await db.query(RECORD_OUTCOME, [outcome.instanceId, outcome.status, outcome.completedAt]);
    },

    prepareChildInstance(request: ChildInstanceRequest) {
      return prepareChildInstance(db, request);
    },

    async escalateTask(escalation: Escalation): Promise<void> {
      await db.query(
        `WITH messages AS (${insertNotifications(3)})
         UPDATE tasks SET department = coalesce($2, department),
           assignee_id = CASE WHEN $2::text IS NULL OR $2 = department THEN assignee_id END,
           claimed_at = CASE WHEN $2::text IS NULL OR $2 = department THEN claimed_at END
         WHERE id = $1 AND status = 'open'`,
        [escalation.taskId, escalation.reassignTo, JSON.stringify(escalation.notifications)],
      );
    },

    async recordReplan(replan: Replan): Promise<void> {
      // One statement, one transaction: the input, the moved dates and their messages together.
      await db.query(
        `WITH input AS (UPDATE instances SET input = $2 WHERE id = $1),
           messages AS (${insertNotifications(4)})
         UPDATE tasks SET due_at = t."dueAt", overdue = t.overdue
         FROM jsonb_to_recordset($3::jsonb) AS t("taskId" text, "dueAt" timestamptz, overdue boolean)
         WHERE tasks.id = t."taskId" AND tasks.status = 'open'`,
        [
          replan.instanceId,
          JSON.stringify(replan.input),
          JSON.stringify(replan.tasks),
          JSON.stringify(replan.notifications),
        ],
      );
    },
  };
}
