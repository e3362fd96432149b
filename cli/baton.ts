import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, type Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createApp } from '../api/app';
import { closeGracefully } from '../api/graceful-close';
import { BatonMetrics } from '../api/metrics';
import { TaskEventHub } from '../api/task-events';
import { requestIdClientInterceptor } from '../api/temporal-interceptors';
import { type Dispatcher, startDispatcher } from '../channels/dispatcher';
import { startImapIntake } from '../channels/imap-intake';
import { type RunningMailIntake, startMailIntake } from '../channels/intake';
import { createMailer } from '../channels/smtp';
import { migrate, openDatabase } from '../db/data-source';
import { loadDefinitions } from '../engine/bootstrap';
import { closeComputePool } from '../engine/compute/pool';
import type { EngineContext } from '../engine/context';
import { calendarsDirectoryOf, type DeployResult, dataDirectoryOf } from '../engine/definitions';
import { startReconciler } from '../engine/reconcile';
import { expectedDate } from '../engine/requests';
import { Authenticator } from '../engine/users';
import { type Config, DEFAULT_LOCAL_HOST } from '../infra/config';
import { type LocalServices, startLocalServices } from '../infra/local-services';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { createBatonWorker, installWorkerRuntime, workerMetricsAddress } from '../worker';
import { BATON_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

export interface BatonOptions {
  /** Throwaway services and a free API port (tests). */
  readonly ephemeral: boolean;
  readonly workflowBundle?: WorkflowBundleOption;
  readonly log?: (line: string) => void;
  /** Called if the worker stops on its own (a fatal error); by default the error is logged. */
  readonly onWorkerFailure?: (error: unknown) => void;
}

export interface RunningBaton {
  readonly apiUrl: string;
  readonly adminToken: string;
  readonly services: LocalServices;
  readonly context: EngineContext;
  /** Delivers the outbox (mail, webhooks). */
  readonly dispatcher: Dispatcher;
  /** Takes requests and replies by mail (SMTP), when `BATON_SMTP_INTAKE_PORT` is set; null otherwise. */
  readonly intake: Pick<RunningMailIntake, 'port' | 'counts'> | null;
  readonly deployed: readonly DeployResult[];
  /** Stops the worker only (the API keeps answering): instances wait, nothing is lost. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Everything `npm start` runs, in one process: services, migrations, departments and
 * definitions, the worker and the API. Tests start Baton through this same function.
 */
export async function startBaton(config: Config, options: BatonOptions): Promise<RunningBaton> {
  const log = options.log ?? (() => {});
  // With /metrics on, the worker's SDK metrics are served on loopback for the API to include them.
  const metricsAddress =
    config.workerMetricsAddress ?? (config.metricsToken ? `127.0.0.1:${await freeLoopbackPort()}` : null);
  // A terminal's reader wants the worker's warnings, not its every step.
  installWorkerRuntime({ logLevel: config.logLevel ?? 'WARN', metricsAddress });
  const services = await startLocalServices(config, { ephemeral: options.ephemeral, log });
  const cleanups: (() => Promise<void>)[] = [services.stop];
  // Every cleanup runs even when one fails, so a local Postgres is never left behind.
  const cleanUp = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw new AggregateError(failures, 'some services did not stop cleanly');
  };
  try {
    const db = await openDatabase(services.databaseUrl);
    cleanups.push(() => db.destroy());
    cleanups.push(closeComputePool);
    log('migrating the database...');
    await migrate(db, { tokenTtlDays: config.tokenTtlDays });
    const deployed = await loadDefinitions(db, config.definitionsDir);
    for (const result of deployed) {
      log(`  ${result.key} v${result.version}${result.created ? ' (newly deployed)' : ' (unchanged)'}`);
    }

    // The Rust core's connection, as the worker's: no gRPC work on the API's event loop.
    const clientConnection = await NativeConnection.connect({ address: services.temporalAddress });
    cleanups.push(() => clientConnection.close());
    await ensureSearchAttributes(clientConnection, config.temporalNamespace, BATON_SEARCH_ATTRIBUTES);
    const temporal = new Client({
      connection: clientConnection,
      namespace: config.temporalNamespace,
      interceptors: { workflow: [requestIdClientInterceptor] },
    });
    const context: EngineContext = {
      db,
      temporal,
      taskQueue: config.taskQueue,
      dataDirectory: dataDirectoryOf(config.definitionsDir),
      calendarsDirectory: calendarsDirectoryOf(config.definitionsDir),
      tokenTtlDays: config.tokenTtlDays,
    };

    const workerConnection = await NativeConnection.connect({ address: services.temporalAddress });
    cleanups.push(() => workerConnection.close());
    const onWorkerFailure =
      options.onWorkerFailure ?? ((error: unknown) => console.error('baton worker failed:', error));
    const workerControl = new WorkerControl(onWorkerFailure, () =>
      createBatonWorker({
        connection: workerConnection,
        namespace: config.temporalNamespace,
        taskQueue: config.taskQueue,
        db,
        workflowBundle: options.workflowBundle,
        cacheSize: config.workerCacheSize,
        callHosts: config.callHosts,
      }),
    );
    log('starting the worker (bundling workflows)...');
    await workerControl.start();
    cleanups.push(() => workerControl.stop());

    // The API's process keeps the read model it answers from in step with Temporal.
    const reconciler = startReconciler(context, config.reconcileIntervalMs);
    cleanups.push(() => reconciler.stop());

    const adminToken = config.adminToken ?? devAdminToken(config, options, log);
    const host = config.host ?? DEFAULT_LOCAL_HOST;
    const authenticator = new Authenticator(db, adminToken);
    authenticator.startListening();
    cleanups.push(() => authenticator.stop());
    const taskEvents = new TaskEventHub(db);
    taskEvents.start();
    cleanups.push(() => taskEvents.stop());
    // One pool of SMTP connections for the outbox, the intake's answers and sign-in links; the dispatcher closes it.
    const mailer = config.smtpUrl === null ? null : createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
    // The API's own address is known once it listens (a throwaway Baton takes a free port).
    let apiUrl = '';
    let draining = false;
    const metrics = config.metricsToken
      ? {
          collector: new BatonMetrics({ db, workerMetricsAddress: workerMetricsAddress(), log }),
          token: config.metricsToken,
        }
      : null;
    const app = createApp(context, {
      metrics,
      draining: () => draining,
      authenticator,
      trustProxy: config.trustProxy,
      mailer,
      publicUrl: () => config.publicUrl ?? apiUrl,
      taskEvents,
      log,
    });
    const server = await listen(app, options.ephemeral ? 0 : config.port, host);
    cleanups.push(() => {
      draining = true;
      return closeGracefully(server, () => taskEvents.stop());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    apiUrl = `http://${hostInUrl(host)}:${port}`;
    const publicUrl = config.publicUrl ?? apiUrl;
    const dispatcher = startDispatcher({
      db,
      mailer,
      publicUrl,
      expectedDate: (instanceId) => expectedDate(context, instanceId),
      log,
      onRecorded: metrics?.collector.deliveryRecorded,
    });
    cleanups.push(() => dispatcher.stop());

    const intakeDependencies = { context, mailer, unknownSenders: config.intakeUnknownSenders, publicUrl, log };
    let intake: RunningMailIntake | null = null;
    if (config.smtpIntakePort !== null) {
      // The same host as the API; throwaway Batons take a free port, as their API does.
      const port = options.ephemeral ? 0 : config.smtpIntakePort;
      const running = await startMailIntake({ ...intakeDependencies, port, host });
      cleanups.push(() => running.stop());
      intake = running;
      log(`mail intake listening on ${hostInUrl(host)}:${running.port}`);
    }
    if (config.imapUrl !== null) {
      const imap = startImapIntake({ ...intakeDependencies, url: config.imapUrl });
      cleanups.push(() => imap.stop());
    }

    return {
      apiUrl,
      dispatcher,
      intake,
      adminToken,
      services,
      context,
      deployed,
      stopWorker: () => workerControl.stop(),
      startWorker: () => workerControl.start(),
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** In development, an admin token is generated once and kept in the data directory. */
function devAdminToken(config: Config, options: BatonOptions, log: (line: string) => void): string {
  if (options.ephemeral) return `baton_${randomBytes(24).toString('base64url')}`;
  const file = path.join(config.dataDir, 'admin-token');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, `baton_${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    log(`BATON_ADMIN_TOKEN is unset: generated an admin token in ${file}`);
  }
  return fs.readFileSync(file, 'utf8').trim();
}

class WorkerControl {
  private running: { worker: Worker; done: Promise<void> } | null = null;

  constructor(
    private readonly onFailure: (error: unknown) => void,
    private readonly create: () => Promise<Worker>,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    const worker = await this.create();
    this.running = { worker, done: worker.run().catch(this.onFailure) };
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const { worker, done } = this.running;
    this.running = null;
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await done;
  }
}

/** A port nothing listens on now, on loopback (the SDK's exporter is given an address, not a listener). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function listen(app: http.RequestListener, port: number, host: string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** How a client on this machine reaches the API: a wildcard address is reached through loopback. */
function hostInUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return net.isIPv6(host) ? `[${host}]` : host;
}
