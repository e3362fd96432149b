import path from 'node:path';
import { latestCatalogue } from '../engine/requests';
import { startFailureLines } from '../errors';
import { readConfig } from '../infra/config';
import { type RunningMailCatcher, startMailCatcher } from '../infra/mail-catcher';
import { type RunningBaton, startBaton } from './baton';

/** Where `npm start` takes mail when BATON_SMTP_INTAKE_PORT is unset: SMTP's usual unprivileged port. */
const LOCAL_INTAKE_PORT = 2525;

/** Ctrl-C, `kill`, and the hangup of a closed terminal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `npm start`: all of Baton in one process, with a local Temporal and Postgres when none is configured,
 * and a mail catcher when no SMTP server is.
 */
async function main(): Promise<void> {
  // After a hangup the terminal is gone: a log line that cannot be written must not cut the stop short.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const config = readConfig();
  const log = (line: string) => console.log(`baton: ${line}`);
  let baton: RunningBaton | null = null;
  let mailCatcher: RunningMailCatcher | null = null;
  let stopping = false;

  async function stop(reason: string, exitCode: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    if (!baton) {
      // Mid-start, Baton has no orderly way back; the watchdog stops the services started so far.
      log(`${reason} during startup: quitting; the local services started so far are being stopped`);
      process.exit(exitCode);
    }
    log(`${reason}: stopping the API, the worker and the local services...`);
    try {
      await baton.stop();
      // Last: mail the worker sent while stopping still lands somewhere.
      await mailCatcher?.stop();
      log('stopped.');
    } catch (error) {
      console.error(`baton: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    process.exit(exitCode);
  }
  // Before the services start: a signal that arrived during startup would otherwise kill Baton outright.
  for (const signal of STOP_SIGNALS) process.on(signal, () => void stop(signal, 0));

  if (config.smtpUrl === null) {
    log(`BATON_SMTP_URL is unset: starting a mail catcher (maildev) on 127.0.0.1:${config.mailCatcherSmtpPort}...`);
    // In this process, as the API: it dies with Baton, so the watchdog has nothing to stop.
    mailCatcher = await startMailCatcher({
      smtpPort: config.mailCatcherSmtpPort,
      webPort: config.mailCatcherWebPort,
      mailDir: path.join(config.dataDir, 'mail'),
    });
  }
  const smtpUrl = mailCatcher?.smtpUrl ?? config.smtpUrl;
  // Mail to the catalogue's addresses can be tried at once, sent to this machine.
  const batonConfig = { ...config, smtpUrl, smtpIntakePort: config.smtpIntakePort ?? LOCAL_INTAKE_PORT };
  baton = await startBaton(batonConfig, {
    ephemeral: false,
    log,
    onWorkerFailure: (error) => {
      console.error(`baton: the worker stopped: ${error instanceof Error ? error.message : String(error)}`);
      void stop('worker failure', 1);
    },
  });
  console.log(`
Baton is running.
  Web app       ${baton.apiUrl}/app/   (sign in with a token, or a link mailed to you)
  API           ${baton.apiUrl}   (Authorization: Bearer <token>)
  Temporal      ${baton.services.temporalAddress}
  Temporal UI   ${baton.services.temporalUiAddress ?? '(external server: see its own UI)'}
  Postgres      ${redactPassword(baton.services.databaseUrl)}
${mailLines(mailCatcher, smtpUrl)}
${await intakeLine(baton)}
  Admin token   ${config.adminToken ? '(from BATON_ADMIN_TOKEN)' : baton.adminToken}
${metricsLine(baton, config.metricsToken !== null)}
Press Ctrl-C to stop.`);
}

function mailLines(mailCatcher: RunningMailCatcher | null, smtpUrl: string | null): string {
  if (mailCatcher) {
    return [
      `  Mail catcher  ${mailCatcher.webUrl}   (every mail Baton sends)`,
      `  SMTP          ${mailCatcher.smtpUrl}   (the mail catcher's; set BATON_SMTP_URL to send for real)`,
    ].join('\n');
  }
  return `  Mail          ${smtpUrl === null ? '(none)' : redactPassword(smtpUrl)}`;
}

/** The intake's address, and where to mail to try it: the catalogue's intake addresses. */
async function intakeLine(baton: RunningBaton): Promise<string> {
  if (!baton.intake) return '  Mail intake   (none)';
  const url = `smtp://${new URL(baton.apiUrl).hostname}:${baton.intake.port}`;
  const addresses = (await latestCatalogue(baton.context.db)).flatMap(({ plan }) => plan.intake?.email ?? []);
  const hint =
    addresses.length === 0
      ? 'no process of the catalogue takes mail'
      : `mail ${addresses.join(' or ')} to open a request`;
  return `  Mail intake   ${url}   (${hint})`;
}

/** Where Prometheus scrapes Baton and the worker it runs, when BATON_METRICS_TOKEN turned it on. */
function metricsLine(baton: RunningBaton, enabled: boolean): string {
  if (!enabled) return '  Metrics       (off: set BATON_METRICS_TOKEN)';
  return `  Metrics       ${baton.apiUrl}/metrics   (Authorization: Bearer $BATON_METRICS_TOKEN; the worker's included)`;
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
