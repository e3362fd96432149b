import { Router } from 'express';
import type { EngineContext } from '../engine/context';
import { RETRY_AFTER_SECONDS } from '../errors';
import { acceptsQuery } from './request';

/** What the process's own lifecycle tells its probes. */
export interface HealthOptions {
  /** True once the process is stopping: readiness fails so a load balancer sends no new work. */
  readonly draining?: () => boolean;
}

type Check = 'up' | 'down';

/**
 * Probes for orchestrators and load balancers, without authentication:
 * - `/healthz/live`: the process answers (restart it when it does not); never asks a dependency,
 *   so an outage of Postgres or Temporal does not get every replica restarted.
 * - `/healthz/ready`: this replica can serve: Postgres answers, every migration it knows has run,
 *   Temporal answers, and it is not stopping.
 * - `/healthz`: the dependencies alone, as before.
 */
export function healthRoutes(context: EngineContext, options: HealthOptions): Router {
  const router = Router();
  const noQuery = acceptsQuery();

  router.get('/healthz', noQuery, async (_request, response) => {
    const [postgres, temporal] = await Promise.all([postgresCheck(context), temporalCheck(context)]);
    const healthy = postgres === 'up' && temporal === 'up';
    if (!healthy) response.set('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'unavailable', postgres, temporal });
  });

  router.get('/healthz/live', noQuery, (_request, response) => {
    response.json({ status: 'ok' });
  });

  router.get('/healthz/ready', noQuery, async (_request, response) => {
    const draining = options.draining?.() ?? false;
    const [postgres, migrations, temporal] = await Promise.all([
      postgresCheck(context),
      migrationsCheck(context),
      temporalCheck(context),
    ]);
    const ready = !draining && postgres === 'up' && migrations === 'applied' && temporal === 'up';
    if (!ready) response.set('Retry-After', String(RETRY_AFTER_SECONDS));
    response.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : draining ? 'stopping' : 'unavailable',
      postgres,
      migrations,
      temporal,
    });
  });

  return router;
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
async function migrationsCheck(context: EngineContext): Promise<'applied' | 'pending' | 'unknown'> {
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
