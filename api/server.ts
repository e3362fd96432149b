import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { startDispatcher } from '../channels/dispatcher';
import { startImapIntake } from '../channels/imap-intake';
import { startMailIntake } from '../channels/intake';
import { createMailer } from '../channels/smtp';
import { migrate, openDatabase } from '../db/data-source';
import { loadDefinitions } from '../engine/bootstrap';
import { closeComputePool } from '../engine/compute/pool';
import { calendarsDirectoryOf, dataDirectoryOf } from '../engine/definitions';
import { startReconciler } from '../engine/reconcile';
import { expectedDate } from '../engine/requests';
import { Authenticator } from '../engine/users';
import { ConfigError, startFailureLines } from '../errors';
import { readConfig } from '../infra/config';
import { createLogger } from '../infra/logger';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { readTracingSettings, startTracing } from '../infra/tracing';
import { redactUrl } from '../plan/redact';
import { BATON_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { createApp } from './app';
import { closeGracefully, SHUTDOWN_GRACE_MS } from './graceful-close';
import { BatonMetrics } from './metrics';
import { TaskEventHub } from './task-events';
import { temporalClientInterceptors } from './temporal-interceptors';

/**
 * `npm run api`: the API alone, against the Temporal and Postgres of the environment
 * (production). Like `npm start`, it migrates, seeds departments and deploys the
 * definitions folder before it listens.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const missing = (['TEMPORAL_ADDRESS', 'DATABASE_URL', 'BATON_ADMIN_TOKEN'] as const).filter(
    (name) => !process.env[name]?.trim(),
  );
  if (!config.temporalAddress || !config.databaseUrl || !config.adminToken) {
    throw new ConfigError(
      missing.join(', '),
      `the standalone API needs ${missing.join(', ')}`,
      'set them, or run `npm start` for a local all-in-one Baton',
    );
  }
  const logger = createLogger('baton-api', config.logLevel ?? 'INFO');
  const tracingSettings = readTracingSettings(process.env, 'baton-api');
  const tracing = tracingSettings ? startTracing(tracingSettings) : null;
  if (tracingSettings)
    logger.info(`traces to ${redactUrl(tracingSettings.tracesUrl)} as ${tracingSettings.serviceName}`);
  const db = await openDatabase(config.databaseUrl);
  await migrate(db, { tokenTtlDays: config.tokenTtlDays });
  for (const result of await loadDefinitions(db, config.definitionsDir)) {
    logger.info(
      { definition: result.key, version: result.version, created: result.created },
      `${result.key} v${result.version}${result.created ? ' (newly deployed)' : ' (unchanged)'}`,
    );
  }
  // The Rust core's connection, as the worker's: no gRPC work on the API's event loop.
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  await ensureSearchAttributes(connection, config.temporalNamespace, BATON_SEARCH_ATTRIBUTES);
  const temporal = new Client({
    connection,
    namespace: config.temporalNamespace,
    interceptors: { workflow: temporalClientInterceptors(tracing !== null) },
  });
  const context = {
    db,
    temporal,
    taskQueue: config.taskQueue,
    dataDirectory: dataDirectoryOf(config.definitionsDir),
    calendarsDirectory: calendarsDirectoryOf(config.definitionsDir),
    tokenTtlDays: config.tokenTtlDays,
  };
  const authenticator = new Authenticator(db, config.adminToken);
  authenticator.startListening();
  const taskEvents = new TaskEventHub(db);
  taskEvents.start();
  // One pool of SMTP connections for the outbox, the intake's answers and sign-in links; the dispatcher closes it.
  const mailer = config.smtpUrl === null ? null : createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const publicUrl = config.publicUrl ?? `http://${config.host ?? 'localhost'}:${config.port}`;
  const log = (line: string) => logger.info(line);
  // Set on SIGTERM: readiness fails from then on, so a load balancer sends this replica no new work.
  let draining = false;
  // No worker runs here: Prometheus scrapes each worker's BATON_WORKER_METRICS_ADDRESS itself.
  const metrics = config.metricsToken ? { collector: new BatonMetrics({ db, log }), token: config.metricsToken } : null;
  const app = createApp(context, {
    metrics,
    authenticator,
    trustProxy: config.trustProxy,
    mailer,
    publicUrl: () => publicUrl,
    taskEvents,
    log,
    logger,
    tracer: tracing?.tracer,
    draining: () => draining,
  });
  const reconciler = startReconciler(context, config.reconcileIntervalMs);
  const dispatcher = startDispatcher({
    db,
    mailer,
    publicUrl,
    expectedDate: (instanceId) => expectedDate(context, instanceId),
    log,
    onRecorded: metrics?.collector.deliveryRecorded,
  });
  const intakeDependencies = { context, mailer, unknownSenders: config.intakeUnknownSenders, publicUrl, log };
  // Like the API: BATON_HOST, or every interface.
  const intake =
    config.smtpIntakePort === null
      ? null
      : await startMailIntake({ ...intakeDependencies, port: config.smtpIntakePort, host: config.host ?? undefined });
  if (intake) log(`mail intake listening on ${config.host ?? 'every interface'} port ${intake.port}`);
  const imap = config.imapUrl === null ? null : startImapIntake({ ...intakeDependencies, url: config.imapUrl });
  const onListening = () => logger.info(`listening on ${config.host ?? 'every interface'} port ${config.port}`);
  // Unset BATON_HOST: every interface, as the port a container publishes needs.
  const server =
    config.host === null ? app.listen(config.port, onListening) : app.listen(config.port, config.host, onListening);

  const stop = async (signal: string) => {
    if (draining) return;
    draining = true;
    if (config.shutdownDelayMs > 0) {
      logger.info(`${signal}: not ready any more; still serving for ${config.shutdownDelayMs / 1000} s...`);
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    }
    logger.info(
      `${signal}: no new connections; finishing the requests in flight (at most ${SHUTDOWN_GRACE_MS / 1000} s)...`,
    );
    await closeGracefully(server, () => taskEvents.stop());
    await reconciler.stop();
    await imap?.stop();
    await intake?.stop();
    await dispatcher.stop();
    await authenticator.stop();
    await Promise.all([db.destroy(), connection.close(), closeComputePool()]);
    // Last: the spans of the requests that just finished are still in the batch.
    await tracing?.shutdown();
    logger.info('stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const [first, ...details] = startFailureLines(error);
  console.error(`baton api: ${first}`);
  for (const line of details) console.error(line);
  process.exit(1);
});
