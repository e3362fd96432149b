import path from 'node:path';
import {
  DefaultLogger,
  type LogEntry,
  NativeConnection,
  Runtime,
  Worker,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from './activities';
import { openDatabase } from './db/data-source';
import { ConfigError } from './errors';
import { type LogLevel, readConfig } from './infra/config';
import { createLogger, type Logger } from './infra/logger';

export interface BatonWorkerOptions {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly db: DataSource;
  /** A prebuilt bundle (tests share one); by default the workflows folder is bundled at start. */
  readonly workflowBundle?: WorkflowBundleOption;
  /** `maxCachedWorkflows`; null or absent keeps the SDK's default. */
  readonly cacheSize?: number | null;
  /** Hosts `call` steps may reach (`BATON_CALL_HOSTS`); none when absent. */
  readonly callHosts?: readonly string[];
}

/**
 * jsonata (2, the evaluator of instances before runtime 3) keeps no per-workflow state, so one
 * copy per reusable V8 context serves every cached workflow; loaded per workflow it was half of
 * each cached instance's heap. jsonata-sync (1.8, runtime 3) cannot be shared: the SDK freezes
 * shared modules, and it sets a property on itself at every parse.
 */
export const WORKFLOW_BUNDLER_OPTIONS = { preloadModules: ['jsonata'] };

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

/** The worker that runs the interpreter workflow and its activities. */
export async function createBatonWorker(options: BatonWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: path.join(__dirname, 'workflows', 'index.ts'), bundlerOptions: WORKFLOW_BUNDLER_OPTIONS }),
    activities: createActivities({ db: options.db, callHosts: options.callHosts }),
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
  });
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
  logger.info('stopped.');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
