import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { ProvidedContext } from 'vitest';
import { readConfig } from '../../infra/config';
import { startLocalServices } from '../../infra/local-services';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
    postgresAdminUrl: string | null;
  }
}

/** Starts Temporal and Postgres as `npm start` does (or uses TEMPORAL_ADDRESS / DATABASE_URL), once per run. */
/** The part of vitest's TestProject used here (its module is ESM-only; this project is CommonJS). */
interface SetupProject {
  provide<K extends keyof ProvidedContext>(key: K, value: ProvidedContext[K]): void;
}

export default async function setup(project: SetupProject): Promise<() => Promise<void>> {
  // The web app the browser tests load, built as `npm start` builds it: only when its sources changed.
  execFileSync(process.execPath, [path.resolve(__dirname, '../../web/build-if-stale.mjs')], { stdio: 'inherit' });
  const services = await startLocalServices(readConfig(), {
    ephemeral: true,
    log: (line) => console.log(`[test services] ${line}`),
  });
  project.provide('temporalAddress', services.temporalAddress);
  project.provide('databaseUrl', services.databaseUrl);
  project.provide('postgresAdminUrl', services.postgresAdminUrl);
  return () => services.stop();
}
