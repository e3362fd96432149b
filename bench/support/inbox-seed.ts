import type { Client } from 'pg';

export interface InboxSeedSize {
  readonly openTasks: number;
  readonly closedTasks: number;
}

/** Every instance of the seeded process opens one task per department, in parallel. */
export const SEEDED_DEPARTMENTS = 50;
const INSTANCES_PER_STATEMENT = 2_000;
const SEED_KEY = 'inbox-bench';

export function departmentId(index: number): string {
  return `dept-${String(index).padStart(2, '0')}`;
}

/**
 * Fills the read model straight in SQL, as years of use would have: closed instances over
 * the last two years (one in ten cancelled halfway), then running ones started in the last
 * 10 days whose tasks are all open, some of them overdue. Deterministic (setseed),
 * then VACUUM ANALYZE so the planner and the visibility map see what autovacuum would leave.
 */
export async function seedInbox(client: Client, size: InboxSeedSize, log: (line: string) => void): Promise<void> {
  const closedInstances = Math.ceil(size.closedTasks / SEEDED_DEPARTMENTS);
  const runningInstances = Math.ceil(size.openTasks / SEEDED_DEPARTMENTS);
  const instances = closedInstances + runningInstances;
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  await client.query('SELECT setseed(0.42)');
  await client.query(
    `INSERT INTO departments (id, name)
     SELECT 'dept-' || lpad(d::text, 2, '0'), 'Department ' || d FROM generate_series(0, $1 - 1) d`,
    [SEEDED_DEPARTMENTS],
  );
  // Nothing on the inbox path reads the definition: the row only satisfies the foreign key.
  await client.query(
    `INSERT INTO definitions (key, version, checksum, title, owner, source, plan, deployed_by)
     VALUES ($1, 1, 'seeded', 'Inbox benchmark', 'dept-00', '# seeded by bench/inbox.ts', '{}', 'bench')`,
    [SEED_KEY],
  );
  await client.query(
    `INSERT INTO instances (id, definition_key, definition_version, status, input, started_at, started_by, completed_at)
     SELECT md5('instance-' || k)::uuid, $1, 1, i.status, jsonb_build_object('site', 'Site ' || k), i.started_at,
            'bench', CASE WHEN i.status = 'running' THEN NULL ELSE i.started_at + interval '14 days' END
     FROM generate_series(0, $2::int + $3::int - 1) k
     CROSS JOIN LATERAL (
       SELECT CASE WHEN k >= $2 THEN 'running' WHEN k % 10 = 9 THEN 'cancelled' ELSE 'completed' END AS status,
              CASE WHEN k >= $2 THEN now() - interval '10 days' + (k - $2) * (interval '10 days' / $3)
                   ELSE now() - interval '730 days' + k * (interval '700 days' / $2) END AS started_at
     ) i`,
    [SEED_KEY, closedInstances, runningInstances],
  );
  log(
    `  seeded ${SEEDED_DEPARTMENTS} departments, 1 definition, ${instances.toLocaleString()} instances (${elapsed()})`,
  );

  let tasks = 0;
  for (let from = 0; from < instances; from += INSTANCES_PER_STATEMENT) {
    const to = Math.min(instances, from + INSTANCES_PER_STATEMENT) - 1;
    const inserted = await client.query(INSERT_TASKS, [from, to, SEEDED_DEPARTMENTS]);
    tasks += inserted.rowCount ?? 0;
    log(
      `  seeded ${tasks.toLocaleString()} of ${(instances * SEEDED_DEPARTMENTS).toLocaleString()} tasks (${elapsed()})`,
    );
  }
  await client.query('VACUUM (ANALYZE) departments, definitions, instances, tasks');
  log(`  vacuumed and analyzed (${elapsed()})`);
}

/**
 * Tasks of instances $1..$2, one per department. Open ones are due 1 to 10 days after they
 * opened; closed ones were completed around their due date, some late. Every fourth step
 * has a form, done tasks with a form have an output. The innermost query draws the random
 * numbers once per row (Postgres does not flatten a subquery that calls random()).
 */
const INSERT_TASKS = `
  INSERT INTO tasks (id, instance_id, step_id, title, description, department, status, due_at, overdue,
                     estimated_cost, actual_cost, output, form, opened_at, completed_at, completed_by)
  SELECT t.instance_id || '.' || t.step_id, t.instance_id, t.step_id, t.title, t.description, t.department,
         t.status, t.due_at,
         CASE WHEN t.status = 'open' THEN t.due_at < now() ELSE t.completed_at > t.due_at END,
         t.estimated_cost,
         CASE WHEN t.status = 'done' THEN round(t.estimated_cost * (0.8 + t.spread * 0.4)::numeric, 2) END,
         CASE WHEN t.status = 'done' AND t.form IS NOT NULL THEN jsonb_build_object('reference', 'R-' || t.k || '-' || t.s) END,
         t.form, t.opened_at,
         CASE WHEN t.status <> 'open' THEN t.completed_at END,
         CASE WHEN t.status = 'done' THEN 'bench-staff' END
  FROM (
    SELECT k, s, instance_id, 'step-' || lpad(s::text, 2, '0') AS step_id,
           'Step ' || s || ' at ' || site AS title,
           CASE WHEN s % 3 = 0 THEN 'Check the ' || site || ' checklist and attach the signed report.' END AS description,
           'dept-' || lpad(s::text, 2, '0') AS department,
           CASE WHEN instance_status = 'running' THEN 'open'
                WHEN instance_status = 'cancelled' AND s >= 25 THEN 'cancelled' ELSE 'done' END AS status,
           opened_at, opened_at + allowed AS due_at, opened_at + allowed * (0.3 + late) AS completed_at,
           (10 * (s % 7))::numeric(14, 2) AS estimated_cost, spread,
           CASE WHEN s % 4 = 0 THEN
             '{"type": "object", "required": ["reference"], "properties": {"reference": {"type": "string"}}}'::jsonb
           END AS form
    FROM (
      SELECT k, s, i.id AS instance_id, i.status AS instance_status, i.input ->> 'site' AS site,
             least(now(), i.started_at + random() * interval '3 days') AS opened_at,
             (1 + floor(random() * 10)) * interval '1 day' AS allowed, random() AS late, random() AS spread
      FROM generate_series($1::int, $2::int) k
      JOIN instances i ON i.id = md5('instance-' || k)::uuid
      CROSS JOIN generate_series(0, $3::int - 1) s
    ) drawn
  ) t`;
