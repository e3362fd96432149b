import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDispatcher } from '../../channels/dispatcher';
import { createMailer } from '../../channels/smtp';
import { MailInbox } from '../support/mail-inbox';
import { definitionsFolder, REPO_ROOT, startTestBaton, type TestBaton } from '../support/test-baton';
import { eventually } from '../support/wait';

const WELCOME = `
process: welcome
title: Welcome a visitor
owner: hr
input:
  type: object
  properties: {}
tasks:
  - id: tell
    type: notify
    to: { addresses: [visitor@example.com] }
    subject: Welcome
    text: Come in.
`;

describe('a dispatcher killed between sending a mail and recording it', () => {
  let t: TestBaton;
  let inbox: MailInbox;

  beforeAll(async () => {
    inbox = await MailInbox.open();
    t = await startTestBaton('delivery_crash', definitionsFolder({ 'welcome.yaml': WELCOME }), {
      BATON_SMTP_URL: inbox.url,
    });
    // This test plays the dispatchers itself.
    await t.baton.dispatcher.stop();
  });

  afterAll(async () => {
    await t?.stop();
    await inbox?.close();
  });

  it('loses nothing: the mail is sent again, once, with the same Message-ID, and recorded', async () => {
    const started = await t.admin.post('/definitions/welcome/instances', { input: {} });
    expect(started.status).toBe(201);
    await eventually(
      async () => (await t.admin.get(`/notifications?instance=${started.body.id}`)).body.items.length === 1,
      'the outbox row',
    );

    const crash = await new Promise<NodeJS.Signals | null>((resolve) => {
      const child = execFile(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(REPO_ROOT, 'test/support/crash-after-send.ts'),
          t.baton.services.databaseUrl,
          inbox.url,
          '1000',
        ],
        { cwd: REPO_ROOT },
      );
      child.on('exit', (_code, signal) => resolve(signal));
    });
    expect(crash).toBe('SIGKILL');
    expect(inbox.to('visitor@example.com')).toHaveLength(1);
    const [row] = (await t.admin.get(`/notifications?instance=${started.body.id}`)).body.items;
    expect(row.deliveries).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, deliveredAt: null })]);

    const survivor = startDispatcher({
      db: t.baton.context.db,
      mailer: createMailer({ smtpUrl: inbox.url, from: 'baton@example.com' }),
      publicUrl: 'https://baton.example.com',
      leaseMs: 1000,
    });
    try {
      const mails = await inbox.waitFor('visitor@example.com', 2);
      expect(mails[1]?.messageId).toBe(mails[0]?.messageId);
      const delivered = await eventually(async () => {
        const [after] = (await t.admin.get(`/notifications?instance=${started.body.id}`)).body.items;
        return after.deliveredAt !== null && after;
      }, 'the delivery recorded');
      expect(delivered.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]);
      await survivor.idle();
      expect(inbox.to('visitor@example.com')).toHaveLength(2);
    } finally {
      await survivor.stop();
    }
  });
});
