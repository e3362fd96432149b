import { deepStrictEqual } from 'node:assert/strict';
import type { Server } from 'node:http';
import { Connection, Client as TemporalClient } from '@temporalio/client';
import type express from 'express';
import { Client as PgClient, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../api/app';
import { Authenticator, BOOTSTRAP_ADMIN, createUser } from '../engine/users';
import { findFreePort } from '../infra/ports';
import { startBenchDatabase } from './support/environment';
import { BASELINE_INBOX_SQL, baselineInboxApp } from './support/inbox-baseline';
import { acrossRounds, alternatingRounds, type HttpTarget, type LoadPlan } from './support/inbox-load';
import { departmentId, type InboxSeedSize, SEEDED_DEPARTMENTS, seedInbox } from './support/inbox-seed';
import { report, target } from './support/report';
import type { Scenario } from './support/scenario';
import { ratio } from './support/stats';

export interface InboxRunSize {
  readonly seed: InboxSeedSize;
  readonly load: LoadPlan;
}

const FULL: InboxRunSize = {
  seed: { openTasks: 100_000, closedTasks: 1_000_000 },
  load: { connections: 10, warmupSeconds: 5, roundSeconds: 10, rounds: 5 },
};
const SMOKE: InboxRunSize = {
  seed: { openTasks: 1_000, closedTasks: 10_000 },
  load: { connections: 10, warmupSeconds: 1, roundSeconds: 1, rounds: 3 },
};
/** TypeORM's pool in db/data-source.ts; the baseline gets as many connections. */
const POOL_SIZE = 20;
const ADMIN_TOKEN = 'bench-inbox-admin-token-of-at-least-32-characters';
const EXPLAINED_DEPARTMENT = departmentId(7);

const inboxPath = (department: string) => `/tasks?department=${department}&status=open&limit=50`;
const log = (line: string) => console.log(line);

export const inboxScenario: Scenario = {
  name: 'inbox',
  description: `GET /tasks (one department's open tasks) over 100k open + 1M closed tasks, against bare express + pg`,
  run: ({ smoke }) => measureInbox(smoke ? SMOKE : FULL, smoke),
};

/** One run at any size; `smoke` only prints (a medium run while developing: other sizes, smoke true). */
export async function measureInbox({ seed, load }: InboxRunSize, smoke: boolean): Promise<void> {
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const { postgres, db } = await startBenchDatabase('inbox', cleanups);

    log(`  seeding ${seed.openTasks.toLocaleString()} open and ${seed.closedTasks.toLocaleString()} closed tasks`);
    const seedStarted = Date.now();
    const seeder = new PgClient({ connectionString: postgres.url });
    await seeder.connect();
    try {
      await seedInbox(seeder, seed, log);
    } finally {
      await seeder.end();
    }
    const seedSeconds = Math.round((Date.now() - seedStarted) / 1000);

    // A connection that can never connect: any call to Temporal on the inbox path fails the run.
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    cleanups.push(() => connection.close());
    const temporal = new TemporalClient({ connection });
    const authenticator = new Authenticator(db, ADMIN_TOKEN);
    authenticator.startListening();
    cleanups.push(() => authenticator.stop());
    const candidateUrl = await listen(
      createApp(
        { db, temporal, taskQueue: 'bench-inbox', dataDirectory: null, calendarsDirectory: null },
        { authenticator, mailer: null, publicUrl: () => '' },
      ),
      cleanups,
    );
    const pool = new Pool({ connectionString: postgres.url, max: POOL_SIZE });
    // An idle client's error (Postgres stopping) must not crash the run before it cleans up.
    pool.on('error', (error) => console.error(`  baseline pool: ${error.message}`));
    cleanups.push(() => pool.end());
    const baselineUrl = await listen(baselineInboxApp(pool), cleanups);

    const departments = Array.from({ length: SEEDED_DEPARTMENTS }, (_, index) => departmentId(index));
    const tokens = new Map<string, string>();
    for (const department of departments) {
      const { token } = await createUser(
        db,
        { name: `staff of ${department}`, role: 'staff', department },
        BOOTSTRAP_ADMIN,
      );
      tokens.set(department, token);
    }
    const sql = await checkSameAnswer(db, candidateUrl, baselineUrl, EXPLAINED_DEPARTMENT, tokens);

    const baseline: HttpTarget = {
      name: 'baseline',
      url: baselineUrl,
      requests: departments.map((department) => ({ method: 'GET', path: inboxPath(department) })),
    };
    const candidate: HttpTarget = {
      name: 'candidate',
      url: candidateUrl,
      requests: departments.map((department) => ({
        method: 'GET',
        path: inboxPath(department),
        headers: { authorization: `Bearer ${tokens.get(department)}` },
      })),
    };
    log(`  loading: ${load.rounds} alternating rounds of ${load.roundSeconds} s, ${load.connections} connections`);
    const rounds = await alternatingRounds([baseline, candidate], load, log);
    const baselineFigures = acrossRounds(rounds.get(baseline.name) ?? []);
    const candidateFigures = acrossRounds(rounds.get(candidate.name) ?? []);

    const explain = await explainInbox(pool, sql.inbox);
    const figures = {
      postgres: (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version,
      seeded: { ...seed, departments: SEEDED_DEPARTMENTS, seedSeconds, ...(await tableFacts(pool)) },
      load: {
        ...load,
        requests: `GET ${inboxPath('<department>')}, the ${SEEDED_DEPARTMENTS} departments in turn`,
        generator: 'autocannon in a worker thread; both servers on the main thread, one loaded at a time',
      },
      baseline: { ...baselineFigures, server: 'bare express + pg.Pool, no auth', sql: BASELINE_INBOX_SQL },
      candidate: {
        ...candidateFigures,
        server: 'Baton createApp, staff bearer token, Temporal connection that never connects',
        sqlPerRequest: sql.perRequest,
      },
      requestsPerSecondRatio: ratio(candidateFigures.requestsPerSecond, baselineFigures.requestsPerSecond),
      latencyP99Ratio: ratio(candidateFigures.latencyP99Ms, baselineFigures.latencyP99Ms),
      explain,
    };
    report(
      'inbox',
      figures,
      [
        target('req/s, candidate / baseline', figures.requestsPerSecondRatio, '>=', 0.7),
        target('latency p99, candidate / baseline', figures.latencyP99Ratio, '<=', 1.5),
        target(
          'failed responses (non-2xx, errors, timeouts)',
          candidateFigures.failed + baselineFigures.failed,
          '<=',
          0,
        ),
      ],
      smoke,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`  cleanup failed: ${String(error)}`);
      }
    }
  }
}

async function listen(app: express.Express, cleanups: Array<() => Promise<unknown>>): Promise<string> {
  const port = await findFreePort();
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${port}`;
}

interface LoggedQuery {
  readonly query: string;
  readonly parameters: unknown[];
}

/**
 * Asks both servers for one inbox and insists on the same JSON (else the comparison means
 * nothing), recording the SQL Baton ran through TypeORM's logger meanwhile.
 */
async function checkSameAnswer(
  db: DataSource,
  candidateUrl: string,
  baselineUrl: string,
  department: string,
  tokens: ReadonlyMap<string, string>,
): Promise<{ inbox: LoggedQuery; perRequest: string[] }> {
  const logged: LoggedQuery[] = [];
  const logger = db.logger;
  db.logger = new Proxy(logger, {
    get(original, property, receiver) {
      if (property !== 'logQuery') return Reflect.get(original, property, receiver);
      return (query: string, parameters?: unknown[]) => logged.push({ query, parameters: parameters ?? [] });
    },
  });
  let candidate: unknown;
  try {
    candidate = await getJson(`${candidateUrl}${inboxPath(department)}`, tokens.get(department));
  } finally {
    db.logger = logger;
  }
  const baseline = await getJson(`${baselineUrl}${inboxPath(department)}`);
  deepStrictEqual(candidate, baseline, 'Baton and the baseline answer the same inbox differently');
  const inbox = logged.find((entry) => /FROM "?tasks"?\b/.test(entry.query));
  if (!inbox) throw new Error(`Baton's inbox query was not logged; it ran: ${logged.map((e) => e.query).join('; ')}`);
  return { inbox, perRequest: logged.map((entry) => entry.query) };
}

async function getJson(url: string, token?: string): Promise<unknown> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The plan of Baton's own inbox query, run after the load (warm cache, as in use). */
async function explainInbox(pool: Pool, inbox: LoggedQuery) {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${inbox.query}`,
    inbox.parameters,
  );
  const plan = rows.map((row) => row['QUERY PLAN']);
  const text = plan.join('\n');
  return {
    department: EXPLAINED_DEPARTMENT,
    indexScanOnTasksInbox: /Index Scan using tasks_inbox on tasks/.test(text),
    sortNode: /\bSort\b/.test(text),
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN),
    sql: inbox.query,
    parameters: inbox.parameters,
    plan,
  };
}

async function tableFacts(pool: Pool) {
  const { rows } = await pool.query<{ tasks_mib: string; inbox_index_mib: string; open_overdue_share: string }>(
    `SELECT round(pg_total_relation_size('tasks') / 1048576.0) AS tasks_mib,
            round(pg_relation_size('tasks_inbox') / 1048576.0) AS inbox_index_mib,
            round(avg(overdue::int), 2) AS open_overdue_share
     FROM tasks WHERE status = 'open'`,
  );
  const row = rows[0];
  return {
    tasksTableWithIndexesMiB: Number(row?.tasks_mib),
    inboxIndexMiB: Number(row?.inbox_index_mib),
    openTasksOverdueShare: Number(row?.open_overdue_share),
  };
}
