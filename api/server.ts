import { Client, Connection } from '@temporalio/client';
import { migrate, openDatabase } from '../db/data-source';
import { readConfig } from '../infra/config';
import { ConfigError } from '../infra/errors';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { BATON_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { createApp } from './app';

/** `npm run api`: the API alone, against the Temporal and Postgres of the environment (production). */
async function main(): Promise<void> {
  const config = readConfig();
  if (!config.temporalAddress || !config.databaseUrl || !config.adminToken) {
    throw new ConfigError(
      'TEMPORAL_ADDRESS',
      'the standalone API needs TEMPORAL_ADDRESS, DATABASE_URL and BATON_ADMIN_TOKEN',
      'set all three, or run `npm start` for a local all-in-one Baton',
    );
  }
  const db = await openDatabase(config.databaseUrl);
  await migrate(db);
  const connection = await Connection.connect({ address: config.temporalAddress });
  await ensureSearchAttributes(connection, config.temporalNamespace, BATON_SEARCH_ATTRIBUTES);
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  const app = createApp({ db, temporal, taskQueue: config.taskQueue }, { adminToken: config.adminToken });
  const server = app.listen(config.port, () => console.log(`baton api: listening on port ${config.port}`));
  process.on('SIGTERM', () => server.close(() => void Promise.all([db.destroy(), connection.close()])));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
