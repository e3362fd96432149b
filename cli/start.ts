import { readConfig } from '../infra/config';
import { startBaton } from './baton';

/** `npm start`: all of Baton in one process, with a local Temporal and Postgres when none is configured. */
async function main(): Promise<void> {
  const config = readConfig();
  const log = (line: string) => console.log(`baton: ${line}`);
  const baton = await startBaton(config, { ephemeral: false, log });
  console.log(`
Baton is running.
  API          ${baton.apiUrl}   (Authorization: Bearer <token>)
  Temporal     ${baton.services.temporalAddress}
  Temporal UI  ${baton.services.temporalUiAddress ?? '(external server: see its own UI)'}
  Postgres     ${redactPassword(baton.services.databaseUrl)}
  Admin token  ${config.adminToken ? '(from BATON_ADMIN_TOKEN)' : baton.adminToken}
Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the API, the worker and the local services...`);
    await baton.stop();
    log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function redactPassword(url: string): string {
  return url.replace(/:\/\/([^:/@]+):[^@]+@/, '://$1:***@');
}

main().catch((error: unknown) => {
  console.error(`baton: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
