import { createRequire } from 'node:module';
import path from 'node:path';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import {
  type ActivityInterceptorsFactory,
  DefaultLogger,
  type LogEntry,
  NativeConnection,
  Runtime,
  Worker,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { Configuration as WebpackConfiguration } from 'webpack';
import { createActivities } from './activities';
import { openDatabase } from './db/data-source';
import { ConfigError } from './errors';
import { type LogLevel, readConfig } from './infra/config';
import { createLogger, type Logger } from './infra/logger';
import { readTracingSettings, startTracing, type Tracing } from './infra/tracing';
import { redactUrl } from './plan/redact';
import { requestIdOf } from './workflows/request-id';

export interface BatonWorkerOptions {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly db: DataSource;
  /**
   * A prebuilt bundle (tests share one); by default the workflows folder is bundled at start. Bundle
   * it with `workflowInterceptorModules(...)` for its workflows to pass request ids and spans on.
   */
  readonly workflowBundle?: WorkflowBundleOption;
  /** `maxCachedWorkflows`; null or absent keeps the SDK's default. */
  readonly cacheSize?: number | null;
  /** Hosts `call` steps may reach (`BATON_CALL_HOSTS`); none when absent. */
  readonly callHosts?: readonly string[];
  /** Where workflow and activity spans go (`OTEL_EXPORTER_OTLP_ENDPOINT`); absent: no tracing. */
  readonly tracing?: Tracing | null;
}

/**
 * jsonata (2, the evaluator of instances before runtime 3) keeps no per-workflow state, so one
 * copy per reusable V8 context serves every cached workflow; loaded per workflow it was half of
 * each cached instance's heap. jsonata-sync (1.8, runtime 3) cannot be shared: the SDK freezes
 * shared modules, and it sets a property on itself at every parse.
 */
export const WORKFLOW_BUNDLER_OPTIONS = { preloadModules: ['jsonata'], webpackConfigHook: withWorkflowSpanIds };

/**
 * Workflows' spans take their ids from workflows/span-ids.ts, not from OpenTelemetry's generator,
 * which would draw on the workflow's random numbers and break replay (the module says why).
 */
function withWorkflowSpanIds(config: WebpackConfiguration): WebpackConfiguration {
  // The webpack Temporal's bundler runs: a dependency of the SDK's, not of Baton's.
  const { NormalModuleReplacementPlugin } = createRequire(require.resolve('@temporalio/worker'))(
    'webpack',
  ) as typeof import('webpack');
  const spanIds = new NormalModuleReplacementPlugin(/^\.\/RandomIdGenerator$/, (resource) => {
    if (/[\\/]@opentelemetry[\\/]sdk-trace-base[\\/]/.test(resource.context)) {
      resource.request = path.join(__dirname, 'workflows', 'span-ids.ts');
    }
  });
  return { ...config, plugins: [...(config.plugins ?? []), spanIds] };
}

/**
 * What activities in flight get to finish after a stop is asked (SIGTERM), before they are
 * cancelled and retried by another worker; the SDK's default cancels them at once.
 */
export const WORKER_SHUTDOWN_GRACE_MS = 20_000;

let runtimeInstalled = false;
let installedMetricsAddress: string | null = null;

export interface WorkerRuntimeOptions {
  readonly logLevel: LogLevel;
  /**
   * `host:port` where the SDK serves its own metrics (workflow and activity tasks, polls, slots,
   * its client's requests) in Prometheus text at `/metrics`; null: none.
   */
  readonly metricsAddress?: string | null;
  /** Where the SDK's logs go (the worker's and workflows' and activities' lines): its own format on stderr by default. */
  readonly logger?: Logger;
}

/**
 * Sets the SDK's log level and metrics exporter; Temporal allows it once per process, before the
 * first connection: a later call changes nothing.
 */
export function installWorkerRuntime(options: WorkerRuntimeOptions): void {
  if (runtimeInstalled) return;
  const metricsAddress = options.metricsAddress ?? null;
  Runtime.install({
    logger: new DefaultLogger(options.logLevel, options.logger ? forwardTo(options.logger) : undefined),
    // No shutdown signals: Baton's own Ctrl-C handler stops the API, the worker and the services in order.
    shutdownSignals: [],
    // The SDK's own names (`temporal_...`, durations in milliseconds), as Temporal's dashboards read them.
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
  });
  runtimeInstalled = true;
  installedMetricsAddress = metricsAddress;
}

/** The SDK's log entries as JSON lines of Baton's logger, their metadata (workflow and activity ids...) as fields. */
function forwardTo(logger: Logger): (entry: LogEntry) => void {
  return ({ level, message, meta }) => {
    const write = LEVELS[level] ?? 'info';
    logger[write]({ ...meta }, message);
  };
}

const LEVELS: Readonly<Record<string, 'trace' | 'debug' | 'info' | 'warn' | 'error'>> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Sets the SDK's log level only (see installWorkerRuntime). */
export function installWorkerLogging(level: LogLevel): void {
  installWorkerRuntime({ logLevel: level });
}

/** Where this process's SDK serves its metrics, as installed; null when it serves none. */
export function workerMetricsAddress(): string | null {
  return installedMetricsAddress;
}

/**
 * The interceptors bundled into the workflows: request ids always (see workflows/interceptors.ts),
 * and with tracing on, Temporal's, whose spans join the trace of the call that started each one.
 */
export function workflowInterceptorModules(tracing: boolean): string[] {
  const requestIds = path.join(__dirname, 'workflows', 'interceptors.ts');
  return tracing
    ? [requestIds, require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')]
    : [requestIds];
}

/**
 * Each activity's log lines carry the request behind the workflow call that scheduled it (the
 * header the workflow interceptors set). The SDK logs "Activity started" before any interceptor
 * reads the headers: that line alone goes without.
 */
const requestIdActivityInterceptors: ActivityInterceptorsFactory = () => {
  let requestId: string | undefined;
  return {
    inbound: {
      execute(input, next) {
        requestId = requestIdOf(input.headers);
        return next(input);
      },
    },
    outbound: {
      getLogAttributes: (attributes, next) => next(requestId === undefined ? attributes : { ...attributes, requestId }),
    },
  };
};

/** Temporal's activity interceptors: a span per attempt, in the workflow's trace; its ids in the activity's log lines. */
const tracingActivityInterceptors: ActivityInterceptorsFactory = (context) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(context),
  outbound: new OpenTelemetryActivityOutboundInterceptor(context),
});

/** The worker that runs the interpreter workflow and its activities. */
export async function createBatonWorker(options: BatonWorkerOptions): Promise<Worker> {
  const tracing = options.tracing ?? null;
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: path.join(__dirname, 'workflows', 'index.ts'), bundlerOptions: WORKFLOW_BUNDLER_OPTIONS }),
    activities: createActivities({ db: options.db, callHosts: options.callHosts }),
    interceptors: {
      // A prebuilt bundle has its workflow interceptors in it already.
      ...(options.workflowBundle ? {} : { workflowModules: workflowInterceptorModules(tracing !== null) }),
      activity: tracing
        ? [requestIdActivityInterceptors, tracingActivityInterceptors]
        : [requestIdActivityInterceptors],
    },
    // Workflows cannot send spans themselves: they hand them over to the worker, which sends them with its own.
    ...(tracing ? { sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) } } : {}),
    shutdownGraceTime: WORKER_SHUTDOWN_GRACE_MS,
    ...(options.cacheSize == null ? {} : { maxCachedWorkflows: options.cacheSize }),
  });
}

/** `npm run worker`: the worker alone, against the Temporal and Postgres of the environment (production). */
async function main(): Promise<void> {
  const config = readConfig();
  if (!config.temporalAddress || !config.databaseUrl) {
    throw new ConfigError(
      config.temporalAddress ? 'DATABASE_URL' : 'TEMPORAL_ADDRESS',
      'the standalone worker needs TEMPORAL_ADDRESS and DATABASE_URL',
      'set both, or run `npm start` to get a local Temporal and Postgres',
    );
  }
  const logLevel = config.logLevel ?? 'INFO';
  const logger = createLogger('baton-worker', logLevel);
  const tracingSettings = readTracingSettings(process.env, 'baton-worker');
  const tracing = tracingSettings ? startTracing(tracingSettings) : null;
  installWorkerRuntime({ logLevel, metricsAddress: config.workerMetricsAddress, logger });
  const db = await openDatabase(config.databaseUrl);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await createBatonWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    db,
    cacheSize: config.workerCacheSize,
    callHosts: config.callHosts,
    tracing,
  });
  if (tracingSettings)
    logger.info(`traces to ${redactUrl(tracingSettings.tracesUrl)} as ${tracingSettings.serviceName}`);
  logger.info(`polling task queue "${config.taskQueue}" on ${config.temporalAddress}`);
  if (config.workerMetricsAddress) {
    logger.info(`metrics for Prometheus at http://${config.workerMetricsAddress}/metrics`);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(
        `${signal}: no new tasks; finishing the activities in flight (at most ${WORKER_SHUTDOWN_GRACE_MS / 1000} s)...`,
      );
      worker.shutdown();
    });
  }
  await worker.run();
  await connection.close();
  await db.destroy();
  // Last: the spans of the activities that just finished are still in the batch.
  await tracing?.shutdown();
  logger.info('stopped.');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
