import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

export interface ListenHandlers {
  /** A `pg_notify(channel, payload)` arrived. */
  readonly onNotify: (payload: string) => void;
  /**
   * The connection is up again after being lost (or up for the first time): notifications sent
   * meanwhile were missed, so whoever relies on them reads the state afresh.
   */
  readonly onListening: () => void;
  /** The connection is lost; notifications are missed until `onListening`. */
  readonly onLost?: () => void;
}

export interface Listener {
  /** True while notifications arrive; false between a lost connection and its replacement. */
  readonly listening: boolean;
  close(): Promise<void>;
}

const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000];

export interface ListenTiming {
  /** How often the connection is asked `SELECT 1`. */
  readonly heartbeatMs?: number;
  /** How long an answer may take before the connection is taken for lost. */
  readonly heartbeatTimeoutMs?: number;
}

/**
 * Listens on a Postgres channel over a connection of its own (a pooled one would be handed to
 * other queries), reconnecting after an outage for as long as it is open. A connection that died
 * without a word (a failover behind a virtual address leaves it half-open: no error, no end, and
 * no notification ever again) is found by a heartbeat and replaced.
 */
export function listen(
  db: DataSource,
  channel: string,
  handlers: ListenHandlers,
  { heartbeatMs = 15_000, heartbeatTimeoutMs = 5_000 }: ListenTiming = {},
): Listener {
  const { url } = db.options as PostgresDataSourceOptions;
  let client: Client | null = null;
  let closed = false;
  let listening = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const lose = () => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    if (!listening) return;
    listening = false;
    handlers.onLost?.();
  };

  /** Gives up on a connection that stopped answering: lost now, replaced, ended in the background. */
  const abandon = (stale: Client) => {
    if (client !== stale) return;
    client = null;
    lose();
    scheduleReconnect();
    void stale.end().catch(() => {});
  };

  const connect = async () => {
    retry = null;
    const candidate = new Client({
      connectionString: url,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      query_timeout: heartbeatTimeoutMs,
    });
    candidate.on('error', () => {
      // The 'end' event follows; a reconnection is scheduled there.
    });
    candidate.on('end', () => {
      if (client !== candidate) return;
      client = null;
      lose();
      scheduleReconnect();
    });
    candidate.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify(message.payload ?? '');
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch {
      await candidate.end().catch(() => {});
      scheduleReconnect();
      return;
    }
    if (closed) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    failures = 0;
    listening = true;
    heartbeat = setInterval(() => {
      candidate.query('SELECT 1').catch(() => abandon(candidate));
    }, heartbeatMs);
    heartbeat.unref();
    handlers.onListening();
  };

  const scheduleReconnect = () => {
    if (closed || retry) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)] ?? 5_000;
    failures += 1;
    retry = setTimeout(() => void connect(), delay);
    retry.unref();
  };

  void connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (heartbeat) clearInterval(heartbeat);
      const current = client;
      client = null;
      listening = false;
      await current?.end().catch(() => {});
    },
  };
}

/** Sends a notification on a channel (in the caller's transaction when given its query runner). */
export async function notify(db: Pick<DataSource, 'query'>, channel: string, payload = ''): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
