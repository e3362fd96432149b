import net from 'node:net';
import path from 'node:path';
import { ConfigError } from '../errors';

/** Everything Baton reads from its environment, read once, with documented defaults. */
export interface Config {
  /** API port. `PORT`, default 3000. */
  readonly port: number;
  /**
   * `BATON_HOST`: the address the API listens on (an IP address or a host name). Unset, `npm start`
   * listens on 127.0.0.1 (DEFAULT_LOCAL_HOST), like the Temporal and Postgres it starts, and
   * `npm run api` on every interface, as a container's published port needs.
   */
  readonly host: string | null;
  /** `TEMPORAL_ADDRESS` (host:port); unset means "start a local dev server". */
  readonly temporalAddress: string | null;
  /** `TEMPORAL_NAMESPACE`, default `default`. */
  readonly temporalNamespace: string;
  /** `TEMPORAL_CLI_PATH`: the `temporal` binary for the dev server; default: found on PATH. */
  readonly temporalCliPath: string | null;
  /** `BATON_TEMPORAL_PORT`, default 7233: the dev server's frontend port (its UI is this + 1000). */
  readonly temporalDevPort: number;
  /** `DATABASE_URL`; unset means "start an embedded Postgres". */
  readonly databaseUrl: string | null;
  /** `BATON_POSTGRES_PORT`, default 5433: the embedded Postgres port. */
  readonly embeddedPostgresPort: number;
  /** `BATON_DATA_DIR`, default `./.baton`: dev server and embedded Postgres files. */
  readonly dataDir: string;
  /**
   * `BATON_ADMIN_TOKEN` (at least 32 characters, no spaces); in dev, generated and kept in the
   * data directory when unset.
   */
  readonly adminToken: string | null;
  /**
   * `BATON_TOKEN_TTL_DAYS`, default 90 (1 to 365): how long a user's API token works when nobody
   * chose its life (`POST /users`, a rotation, `POST /users/me/tokens` without `expiresInDays`).
   */
  readonly tokenTtlDays: number;
  /**
   * `BATON_TRUST_PROXY`: which proxies' `X-Forwarded-For` names the client (express's `trust proxy`):
   * a number of hops, or addresses and subnets (`10.0.0.0/8`, `loopback`, `uniquelocal`); unset,
   * the client is the connection's own address. Failed authentications are counted per client.
   */
  readonly trustProxy: number | readonly string[] | null;
  /** `BATON_TASK_QUEUE`, default `baton`. */
  readonly taskQueue: string;
  /** `BATON_DEFINITIONS_DIR`, default `./definitions`: processes deployed at start. */
  readonly definitionsDir: string;
  /**
   * `BATON_LOG_LEVEL` (TRACE, DEBUG, INFO, WARN, ERROR); null when unset: each process has its
   * default (`npm run api` and `npm run worker` INFO, a line per request; `npm start` WARN).
   */
  readonly logLevel: LogLevel | null;
  /**
   * `BATON_WORKER_CACHE_SIZE`: how many instances the worker keeps in memory (Temporal's
   * `maxCachedWorkflows`); unset is the SDK's default, derived from the V8 heap limit.
   */
  readonly workerCacheSize: number | null;
  /**
   * `BATON_CALL_HOSTS`: the hosts `call` steps may reach, comma-separated (`api.example.com`,
   * `localhost:8080`, `*.example.com`); empty refuses every call.
   */
  readonly callHosts: readonly string[];
  /**
   * `BATON_RECONCILE_INTERVAL`, seconds, default 30: how often the API brings the read model in
   * line with what Temporal did without Baton (runs terminated or timed out, starts cut short).
   */
  readonly reconcileIntervalMs: number;
  /**
   * `BATON_SHUTDOWN_DELAY`, seconds, default 0: how long `npm run api`, told to stop, keeps serving
   * while its readiness fails, so that a load balancer stops sending it work before it closes.
   */
  readonly shutdownDelayMs: number;
  /**
   * `BATON_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://...`): where Baton's mail is sent.
   * Unset, `npm start` starts a local mail catcher; elsewhere mail deliveries fail, recorded.
   */
  readonly smtpUrl: string | null;
  /** `BATON_MAIL_FROM`, default `Baton <baton@localhost>`: the sender of Baton's mail. */
  readonly mailFrom: string;
  /**
   * `BATON_PUBLIC_URL`: where people reach Baton (links in mail, webhook payloads); default the
   * API's own address.
   */
  readonly publicUrl: string | null;
  /**
   * `BATON_SMTP_INTAKE_PORT`: the port Baton receives mail on (requests and replies by mail);
   * unset: no listener, except under `npm start`, which listens on 127.0.0.1:2525.
   */
  readonly smtpIntakePort: number | null;
  /** `BATON_IMAP_URL` (`imaps://user:pass@host/INBOX`): a mailbox Baton also reads requests from. */
  readonly imapUrl: string | null;
  /**
   * `BATON_INTAKE_UNKNOWN_SENDERS`: `refuse` (default: a polite reply saying who may write) or
   * `ignore` (drop silently) for mail from an address that is no user's.
   */
  readonly intakeUnknownSenders: 'refuse' | 'ignore';
  /**
   * `BATON_MAIL_CATCHER_SMTP_PORT` and `BATON_MAIL_CATCHER_WEB_PORT`, default 1025 and 1080
   * (maildev's own, which other tools' documentation points at): the local mail catcher `npm
   * start` runs when no `BATON_SMTP_URL` is set.
   */
  readonly mailCatcherSmtpPort: number;
  readonly mailCatcherWebPort: number;
  /**
   * `BATON_METRICS_TOKEN` (at least 32 characters): turns on the API's `GET /metrics`, which asks
   * for `Authorization: Bearer <this token>`; unset, there is no `/metrics`.
   */
  readonly metricsToken: string | null;
  /**
   * `BATON_WORKER_METRICS_ADDRESS` (`host:port`, e.g. `0.0.0.0:9464`): where the Temporal worker
   * serves its SDK's metrics for Prometheus (`/metrics`, no authentication); unset, it serves
   * none. `npm start` picks a free loopback port when `/metrics` is on and this is unset, and the
   * API's `/metrics` includes them.
   */
  readonly workerMetricsAddress: string | null;
}

export const DEFAULT_LOCAL_HOST = '127.0.0.1';

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Environment = Readonly<Record<string, string | undefined>>;

export function readConfig(env: Environment = process.env, cwd: string = process.cwd()): Config {
  return {
    port: readPort(env, 'PORT', 3000),
    host: readHost(env),
    temporalAddress: readOptional(env, 'TEMPORAL_ADDRESS'),
    temporalNamespace: readOptional(env, 'TEMPORAL_NAMESPACE') ?? 'default',
    temporalCliPath: readOptional(env, 'TEMPORAL_CLI_PATH'),
    temporalDevPort: readPort(env, 'BATON_TEMPORAL_PORT', 7233),
    databaseUrl: readDatabaseUrl(env),
    embeddedPostgresPort: readPort(env, 'BATON_POSTGRES_PORT', 5433),
    dataDir: path.resolve(cwd, readOptional(env, 'BATON_DATA_DIR') ?? '.baton'),
    adminToken: readAdminToken(env),
    tokenTtlDays: readTokenTtlDays(env),
    trustProxy: readTrustProxy(env),
    taskQueue: readOptional(env, 'BATON_TASK_QUEUE') ?? 'baton',
    definitionsDir: path.resolve(cwd, readOptional(env, 'BATON_DEFINITIONS_DIR') ?? 'definitions'),
    logLevel: readLogLevel(env),
    workerCacheSize: readCacheSize(env),
    callHosts: (readOptional(env, 'BATON_CALL_HOSTS') ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== ''),
    reconcileIntervalMs: readReconcileInterval(env),
    shutdownDelayMs: readShutdownDelay(env),
    smtpUrl: readUrl(env, 'BATON_SMTP_URL', ['smtp:', 'smtps:'], 'smtp://user:password@mail.example.com:587'),
    mailFrom: readOptional(env, 'BATON_MAIL_FROM') ?? 'Baton <baton@localhost>',
    publicUrl:
      readUrl(env, 'BATON_PUBLIC_URL', ['http:', 'https:'], 'https://baton.example.com')?.replace(/\/+$/, '') ?? null,
    smtpIntakePort:
      readOptional(env, 'BATON_SMTP_INTAKE_PORT') === null ? null : readPort(env, 'BATON_SMTP_INTAKE_PORT', 0),
    imapUrl: readUrl(env, 'BATON_IMAP_URL', ['imap:', 'imaps:'], 'imaps://user:password@mail.example.com/INBOX'),
    intakeUnknownSenders: readUnknownSenders(env),
    mailCatcherSmtpPort: readPort(env, 'BATON_MAIL_CATCHER_SMTP_PORT', 1025),
    mailCatcherWebPort: readPort(env, 'BATON_MAIL_CATCHER_WEB_PORT', 1080),
    metricsToken: readMetricsToken(env),
    workerMetricsAddress: readListenAddress(env, 'BATON_WORKER_METRICS_ADDRESS'),
  };
}

/** As long as the admin token must be: it guards what every department has in hand. */
const MINIMUM_METRICS_TOKEN_LENGTH = 32;

function readMetricsToken(env: Environment): string | null {
  const raw = readOptional(env, 'BATON_METRICS_TOKEN');
  if (raw === null) return null;
  if (raw.length < MINIMUM_METRICS_TOKEN_LENGTH || /\s/.test(raw)) {
    throw new ConfigError(
      'BATON_METRICS_TOKEN',
      `BATON_METRICS_TOKEN is not ${MINIMUM_METRICS_TOKEN_LENGTH} characters without spaces`,
      'generate one with `openssl rand -hex 32`, or unset it to turn /metrics off',
    );
  }
  return raw;
}

/** `host:port` (`[::1]:9464` for an IPv6 address), for a listener of Baton's own. */
function readListenAddress(env: Environment, name: string): string | null {
  const raw = readOptional(env, name);
  if (raw === null) return null;
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+)):(\d{1,5})$/i.exec(raw);
  const host = match?.[1] ?? match?.[2] ?? '';
  const port = Number(match?.[3]);
  const hostValid = match?.[1] ? net.isIPv6(host) : net.isIPv4(host) || HOST_NAME.test(host);
  if (!match || !hostValid || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(
      name,
      `${name}=${raw} is not a host:port address`,
      'use e.g. 0.0.0.0:9464 (every interface), 127.0.0.1:9464 or [::1]:9464, or unset it',
    );
  }
  return raw;
}

function readUrl(env: Environment, name: string, protocols: readonly string[], example: string): string | null {
  const raw = readOptional(env, name);
  if (raw === null) return null;
  if (!URL.canParse(raw) || !protocols.includes(new URL(raw).protocol)) {
    throw new ConfigError(name, `${name} is not a ${protocols.join(' or ')} URL`, `use e.g. ${example}, or unset it`);
  }
  return raw;
}

function readUnknownSenders(env: Environment): 'refuse' | 'ignore' {
  const raw = readOptional(env, 'BATON_INTAKE_UNKNOWN_SENDERS') ?? 'refuse';
  if (raw !== 'refuse' && raw !== 'ignore') {
    throw new ConfigError(
      'BATON_INTAKE_UNKNOWN_SENDERS',
      `BATON_INTAKE_UNKNOWN_SENDERS=${raw} is neither refuse nor ignore`,
      'use refuse (answer with a polite refusal) or ignore (drop the mail)',
    );
  }
  return raw;
}

/** Shorter secrets can be guessed; the tokens Baton makes itself are longer. */
export const MINIMUM_ADMIN_TOKEN_LENGTH = 32;

function readAdminToken(env: Environment): string | null {
  const raw = readOptional(env, 'BATON_ADMIN_TOKEN');
  if (raw === null) return null;
  if (raw.length < MINIMUM_ADMIN_TOKEN_LENGTH || /\s/.test(raw)) {
    throw new ConfigError(
      'BATON_ADMIN_TOKEN',
      `BATON_ADMIN_TOKEN is shorter than ${MINIMUM_ADMIN_TOKEN_LENGTH} characters or holds a space`,
      'make one with `openssl rand -hex 32`, or unset it under `npm start` to have one generated',
    );
  }
  return raw;
}

export const DEFAULT_TOKEN_TTL_DAYS = 90;
export const MAXIMUM_TOKEN_TTL_DAYS = 365;

function readTokenTtlDays(env: Environment): number {
  const raw = readOptional(env, 'BATON_TOKEN_TTL_DAYS');
  if (raw === null) return DEFAULT_TOKEN_TTL_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAXIMUM_TOKEN_TTL_DAYS) {
    throw new ConfigError(
      'BATON_TOKEN_TTL_DAYS',
      `BATON_TOKEN_TTL_DAYS=${raw} is not a whole number of days between 1 and ${MAXIMUM_TOKEN_TTL_DAYS}`,
      `use e.g. ${DEFAULT_TOKEN_TTL_DAYS} (the default), or 30 for tokens renewed monthly`,
    );
  }
  return days;
}

/** express's names for the private ranges (proxy-addr). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function readTrustProxy(env: Environment): number | readonly string[] | null {
  const raw = readOptional(env, 'BATON_TRUST_PROXY');
  if (raw === null) return null;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const invalid = entries.find((entry) => !PROXY_RANGE_NAMES.has(entry) && !isAddressOrSubnet(entry));
  if (invalid !== undefined) {
    throw new ConfigError(
      'BATON_TRUST_PROXY',
      `BATON_TRUST_PROXY names "${invalid}", which is no address, subnet or range name`,
      'use the number of proxies in front of Baton (1), or their addresses: 10.0.0.0/8, loopback, uniquelocal',
    );
  }
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function readOptional(env: Environment, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function readPort(env: Environment, name: string, fallback: number): number {
  const raw = readOptional(env, name);
  if (raw === null) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(name, `${name}=${raw} is not a TCP port`, `set ${name} to a number between 1 and 65535`);
  }
  return port;
}

function readHost(env: Environment): string | null {
  const raw = readOptional(env, 'BATON_HOST');
  if (raw === null) return null;
  if (net.isIP(raw) === 0 && !HOST_NAME.test(raw)) {
    throw new ConfigError(
      'BATON_HOST',
      `BATON_HOST=${raw} is not an IP address or a host name`,
      'use 127.0.0.1 (this machine only), 0.0.0.0 (every interface), :: or a host name, without port or brackets',
    );
  }
  return raw;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function readReconcileInterval(env: Environment): number {
  const raw = readOptional(env, 'BATON_RECONCILE_INTERVAL');
  if (raw === null) return 30_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) {
    throw new ConfigError(
      'BATON_RECONCILE_INTERVAL',
      `BATON_RECONCILE_INTERVAL=${raw} is not a number of seconds between 0.1 and 3600`,
      'use e.g. 30 (the default), or 5 to see runs ended from the Temporal UI sooner',
    );
  }
  return seconds * 1000;
}

function readShutdownDelay(env: Environment): number {
  const raw = readOptional(env, 'BATON_SHUTDOWN_DELAY');
  if (raw === null) return 0;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 60) {
    throw new ConfigError(
      'BATON_SHUTDOWN_DELAY',
      `BATON_SHUTDOWN_DELAY=${raw} is not a number of seconds between 0 and 60`,
      "use your load balancer's readiness probe period, e.g. 5",
    );
  }
  return seconds * 1000;
}

function readDatabaseUrl(env: Environment): string | null {
  const raw = readOptional(env, 'DATABASE_URL');
  if (raw === null) return null;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new ConfigError(
      'DATABASE_URL',
      'DATABASE_URL is not a PostgreSQL URL',
      'use postgres://user:password@host:5432/database, or unset it to use the embedded Postgres',
    );
  }
  return raw;
}

function readCacheSize(env: Environment): number | null {
  const raw = readOptional(env, 'BATON_WORKER_CACHE_SIZE');
  if (raw === null) return null;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 0) {
    throw new ConfigError(
      'BATON_WORKER_CACHE_SIZE',
      `BATON_WORKER_CACHE_SIZE=${raw} is not a number of workflows`,
      'use a whole number, e.g. 1000 (0 disables the cache), or unset it for the SDK default',
    );
  }
  return size;
}

function readLogLevel(env: Environment): LogLevel | null {
  const raw = readOptional(env, 'BATON_LOG_LEVEL')?.toUpperCase();
  if (raw === undefined) return null;
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (!level) {
    throw new ConfigError(
      'BATON_LOG_LEVEL',
      `BATON_LOG_LEVEL=${raw} is not a log level`,
      `use one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  return level;
}
