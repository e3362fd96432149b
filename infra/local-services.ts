import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from './config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { findFreePort } from './ports';
import { removeIfBatonDies } from './service-watchdog';
import { startTemporalDevServer } from './temporal-dev-server';

export interface LocalServices {
  readonly temporalAddress: string;
  /** Set when Baton started the dev server with its UI. */
  readonly temporalUiAddress: string | null;
  readonly databaseUrl: string;
  /** Set when Baton started the embedded Postgres: lets tests create their own databases. */
  readonly postgresAdminUrl: string | null;
  stop(): Promise<void>;
}

export interface LocalServicesOptions {
  /**
   * Throwaway services for tests: in-memory Temporal, a Postgres cluster in a temporary
   * folder, free ports. Otherwise state persists under the data directory.
   */
  readonly ephemeral: boolean;
  readonly log?: (line: string) => void;
}

/** Uses TEMPORAL_ADDRESS / DATABASE_URL when set; starts what is missing. */
export async function startLocalServices(config: Config, options: LocalServicesOptions): Promise<LocalServices> {
  const log = options.log ?? (() => {});
  const dataDir = options.ephemeral ? fs.mkdtempSync(path.join(os.tmpdir(), 'baton-')) : config.dataDir;
  fs.mkdirSync(dataDir, { recursive: true });
  if (options.ephemeral) {
    // mkdtemp makes the folder private; the embedded Postgres runs as its own user and must traverse it.
    fs.chmodSync(dataDir, 0o755);
    removeIfBatonDies(dataDir);
  }
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    if (options.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    let temporalAddress = config.temporalAddress;
    let temporalUiAddress: string | null = null;
    if (!temporalAddress) {
      const port = options.ephemeral ? await findFreePort() : config.temporalDevPort;
      log(`starting the Temporal dev server on 127.0.0.1:${port}...`);
      const temporal = await startTemporalDevServer({
        cliPath: config.temporalCliPath,
        port,
        uiPort: options.ephemeral ? null : port + 1000,
        dbFile: options.ephemeral ? null : path.join(dataDir, 'temporal.db'),
        namespace: config.temporalNamespace,
        logFile: path.join(dataDir, 'temporal.log'),
      });
      stops.push(temporal.stop);
      temporalAddress = temporal.address;
      temporalUiAddress = temporal.uiAddress;
    }

    let databaseUrl = config.databaseUrl;
    let postgresAdminUrl: string | null = null;
    if (!databaseUrl) {
      const port = options.ephemeral ? await findFreePort() : config.embeddedPostgresPort;
      log(`starting the embedded Postgres on 127.0.0.1:${port}...`);
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port,
        database: 'baton',
        log,
      });
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
      postgresAdminUrl = postgres.adminUrl;
    }
    return { temporalAddress, temporalUiAddress, databaseUrl, postgresAdminUrl, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
