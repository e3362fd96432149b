import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServiceStartError } from '../../errors';
import { type RunningMailCatcher, startMailCatcher } from '../../infra/mail-catcher';
import { findFreePort, isPortInUse } from '../../infra/ports';

const REPO_ROOT = path.resolve(__dirname, '../..');

/** The part of maildev's `GET /api/email` answer these tests read. */
interface CaughtMail {
  readonly subject: string;
  readonly to: readonly { readonly address: string }[];
  readonly text: string;
}

async function caughtMails(catcher: RunningMailCatcher): Promise<CaughtMail[]> {
  const response = await fetch(`${catcher.webUrl}/api/email`);
  expect(response.status).toBe(200);
  return (await response.json()) as CaughtMail[];
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** Holds a port on loopback, as another program would. */
async function occupy(port: number): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('the mail catcher', () => {
  let dataRoot: string;
  const running: RunningMailCatcher[] = [];

  async function start(options: { smtpPort?: number; webPort?: number; mailDir?: string } = {}) {
    const catcher = await startMailCatcher({
      smtpPort: options.smtpPort ?? 0,
      webPort: options.webPort ?? 0,
      mailDir: options.mailDir ?? fs.mkdtempSync(path.join(dataRoot, 'mail-')),
    });
    running.push(catcher);
    return catcher;
  }

  beforeAll(() => {
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-mail-catcher-'));
  });

  afterEach(async () => {
    for (const catcher of running.splice(0)) await catcher.stop();
  });

  afterAll(() => {
    fs.rmSync(dataRoot, { recursive: true, force: true });
  });

  it('catches a mail sent over SMTP and lists it on its web API', async () => {
    const catcher = await start();
    const transport = nodemailer.createTransport(catcher.smtpUrl);
    await transport.sendMail({
      from: 'Baton <baton@localhost>',
      to: 'hana@example.com',
      subject: 'Employment contract for Samir Haddad',
      text: 'A task is waiting in your inbox.',
    });
    transport.close();

    expect(await caughtMails(catcher)).toEqual([
      expect.objectContaining({
        subject: 'Employment contract for Samir Haddad',
        to: [expect.objectContaining({ address: 'hana@example.com' })],
        text: expect.stringContaining('A task is waiting in your inbox.'),
      }),
    ]);
  });

  it('listens on 127.0.0.1 only, and serves its web page there', async () => {
    const catcher = await start();
    expect(new URL(catcher.smtpUrl).hostname).toBe('127.0.0.1');
    expect(new URL(catcher.webUrl).hostname).toBe('127.0.0.1');
    const page = await fetch(catcher.webUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('keeps mail in its own private folder, and frees its ports when stopped: a restart on them finds the mail', async () => {
    const mailDir = path.join(dataRoot, 'kept', 'mail');
    const first = await start({ mailDir });
    const transport = nodemailer.createTransport(first.smtpUrl);
    await transport.sendMail({ from: 'baton@localhost', to: 'ivan@example.com', subject: 'Scanner', text: 'Ready.' });
    transport.close();
    expect(fs.statSync(mailDir).mode & 0o777).toBe(0o700);
    // The data directory it creates on the way is left readable, as the embedded Postgres needs it as root.
    expect(fs.statSync(path.dirname(mailDir)).mode & 0o777).toBe(0o777 & ~process.umask());
    expect(fs.readdirSync(mailDir).some((file) => file.endsWith('.eml'))).toBe(true);

    const [smtpPort, webPort] = [portOf(first.smtpUrl), portOf(first.webUrl)];
    await first.stop();
    expect(await isPortInUse(smtpPort)).toBe(false);
    expect(await isPortInUse(webPort)).toBe(false);

    const second = await start({ smtpPort, webPort, mailDir });
    expect(second.smtpUrl).toBe(first.smtpUrl);
    expect((await caughtMails(second)).map((mail) => mail.subject)).toEqual(['Scanner']);
  });

  it.each([
    ['smtpPort', 'BATON_MAIL_CATCHER_SMTP_PORT'],
    ['webPort', 'BATON_MAIL_CATCHER_WEB_PORT'],
  ] as const)('refuses a %s already in use, naming the variable to set', async (option, variable) => {
    const port = await findFreePort();
    const other = await occupy(port);
    try {
      const starting = start({ [option]: port });
      await expect(starting).rejects.toThrow(ServiceStartError);
      await expect(starting).rejects.toThrow(new RegExp(`port ${port} is already in use.*set ${variable}`));
    } finally {
      other.close();
    }
  });

  it('leaves no handle open once stopped: the process exits on its own', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
          const fs = require('node:fs'), os = require('node:os'), path = require('node:path');
          const { startMailCatcher } = require('./infra/mail-catcher');
          (async () => {
            const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-mail-exit-'));
            const catcher = await startMailCatcher({ smtpPort: 0, webPort: 0, mailDir });
            await catcher.stop();
            fs.rmSync(mailDir, { recursive: true, force: true });
          })();
        `,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.signal, 'killed at the timeout: something kept the process alive').toBeNull();
    expect(result.status).toBe(0);
  });
});
