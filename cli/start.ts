import { readConfig } from '../infra/config';
import { startBaton } from './baton';
import { startFailureLines } from './start-failure';

/** `npm start`: all of Baton in one process, with a local Temporal and Postgres when none is configured. */
async function main(): Promise<void> {
  const config = readConfig();
  const log = (line: string) => console.log(`baton: ${line}`);
  let stopping = false;
  const baton = await startBaton(config, {
    ephemeral: false,
    log,
    onWorkerFailure: (error) => {
      console.error(`baton: the worker stopped: ${error instanceof Error ? error.message : String(error)}`);
      void stop('worker failure', 1);
    },
  });
  console.log(`
Baton is running.
  API          ${baton.apiUrl}   (Authorization: Bearer <token>)
  Temporal     ${baton.services.temporalAddress}
  Temporal UI  ${baton.services.temporalUiAddress ?? '(external server: see its own UI)'}
  Postgres     ${redactPassword(baton.services.databaseUrl)}
  Admin token  ${config.adminToken ? '(from BATON_ADMIN_TOKEN)' : baton.adminToken}
Press Ctrl-C to stop.`);

  async function stop(reason: string, exitCode = 0): Promise<void> {
    if (stopping) return;
    stopping = true;
    log(`${reason}: stopping the API, the worker and the local services...`);
    try {
      await baton.stop();
      log('stopped.');
    } catch (error) {
      console.error(`baton: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    process.exit(exitCode);
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function redactPassword(url: string): string {
  return url.replace(/:\/\/([^:/@]+):[^@]+@/, '://$1:***@');
}

main().catch((error: unknown) => {
  const [first, ...details] = startFailureLines(error);
  console.error(`baton: could not start: ${first}`);
  for (const line of details) console.error(line);
  process.exit(1);
});
