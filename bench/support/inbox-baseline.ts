import express from 'express';
import type { Pool } from 'pg';
import { TASK_COLUMNS } from '../../engine/task-records';

/**
 * The floor for `GET /tasks`: the same SQL as Baton's inbox (same WHERE, ORDER BY due_at, id,
 * LIMIT limit + 1), the same JSON, on bare express + pg. No auth, no ORM, no validation.
 */
export const BASELINE_INBOX_SQL = `SELECT ${TASK_COLUMNS}
FROM tasks WHERE department = $1 AND status = $2 ORDER BY due_at ASC, id ASC LIMIT $3`;

interface TaskRecord {
  id: string;
  instance_id: string;
  step_id: string;
  kind: string;
  title: string;
  description: string | null;
  department: string;
  status: string;
  due_at: Date;
  overdue: boolean;
  estimated_cost: string;
  actual_cost: string | null;
  output: unknown;
  form: unknown;
  opened_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  round: number;
  note: string | null;
  earlier_rounds_cost: string;
  parent_instance_id: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  completed_by_name: string | null;
}

export function baselineInboxApp(pool: Pool): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/tasks', async (request, response) => {
    const limit = Number(request.query.limit ?? 50);
    const { rows } = await pool.query<TaskRecord>(BASELINE_INBOX_SQL, [
      request.query.department,
      request.query.status,
      limit + 1,
    ]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.due_at.toISOString(), last.id])).toString('base64url')
        : null;
    response.json({ items: items.map(taskJson), nextCursor });
  });
  return app;
}

function taskJson(row: TaskRecord) {
  return {
    id: row.id,
    instanceId: row.instance_id,
    stepId: row.step_id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    department: row.department,
    status: row.status,
    dueAt: row.due_at.toISOString(),
    overdue: row.overdue,
    estimatedCost: Number(row.estimated_cost),
    actualCost: row.actual_cost === null ? null : Number(row.actual_cost),
    output: row.output,
    form: row.form,
    openedAt: row.opened_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    completedBy: row.completed_by,
    completedByName: row.completed_by_name,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name },
    round: row.round,
    note: row.note,
    earlierRoundsCost: Number(row.earlier_rounds_cost),
    parentInstanceId: row.parent_instance_id,
  };
}
