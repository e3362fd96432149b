import type { TaskRow } from '../db/entities/task';

/** The columns of a task as the API shows it, read with plain SQL on the hot paths. */
export const TASK_COLUMNS =
  'id, instance_id, step_id, kind, title, description, department, status, due_at, overdue, estimated_cost, actual_cost, output, form, opened_at, completed_at, completed_by, round, note, earlier_rounds_cost, parent_instance_id';

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
}

export function toTaskRow(record: TaskRecord): TaskRow {
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
  };
}
