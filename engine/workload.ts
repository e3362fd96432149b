import type { DataSource } from 'typeorm';
import { INSTANCE_STATUSES, type InstanceStatus } from '../plan/instance-view';

/** What every department has in hand, and where the instances stand, as of `at`. */
export interface Workload {
  readonly at: Date;
  /** Every department of the registry (0 when it has nothing open), and any other a task names. */
  readonly departments: readonly { readonly department: string; readonly open: number; readonly overdue: number }[];
  /** How many instances have each status: every status, 0 included. */
  readonly instances: Readonly<Record<InstanceStatus, number>>;
}

/**
 * One query over the read model: open tasks and those past their due date by department (as
 * `GET /reports/departments` counts them, read off the `tasks_inbox` index), and instances by
 * status. For `/metrics`, which reads it at most once every few seconds.
 */
export async function readWorkload(db: Pick<DataSource, 'query'>, at: Date = new Date()): Promise<Workload> {
  const rows: { kind: 'department' | 'instances'; key: string; open: string; overdue: string }[] = await db.query(
    `WITH open_tasks AS (
       SELECT department, count(*) AS open, count(*) FILTER (WHERE due_at < $1) AS overdue
         FROM tasks WHERE status = 'open' GROUP BY department)
     SELECT 'department' AS kind, coalesce(d.id, o.department) AS key,
            coalesce(o.open, 0) AS open, coalesce(o.overdue, 0) AS overdue
       FROM departments d FULL JOIN open_tasks o ON o.department = d.id
     UNION ALL
     SELECT 'instances', status, count(*), 0 FROM instances GROUP BY status`,
    [at],
  );
  const instances = Object.fromEntries(INSTANCE_STATUSES.map((status) => [status, 0])) as Record<
    InstanceStatus,
    number
  >;
  const departments: { department: string; open: number; overdue: number }[] = [];
  for (const row of rows) {
    if (row.kind === 'department') {
      departments.push({ department: row.key, open: Number(row.open), overdue: Number(row.overdue) });
      continue;
    }
    // The database allows no other status (see test/db/allowed-values.test.ts).
    const status = INSTANCE_STATUSES.find((candidate) => candidate === row.key);
    if (status) instances[status] = Number(row.open);
  }
  departments.sort((a, b) => a.department.localeCompare(b.department));
  return { at, departments, instances };
}
