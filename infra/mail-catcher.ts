import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ServiceStartError } from '../errors';
import { DEFAULT_LOCAL_HOST } from './config';
import { isPortInUse } from './ports';

export interface MailCatcherOptions {
  /** The SMTP port Baton sends to; 0 picks a free one (tests). */
  readonly smtpPort: number;
  /** The port of the web page listing every mail received, and of its REST API (`GET /api/email`); 0 picks a free one. */
  readonly webPort: number;
  /** The address both listen on, default 127.0.0.1: caught mail is for this machine's developer only. */
  readonly host?: string;
  /** Where every mail received is kept (its `.eml` and a JSON summary), so it survives a restart. */
  readonly mailDir: string;
}

export interface RunningMailCatcher {
  /** What to give Baton as its SMTP URL: no credentials, no TLS. */
  readonly smtpUrl: string;
  readonly webUrl: string;
  stop(): Promise<void>;
}

export const MAIL_CATCHER_SMTP_PORT_VARIABLE = 'BATON_MAIL_CATCHER_SMTP_PORT';
export const MAIL_CATCHER_WEB_PORT_VARIABLE = 'BATON_MAIL_CATCHER_WEB_PORT';
/**
 * maildev keeps every mail by default, in memory and on disk; a catcher left running for weeks
 * would grow without bound. The newest thousand are more than anyone reads (about 15 MB of heap).
 */
const MAX_MAILS_KEPT = 1000;

/**
 * Starts maildev in this process: an SMTP server that accepts every mail without delivering it,
 * and a web page listing what it caught. `npm start` runs one when no `BATON_SMTP_URL` is set.
 */
export async function startMailCatcher(options: MailCatcherOptions): Promise<RunningMailCatcher> {
  const host = options.host ?? DEFAULT_LOCAL_HOST;
  // maildev would otherwise bind the SMTP port, then fail on the web port with the SMTP server
  // left listening and no way to close it (its stop() ignores a start that did not finish).
  for (const [port, variable] of [
    [options.smtpPort, MAIL_CATCHER_SMTP_PORT_VARIABLE],
    [options.webPort, MAIL_CATCHER_WEB_PORT_VARIABLE],
  ] as const) {
    if (port !== 0 && (await isPortInUse(port))) throw portInUse(port, variable);
  }
  // Mail can carry sign-in links and tokens: only the owner reads it. The data directory above it
  // keeps the usual mode: as root, the embedded Postgres's own user must still traverse it.
  fs.mkdirSync(path.dirname(options.mailDir), { recursive: true });
  fs.mkdirSync(options.mailDir, { recursive: true, mode: 0o700 });

  // maildev is an ES module; this project is CommonJS, so it is loaded with import(), not require().
  const { MailDev } = await import('maildev');
  const maildev = new MailDev({
    smtp: options.smtpPort,
    ip: host,
    web: options.webPort,
    webIp: host,
    // Without it maildev writes every mail into a folder of the system's temp directory shared by every run.
    mailDirectory: options.mailDir,
    maxEmails: MAX_MAILS_KEPT,
    silent: true,
  });
  let servers: Awaited<ReturnType<typeof maildev.start>>;
  try {
    servers = await maildev.start();
  } catch (error) {
    // A port taken between the check above and maildev's listen lands here too, with its EADDRINUSE.
    throw new ServiceStartError('mail catcher', error instanceof Error ? error.message : String(error));
  }
  const webPort = servers.api?.getPort() ?? options.webPort;
  const hostInUrl = net.isIPv6(host) ? `[${host}]` : host;
  return {
    smtpUrl: `smtp://${hostInUrl}:${servers.smtp.getPort()}`,
    webUrl: `http://${hostInUrl}:${webPort}`,
    stop: () => maildev.stop(),
  };
}

function portInUse(port: number, variable: string): ServiceStartError {
  return new ServiceStartError(
    'mail catcher',
    `port ${port} is already in use; is another Baton or maildev running? Stop it, set ${variable}, or set BATON_SMTP_URL to a real SMTP server`,
  );
}
