import type { DataSource } from 'typeorm';
import { ValidationError } from '../errors';
import { parseIsoDate } from '../plan/civil-date';

/**
 * Managers' reports over the read model: plain SQL over `tasks` (and `instances`), never Temporal.
 * Tasks of sub-processes count under their own departments and processes.
 */

export interface DepartmentReportRow {
  readonly department: string;
  readonly name: string;
  /** Open now. */
  readonly open: number;
  /** Open now and past their due date. */
  readonly overdue: number;
  /** Completed in the period. */
  readonly completed: number;
  /** Of those, completed by their due date (`completed_at <= due_at`); null when none was completed. */
  readonly onTimeRate: number | null;
  /** Median of `completed_at - opened_at` over those, in hours (two decimals); null when none. */
  readonly medianCycleHours: number | null;
}

export interface DepartmentReport {
  readonly from: string;
  readonly to: string;
  readonly items: readonly DepartmentReportRow[];
}

/** 30 days up to now, unless told otherwise. */
const DEFAULT_PERIOD_MS = 30 * 86_400_000;

/**
 * Each department's own OLA: what it has open and overdue now, and how it did on the tasks it
 * completed in `[from, to)`. `from`/`to` are RFC 3339 date-times or `YYYY-MM-DD` dates (UTC; a
 * `to` date includes that day). Served by `tasks_inbox` (open) and `tasks_done_by_completion`.
 */
export async function departmentReport(
  db: DataSource,
  period: { readonly from?: string; readonly to?: string },
  now = Date.now(),
): Promise<DepartmentReport> {
  const toMs = period.to === undefined ? now : instantOf(period.to, 'to');
  const fromMs = period.from === undefined ? toMs - DEFAULT_PERIOD_MS : instantOf(period.from, 'from');
  if (fromMs >= toMs) {
    throw new ValidationError('the period is empty', [{ field: '/from', message: 'must be before to' }]);
  }
  const rows: {
    department: string;
    name: string;
    open: string;
    overdue: string;
    completed: string;
    on_time: string;
    median_seconds: number | null;
  }[] = await db.query(
    `SELECT d.id AS department, d.name,
       count(t.id) FILTER (WHERE t.status = 'open') AS open,
       count(t.id) FILTER (WHERE t.status = 'open' AND t.due_at < $3) AS overdue,
       count(t.id) FILTER (WHERE t.status = 'done') AS completed,
       count(t.id) FILTER (WHERE t.status = 'done' AND t.completed_at <= t.due_at) AS on_time,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.completed_at - t.opened_at))
         FILTER (WHERE t.status = 'done') AS median_seconds
     FROM departments d
     LEFT JOIN tasks t ON t.department = d.id
       AND (t.status = 'open' OR (t.status = 'done' AND t.completed_at >= $1 AND t.completed_at < $2))
     GROUP BY d.id, d.name
     ORDER BY d.id`,
    [new Date(fromMs), new Date(toMs), new Date(now)],
  );
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    items: rows.map((row) => {
      const completed = Number(row.completed);
      return {
        department: row.department,
        name: row.name,
        open: Number(row.open),
        overdue: Number(row.overdue),
        completed,
        onTimeRate: completed === 0 ? null : round(Number(row.on_time) / completed, 4),
        medianCycleHours: row.median_seconds === null ? null : round(Number(row.median_seconds) / 3600, 2),
      };
    }),
  };
}

export interface CostFiguresRow {
  /** Estimated cost of the tasks not cancelled. */
  readonly estimated: number;
  /** Done tasks' actual costs (their estimate when none was given), plus every task's earlier rounds. */
  readonly actual: number;
  /** Instances with tasks in this department (for a process: all its instances). */
  readonly instances: number;
}

export interface ProcessCostRow extends CostFiguresRow {
  readonly key: string;
  readonly version: number;
  /**
   * What the instances may cost in total when the version declares a fixed `budget:` (its
   * amount times the instances); null without one, or when each instance reads its own from its input.
   */
  readonly budget: number | null;
  readonly byDepartment: { readonly [department: string]: CostFiguresRow };
}

/** What each process (by version) has cost, and by department; `key` narrows to one process. */
export async function costReport(db: DataSource, filter: { readonly key?: string }): Promise<ProcessCostRow[]> {
  const key = filter.key ?? null;
  const [processes, departments]: [
    { key: string; version: number; instances: string; budget: string | null }[],
    { key: string; version: number; department: string; estimated: string; actual: string; instances: string }[],
  ] = await Promise.all([
    db.query(
      `SELECT i.definition_key AS key, i.definition_version AS version, count(*) AS instances,
         (d.plan -> 'budget' -> 'amount' ->> 'amount')::numeric AS budget
       FROM instances i JOIN definitions d ON d.key = i.definition_key AND d.version = i.definition_version
       WHERE ($1::text IS NULL OR i.definition_key = $1)
       GROUP BY 1, 2, 4 ORDER BY 1, 2`,
      [key],
    ),
    db.query(
      `SELECT i.definition_key AS key, i.definition_version AS version, t.department,
         coalesce(sum(t.estimated_cost) FILTER (WHERE t.status <> 'cancelled'), 0) AS estimated,
         coalesce(sum(coalesce(t.actual_cost, t.estimated_cost)) FILTER (WHERE t.status = 'done'), 0)
           + sum(t.earlier_rounds_cost) AS actual,
         count(DISTINCT t.instance_id) AS instances
       FROM tasks t JOIN instances i ON i.id = t.instance_id
       WHERE ($1::text IS NULL OR i.definition_key = $1)
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [key],
    ),
  ]);
  return processes.map((process) => {
    const own = departments.filter((row) => row.key === process.key && row.version === process.version);
    const byDepartment = Object.fromEntries(
      own.map((row) => [
        row.department,
        { estimated: Number(row.estimated), actual: Number(row.actual), instances: Number(row.instances) },
      ]),
    );
    const figures = Object.values(byDepartment);
    return {
      key: process.key,
      version: process.version,
      instances: Number(process.instances),
      estimated: figures.reduce((sum, row) => sum + row.estimated, 0),
      actual: figures.reduce((sum, row) => sum + row.actual, 0),
      budget: process.budget === null ? null : Number(process.budget) * Number(process.instances),
      byDepartment,
    };
  });
}

function instantOf(value: string, field: 'from' | 'to'): number {
  const day = parseIsoDate(value);
  if (day !== undefined) {
    const midnight = Date.parse(`${value}T00:00:00Z`);
    return field === 'to' ? midnight + 86_400_000 : midnight;
  }
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(instant)) {
    throw new ValidationError(`the ${field} of the period is not a date`, [
      { field: `/${field}`, message: 'is not a YYYY-MM-DD date or an RFC 3339 date-time such as 2027-03-01T09:00:00Z' },
    ]);
  }
  return instant;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export interface AtRiskInstanceRow {
  readonly instanceId: string;
  readonly key: string;
  readonly version: number;
  /** The process's title. */
  readonly title: string;
  /** What the instance is about: a request's subject, else the process's title. */
  readonly subject: string;
  readonly startedAt: string;
  /** Its open tasks past their due date now. */
  readonly overdueTasks: number;
  /** The due date of the one overdue longest; null when none is. */
  readonly oldestOverdueDueAt: string | null;
  /** The soonest due date of its open tasks not yet overdue; null when none. */
  readonly nextDueAt: string | null;
  /** The departments with an overdue open task, by id. */
  readonly departments: readonly string[];
  /** The estimates of its tasks not cancelled, as `/reports/costs` sums them (tasks opened so far). */
  readonly estimatedCost: number;
  /** The fixed `budget:` amount its version declares; null without one, or when it is read from the input. */
  readonly budget: number | null;
  readonly overBudget: boolean;
}

/**
 * The running instances a manager should look at: those with an overdue open task, or whose
 * tasks' estimates already exceed the fixed budget their version declares. The one overdue
 * longest first (those only over budget last), then the oldest. Served by `tasks_by_instance`.
 */
export async function atRiskReport(
  db: DataSource,
  options: { readonly limit: number },
  now = Date.now(),
): Promise<AtRiskInstanceRow[]> {
  const rows: {
    id: string;
    key: string;
    version: number;
    title: string;
    subject: string;
    started_at: Date;
    overdue_tasks: string;
    oldest_overdue_due_at: Date | null;
    next_due_at: Date | null;
    departments: string[];
    estimated: string;
    budget: string | null;
  }[] = await db.query(
    `SELECT * FROM (
       SELECT i.id, i.definition_key AS key, i.definition_version AS version, d.title,
         coalesce(i.subject, d.title) AS subject, i.started_at,
         count(t.id) FILTER (WHERE t.status = 'open' AND t.due_at < $1) AS overdue_tasks,
         min(t.due_at) FILTER (WHERE t.status = 'open' AND t.due_at < $1) AS oldest_overdue_due_at,
         min(t.due_at) FILTER (WHERE t.status = 'open' AND t.due_at >= $1) AS next_due_at,
         coalesce(array_agg(DISTINCT t.department ORDER BY t.department)
           FILTER (WHERE t.status = 'open' AND t.due_at < $1), '{}') AS departments,
         coalesce(sum(t.estimated_cost) FILTER (WHERE t.status <> 'cancelled'), 0) AS estimated,
         (d.plan -> 'budget' -> 'amount' ->> 'amount')::numeric AS budget
       FROM instances i
       JOIN definitions d ON d.key = i.definition_key AND d.version = i.definition_version
       LEFT JOIN tasks t ON t.instance_id = i.id
       WHERE i.status = 'running'
       GROUP BY i.id, d.key, d.version
     ) listed
     WHERE overdue_tasks > 0 OR estimated > budget
     ORDER BY oldest_overdue_due_at ASC NULLS LAST, started_at ASC, id ASC
     LIMIT $2`,
    [new Date(now), options.limit],
  );
  return rows.map((row) => {
    const estimatedCost = Number(row.estimated);
    const budget = row.budget === null ? null : Number(row.budget);
    return {
      instanceId: row.id,
      key: row.key,
      version: row.version,
      title: row.title,
      subject: row.subject,
      startedAt: row.started_at.toISOString(),
      overdueTasks: Number(row.overdue_tasks),
      oldestOverdueDueAt: row.oldest_overdue_due_at?.toISOString() ?? null,
      nextDueAt: row.next_due_at?.toISOString() ?? null,
      departments: row.departments,
      estimatedCost,
      budget,
      overBudget: budget !== null && estimatedCost > budget,
    };
  });
}
