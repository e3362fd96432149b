import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { DeliveryRecorded } from '../channels/dispatcher';
import { readWorkload, type Workload } from '../engine/workload';
import { UnauthenticatedError } from '../errors';
import { ContractRouter } from './contract/operation';
import { type RouteTemplates, UNMATCHED_ROUTE } from './route-templates';

export interface MetricsOptions {
  /** The read model the workload gauges are counted in. */
  readonly db: Pick<DataSource, 'query'>;
  /**
   * Where the Temporal worker running in this process serves its SDK's metrics (`host:port`);
   * what it serves is appended to each scrape. Null: no worker here (`npm run api`).
   */
  readonly workerMetricsAddress?: string | null;
  /** How long a read of the workload serves scrapes, so that they cannot load Postgres; default 5 s. */
  readonly workloadCacheMs?: number;
  readonly log?: (line: string) => void;
}

/** Seconds: from a health probe to a completion that waits up to 20 s for a worker. */
const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];
/** Seconds: from a webhook sent at once to a mail held for the next morning's digest. */
const DELIVERY_LAG_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600];
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const WORKER_SCRAPE_TIMEOUT_MS = 2_000;

/**
 * Baton's metrics in a registry of its own (never prom-client's global one, so that several APIs
 * can run in one process): HTTP traffic by route template, the workload read from Postgres at
 * scrape time, completions, deliveries, Node's process metrics, and the worker's SDK metrics.
 */
export class BatonMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status' | 'status_class'>;
  private readonly httpErrors: Counter<'method' | 'route' | 'status_class'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly completions: Counter<'department'>;
  private readonly deliveries: Counter<'channel' | 'outcome'>;
  private readonly deliveryLag: Histogram<'channel' | 'mode'>;
  private readonly tasksOpen: Gauge<'department'>;
  private readonly tasksOverdue: Gauge<'department'>;
  private readonly instances: Gauge<'status'>;
  private readonly readModelUp: Gauge;
  private readonly workerUp: Gauge | null;
  private readonly workloadCacheMs: number;
  private workload: { readonly readAt: number; readonly value: Promise<Workload> } | null = null;

  constructor(private readonly options: MetricsOptions) {
    const registers = [this.registry];
    this.workloadCacheMs = options.workloadCacheMs ?? 5_000;
    collectDefaultMetrics({ register: this.registry, prefix: 'baton_' });
    this.httpRequests = new Counter({
      name: 'baton_http_requests_total',
      help: 'HTTP requests answered, by method, route template (`unmatched`: no route), status code and class.',
      labelNames: ['method', 'route', 'status', 'status_class'],
      registers,
    });
    this.httpErrors = new Counter({
      name: 'baton_http_request_errors_total',
      help: 'HTTP requests answered with an error, by method, route template and status class (4xx, 5xx).',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'baton_http_request_duration_seconds',
      help: 'Time from a request received to its answer sent, by method and route template (event streams aside).',
      labelNames: ['method', 'route'],
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    });
    this.completions = new Counter({
      name: 'baton_task_completions_total',
      help: 'Tasks completed through this API process (POST /tasks/:id/complete answered 200), by department.',
      labelNames: ['department'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'baton_deliveries_total',
      help: "Deliveries recorded by this process's dispatcher, by channel (email, webhook) and outcome: sent, retry (failed, due again later), failed (for good), dead-letter (retries exhausted).",
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.deliveryLag = new Histogram({
      name: 'baton_delivery_lag_seconds',
      help: 'From a notification written to its delivery sent, by channel and mode (immediate, digest: held for the daily digest).',
      labelNames: ['channel', 'mode'],
      buckets: DELIVERY_LAG_BUCKETS,
      registers,
    });
    this.tasksOpen = new Gauge({
      name: 'baton_tasks_open',
      help: 'Open tasks by department, read from Postgres at scrape time (at most once every few seconds).',
      labelNames: ['department'],
      registers,
    });
    this.tasksOverdue = new Gauge({
      name: 'baton_tasks_overdue',
      help: 'Open tasks past their due date by department, read with baton_tasks_open.',
      labelNames: ['department'],
      registers,
    });
    this.instances = new Gauge({
      name: 'baton_instances',
      help: 'Instances by status, read with baton_tasks_open.',
      labelNames: ['status'],
      registers,
    });
    this.readModelUp = new Gauge({
      name: 'baton_read_model_up',
      help: 'Whether the workload gauges could be read from Postgres (1) or not (0: they are left out).',
      registers,
    });
    this.workerUp = options.workerMetricsAddress
      ? new Gauge({
          name: 'baton_worker_metrics_up',
          help: "Whether the worker's SDK metrics (temporal_*) answered and are included in this scrape.",
          registers,
        })
      : null;
  }

  /** Counts and times every request by the route template `routes` finds for it. */
  httpMiddleware(routes: RouteTemplates): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      const started = process.hrtime.bigint();
      response.once('finish', () => {
        const method = KNOWN_METHODS.has(request.method) ? request.method : 'other';
        const route = routeOf(routes, request);
        const status = response.statusCode;
        const statusClass = `${Math.floor(status / 100)}xx`;
        this.httpRequests.inc({ method, route, status: String(status), status_class: statusClass });
        if (status >= 400) this.httpErrors.inc({ method, route, status_class: statusClass });
        // An event stream lasts as long as its page stays open: no latency to speak of.
        if (!String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
          this.httpDuration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
        }
      });
      next();
    };
  }

  taskCompleted(department: string): void {
    this.completions.inc({ department });
  }

  /** The dispatcher's hook (`onRecorded`). */
  readonly deliveryRecorded = (event: DeliveryRecorded): void => {
    this.deliveries.inc({ channel: event.channel, outcome: event.outcome });
    if (event.lagSeconds !== null) {
      this.deliveryLag.observe(
        { channel: event.channel, mode: event.digest ? 'digest' : 'immediate' },
        Math.max(event.lagSeconds, 0),
      );
    }
  };

  /** The scrape: Baton's metrics, then the worker's, in Prometheus's text format. */
  async render(): Promise<string> {
    const [, worker] = await Promise.all([this.refreshWorkload(), this.scrapeWorker()]);
    const own = await this.registry.metrics();
    return worker === null ? own : `${own.endsWith('\n') ? own : `${own}\n`}${worker}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async refreshWorkload(): Promise<void> {
    let workload: Workload | null = null;
    try {
      workload = await this.cachedWorkload();
    } catch (error) {
      this.options.log?.(`metrics: the workload could not be read: ${messageOf(error)}`);
    }
    // Reset and set at once, with no await between: a scrape running meanwhile sees one or the other.
    this.tasksOpen.reset();
    this.tasksOverdue.reset();
    this.instances.reset();
    if (workload === null) {
      this.readModelUp.set(0);
      return;
    }
    this.readModelUp.set(1);
    for (const { department, open, overdue } of workload.departments) {
      this.tasksOpen.set({ department }, open);
      this.tasksOverdue.set({ department }, overdue);
    }
    for (const [status, count] of Object.entries(workload.instances)) this.instances.set({ status }, count);
  }

  /** One read serves every scrape for a few seconds, a failed one none; scrapes meanwhile share it. */
  private cachedWorkload(): Promise<Workload> {
    const now = Date.now();
    if (this.workload && now - this.workload.readAt < this.workloadCacheMs) return this.workload.value;
    const value = readWorkload(this.options.db);
    const entry = { readAt: now, value };
    this.workload = entry;
    value.catch(() => {
      if (this.workload === entry) this.workload = null;
    });
    return value;
  }

  private async scrapeWorker(): Promise<string | null> {
    const address = this.options.workerMetricsAddress;
    if (!address || !this.workerUp) return null;
    try {
      const response = await fetch(`http://${reachable(address)}/metrics`, {
        signal: AbortSignal.timeout(WORKER_SCRAPE_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`it answered ${response.status}`);
      const text = await response.text();
      this.workerUp.set(1);
      return text;
    } catch (error) {
      this.workerUp.set(0);
      this.options.log?.(`metrics: the worker's metrics at ${address} did not answer: ${messageOf(error)}`);
      return null;
    }
  }
}

/**
 * `GET /metrics`, for Prometheus: with `Authorization: Bearer <BATON_METRICS_TOKEN>` (any case of
 * the scheme), before the API's own authentication (the token is no user's); 401 otherwise.
 */
export function metricsRoutes(metrics: BatonMetrics, token: string): ContractRouter {
  const api = new ContractRouter();
  const expected = digest(token);
  api.get(
    '/metrics',
    {
      operationId: 'getMetrics',
      summary: 'Prometheus metrics: HTTP traffic, tasks, deliveries, the process',
      description:
        "Served only when `BATON_METRICS_TOKEN` is set, and only to `Authorization: Bearer <BATON_METRICS_TOKEN>` (not a user's token).",
      tags: ['operations'],
      public: true,
      resultMediaType: {
        mediaType: 'text/plain',
        schema: Type.String(),
        description: 'the Prometheus text exposition format',
      },
    },
    async (_input, request, response) => {
      const presented = /^Bearer +(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        throw new UnauthenticatedError('send `Authorization: Bearer <BATON_METRICS_TOKEN>` to read /metrics');
      }
      const text = await metrics.render();
      response.set('Cache-Control', 'no-store').type(metrics.contentType).send(text);
    },
  );
  return api;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A wildcard listen address is reached through loopback. */
function reachable(address: string): string {
  if (address.startsWith('0.0.0.0:')) return `127.0.0.1${address.slice('0.0.0.0'.length)}`;
  if (address.startsWith('[::]:')) return `[::1]${address.slice('[::]'.length)}`;
  return address;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A request's route template; `unmatched` should reading it fail: counting must never throw out of `finish`. */
function routeOf(routes: RouteTemplates, request: Request): string {
  try {
    return routes.of(request);
  } catch {
    return UNMATCHED_ROUTE;
  }
}
