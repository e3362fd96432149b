import type { TaskRow } from '../db/entities/task';
import { BOOTSTRAP_ADMIN } from './users';

/**
 * The columns of a task as the API shows it, read with plain SQL on the hot paths (`FROM tasks`),
 * with the names of the people it names: who has it and who completed it (the bootstrap admin
 * has no row).
 */
export const TASK_COLUMNS = `id, instance_id, step_id, kind, title, description, department, status, due_at, overdue,
  estimated_cost, actual_cost, output, form, opened_at, completed_at, completed_by, round, note, earlier_rounds_cost,
  parent_instance_id, assignee_id, claimed_at,
  (SELECT name FROM users WHERE users.id = tasks.assignee_id) AS assignee_name,
  ${actorNameSql('tasks.completed_by')} AS completed_by_name`;

/**
 * SQL for the name of the actor whose id a text column holds (a user's id, or `admin` for the
 * bootstrap admin, which has no row); null when it holds none. Served by the users' primary key.
 */
export function actorNameSql(column: string): string {
  return `CASE WHEN ${column} = '${BOOTSTRAP_ADMIN.id}' THEN '${BOOTSTRAP_ADMIN.name}'
    WHEN ${column} ~ '^[0-9a-f-]{36}$' THEN (SELECT name FROM users WHERE users.id = ${column}::uuid) END`;
}

/** A task with the names of the people it names. */
export interface TaskDetails extends TaskRow {
  readonly assigneeName: string | null;
  readonly completedByName: string | null;
}

export interface TaskRecord {
  id: string;
  instance_id: string;
  step_id: string;
  kind: TaskRow['kind'];
  title: string;
  description: string | null;
  department: string;
  status: TaskRow['status'];
  due_at: Date;
  overdue: boolean;
  /** `numeric` arrives as a string, to keep its precision. */
  estimated_cost: string;
  actual_cost: string | null;
  output: Record<string, unknown> | null;
  form: Record<string, unknown> | null;
  opened_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  round: number;
  note: string | null;
  earlier_rounds_cost: string;
  parent_instance_id: string | null;
  assignee_id: string | null;
  claimed_at: Date | null;
  assignee_name: string | null;
  completed_by_name: string | null;
}

export function toTaskRow(record: TaskRecord): TaskDetails {
  return {
    id: record.id,
    instanceId: record.instance_id,
    stepId: record.step_id,
    kind: record.kind,
    title: record.title,
    description: record.description,
    department: record.department,
    status: record.status,
    dueAt: record.due_at,
    overdue: record.overdue,
    estimatedCost: Number(record.estimated_cost),
    actualCost: record.actual_cost === null ? null : Number(record.actual_cost),
    output: record.output,
    form: record.form,
    openedAt: record.opened_at,
    completedAt: record.completed_at,
    completedBy: record.completed_by,
    round: record.round,
    note: record.note,
    earlierRoundsCost: Number(record.earlier_rounds_cost),
    parentInstanceId: record.parent_instance_id,
    assigneeId: record.assignee_id,
    claimedAt: record.claimed_at,
    assigneeName: record.assignee_name,
    completedByName: record.completed_by_name,
  };
}
