import { Type } from '@sinclair/typebox';
import type { Response } from 'express';
import type { EngineContext } from '../engine/context';
import { RETRY_AFTER_SECONDS } from '../errors';
import { ContractRouter } from './contract/operation';
import { OneOf } from './contract/schemas';

/** What the process's own lifecycle tells its probes. */
export interface HealthOptions {
  /** True once the process is stopping: readiness fails so a load balancer sends no new work. */
  readonly draining?: () => boolean;
}

const CHECKS = ['up', 'down'] as const;
type Check = (typeof CHECKS)[number];
const MIGRATION_STATES = ['applied', 'pending', 'unknown'] as const;

const Health = Type.Object({
  status: OneOf(['ok', 'unavailable'] as const),
  postgres: OneOf(CHECKS),
  temporal: OneOf(CHECKS),
});

const Liveness = Type.Object({ status: Type.Literal('ok') });

const Readiness = Type.Object({
  status: OneOf(['ready', 'stopping', 'unavailable'] as const, {
    description: '`stopping` once the process drains, whatever its dependencies say',
  }),
  postgres: OneOf(CHECKS),
  migrations: OneOf(MIGRATION_STATES, {
    description: "`pending` while another replica migrates or before this release's migrations ran",
  }),
  temporal: OneOf(CHECKS),
});

/** An unhealthy answer: the same JSON with 503 and `Retry-After`, as the operation declares. */
function unavailable<T>(response: Response, answer: T): T {
  response.set('Retry-After', String(RETRY_AFTER_SECONDS)).status(503).json(answer);
  return answer;
}

/**
 * Probes for orchestrators and load balancers, without authentication:
 * - `/healthz/live`: the process answers (restart it when it does not); never asks a dependency,
 *   so an outage of Postgres or Temporal does not get every replica restarted.
 * - `/healthz/ready`: this replica can serve: Postgres answers, every migration it knows has run,
 *   Temporal answers, and it is not stopping.
 * - `/healthz`: the dependencies alone, as before.
 */
export function healthRoutes(context: EngineContext, options: HealthOptions): ContractRouter {
  const api = new ContractRouter();
  const tags = ['operations'];
  const whenUnavailable = 'Otherwise 503, with the same JSON and `Retry-After`.';

  api.get(
    '/healthz',
    {
      operationId: 'getHealth',
      summary: 'Whether Postgres and Temporal answer',
      description: `200 when both answer (each is given ${CHECK_TIMEOUT_MS / 1000} s). ${whenUnavailable}`,
      tags,
      public: true,
      result: Health,
      alsoAnswers: { 503: 'a dependency does not answer; `Retry-After` says when to ask again' },
    },
    async (_input, _request, response) => {
      const [postgres, temporal] = await Promise.all([postgresCheck(context), temporalCheck(context)]);
      const healthy = postgres === 'up' && temporal === 'up';
      const answer = { status: healthy ? 'ok' : 'unavailable', postgres, temporal } as const;
      return healthy ? answer : unavailable(response, answer);
    },
  );

  api.get(
    '/healthz/live',
    {
      operationId: 'getLiveness',
      summary: 'Whether the process answers (a liveness probe: restart it when it does not)',
      description: 'Asks no dependency, so an outage of Postgres or Temporal does not get every replica restarted.',
      tags,
      public: true,
      result: Liveness,
    },
    () => ({ status: 'ok' }) as const,
  );

  api.get(
    '/healthz/ready',
    {
      operationId: 'getReadiness',
      summary: 'Whether this replica can serve (a readiness probe: send it no work when it cannot)',
      description: `200 when Postgres answers, every migration this release knows has run, Temporal answers and the process is not stopping. ${whenUnavailable}`,
      tags,
      public: true,
      result: Readiness,
      alsoAnswers: { 503: 'not ready; `Retry-After` says when to ask again' },
    },
    async (_input, _request, response) => {
      const draining = options.draining?.() ?? false;
      const [postgres, migrations, temporal] = await Promise.all([
        postgresCheck(context),
        migrationsCheck(context),
        temporalCheck(context),
      ]);
      const ready = !draining && postgres === 'up' && migrations === 'applied' && temporal === 'up';
      const answer = {
        status: ready ? 'ready' : draining ? 'stopping' : 'unavailable',
        postgres,
        migrations,
        temporal,
      } as const;
      return ready ? answer : unavailable(response, answer);
    },
  );

  return api;
}

/** How long a probe waits for each dependency: an orchestrator's probe gives up after a few seconds. */
const CHECK_TIMEOUT_MS = 2_000;

async function postgresCheck(context: EngineContext): Promise<Check> {
  return (await succeeds(() => context.db.query('SELECT 1'))) ? 'up' : 'down';
}

async function temporalCheck(context: EngineContext): Promise<Check> {
  return (await succeeds(() => context.temporal.workflowService.getSystemInfo({}))) ? 'up' : 'down';
}

/**
 * `pending` while another replica migrates (or this one was deployed before its migrations ran):
 * the migrations this release knows, against those the database recorded, with a pooled query
 * (TypeORM's own check keeps a connection when it fails).
 */
async function migrationsCheck(context: EngineContext): Promise<(typeof MIGRATION_STATES)[number]> {
  try {
    const applied = await withTimeout(context.db.query('SELECT name FROM migrations') as Promise<{ name: string }[]>);
    const recorded = new Set(applied.map((row) => row.name));
    return context.db.migrations.every((migration) => migration.name !== undefined && recorded.has(migration.name))
      ? 'applied'
      : 'pending';
  } catch {
    // No migrations table yet reads as pending as well: nothing is applied.
    return (await succeeds(() => context.db.query('SELECT 1'))) ? 'pending' : 'unknown';
  }
}

async function succeeds(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await withTimeout(probe());
    return true;
  } catch {
    return false;
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
