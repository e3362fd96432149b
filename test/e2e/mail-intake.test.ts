import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { simpleParser } from 'mailparser';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailboxClient, startImapIntake } from '../../channels/imap-intake';
import { receiveMail } from '../../channels/intake';
import type { Mailer, OutgoingMail } from '../../channels/smtp';
import type { ApiClient } from '../support/api-client';
import { MailInbox } from '../support/mail-inbox';
import { startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { eventually } from '../support/wait';

const DESK = 'servicedesk@baton.local';
const PUBLIC_URL = 'https://baton.example.com';

/** The shipped service desk, asked by mail: requests, replies, and what is refused. */
describe('the mail intake of the service desk', () => {
  let t: TestBaton;
  let inbox: MailInbox;
  let smtp: Transporter;
  let rita: { id: string; client: ApiClient };
  let manager: ApiClient;
  let requestId: string;
  const invoice = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4096), Buffer.from('\n%%EOF\n')]);
  const firstMail: SendMailOptions = {
    // The account holds rita@example.com: addresses match whatever their case.
    from: 'Rita Requester <Rita@Example.com>',
    to: DESK,
    subject: '  The printer on floor 3 jams  ',
    text: 'Every A3 print jams at the second page.\nThe A4 ones are fine.\n',
    messageId: `<${randomBytes(8).toString('hex')}@mail.example.com>`,
    attachments: [{ filename: 'jam-report.pdf', content: invoice, contentType: 'application/pdf' }],
  };

  beforeAll(async () => {
    inbox = await MailInbox.open();
    t = await startTestBaton('mail-intake', undefined, {
      BATON_SMTP_URL: inbox.url,
      BATON_PUBLIC_URL: PUBLIC_URL,
      // Any port turns the intake on; a test Baton listens on a free one, as its API does.
      BATON_SMTP_INTAKE_PORT: '2525',
    });
    smtp = createTransport({ host: '127.0.0.1', port: t.baton.intake?.port, secure: false, ignoreTLS: true });
    rita = await person(t.admin, {
      name: 'Rita Requester',
      role: 'requester',
      department: 'finance',
      email: 'rita@example.com',
      timeZone: 'Europe/Paris',
    });
    manager = (await person(t.admin, { name: 'Max Manager', role: 'manager' })).client;
  });

  afterAll(async () => {
    smtp?.close();
    await t?.stop();
    await inbox?.close();
  });

  it('opens a request for a known sender, the subject its summary, the text its details, the file kept', async () => {
    await smtp.sendMail(firstMail);

    const mine = (await rita.client.get('/requests')).body.items;
    expect(mine).toEqual([expect.objectContaining({ key: 'service-desk-request', status: 'running' })]);
    requestId = mine[0].id;
    const instance = await manager.get(`/instances/${requestId}`);
    expect(instance.body.input).toMatchObject({
      requesterName: 'Rita Requester',
      requesterEmail: 'rita@example.com',
      kind: 'request',
      category: 'it',
      priority: 'normal',
      summary: 'The printer on floor 3 jams',
      details: 'Every A3 print jams at the second page.\nThe A4 ones are fine.',
    });

    const attachments = await rita.client.get(`/requests/${requestId}/attachments`);
    expect(attachments.status).toBe(200);
    expect(attachments.body.items).toEqual([
      expect.objectContaining({ fileName: 'jam-report.pdf', contentType: 'application/pdf', size: invoice.length }),
    ]);
    const download = await fetch(
      `${t.baton.apiUrl}/requests/${requestId}/attachments/${attachments.body.items[0].id}`,
      {
        headers: { authorization: `Bearer ${rita.client.token}` },
      },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename=jam-report.pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(invoice)).toBe(true);
  });

  it('acknowledges the request by mail, with its reference, the date expected, and the desk to reply to', async () => {
    const [receipt] = await inbox.waitFor('rita@example.com');
    expect(receipt?.subject).toContain(`[#${requestId}]`);
    // A date in Rita's zone.
    expect(receipt?.text).toMatch(/We expect to complete it by .*\d{4}/);
    expect(receipt?.replyTo?.text).toBe(DESK);
  });

  it('opens nothing new when the same mail (same Message-ID) is delivered again', async () => {
    await smtp.sendMail(firstMail);
    expect((await rita.client.get('/requests')).body.items).toHaveLength(1);
    expect((await rita.client.get(`/requests/${requestId}/attachments`)).body.items).toHaveLength(1);
    expect(t.baton.intake?.counts()).toMatchObject({ 'request-opened': 1, 'request-repeated': 1 });
  });

  it('turns a reply into a comment of the sender, without the quoted mail', async () => {
    const [receipt] = await inbox.waitFor('rita@example.com');
    await smtp.sendMail({
      from: 'rita@example.com',
      to: DESK,
      subject: `Re: ${receipt?.subject}`,
      inReplyTo: receipt?.messageId,
      text: [
        'It also jams on the second floor.',
        '',
        `On Mon, 4 Jan 2027 at 09:00, Baton <baton@localhost> wrote:`,
        '> Hello Rita Requester,',
        '> We have received your request.',
      ].join('\n'),
    });
    const comments = (await rita.client.get(`/requests/${requestId}/comments`)).body.items;
    expect(comments).toEqual([
      expect.objectContaining({
        body: 'It also jams on the second floor.',
        source: 'email',
        author: { id: rita.id, name: 'Rita Requester' },
      }),
    ]);
  });

  it('refuses, politely, a reply from someone who may not read the request', async () => {
    await person(t.admin, { name: 'Hana', role: 'staff', department: 'hr', email: 'hana@example.com', locale: 'fr' });
    await smtp.sendMail({
      from: 'hana@example.com',
      to: DESK,
      subject: `Re: anything [#${requestId}]`,
      text: 'Me too!',
    });
    const [refusal] = await inbox.waitFor('hana@example.com');
    expect(refusal?.subject).toBe(`Non accepté : Re: anything [#${requestId}]`);
    expect(refusal?.text).toContain('Bonjour Hana,');
    expect(refusal?.text).toContain(`Il répond à ${requestId}, que vous ne suivez pas`);
    expect(refusal?.headers.get('auto-submitted')).toBe('auto-replied');
    expect((await manager.get(`/instances/${requestId}/comments`)).body.items).toHaveLength(1);
  });

  it('answers a mail the start form refuses with what is wrong and where else to ask', async () => {
    await smtp.sendMail({ from: 'rita@example.com', to: DESK, subject: '', text: 'Help!' });
    const answers = await inbox.waitFor('rita@example.com', 2);
    const refusal = answers.find((mail) => mail.subject === 'Not accepted');
    expect(refusal?.text).toContain('It could not open the request “Handle a service-desk request”:');
    expect(refusal?.text).toContain('- the subject (summary): must NOT have fewer than 1 characters');
    expect(refusal?.text).toContain(`${PUBLIC_URL}/app/catalogue`);
    expect((await rita.client.get('/requests')).body.items).toHaveLength(1);
  });

  it('tells an unknown sender, in English then French, who may write and where to ask', async () => {
    await smtp.sendMail({ from: 'Stranger <stranger@example.org>', to: DESK, subject: 'Free laptops?', text: 'Hi' });
    const [refusal] = await inbox.waitFor('stranger@example.org');
    expect(refusal?.subject).toBe('Not accepted / Non accepté: Free laptops?');
    const text = refusal?.text ?? '';
    expect(text).toContain('Only people with a Baton account may write to this address');
    expect(text).toContain('Seules les personnes qui ont un compte Baton peuvent écrire à cette adresse');
    expect(text.indexOf('Baton account')).toBeLessThan(text.indexOf('compte Baton'));
    expect(text).toContain(`${PUBLIC_URL}/app/catalogue`);
  });

  it('ignores an auto-reply: no request, no answer', async () => {
    const mailsBefore = inbox.mails.length;
    await smtp.sendMail({
      from: 'rita@example.com',
      to: DESK,
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(t.baton.intake?.counts()['automatic-ignored']).toBe(1);
    expect((await rita.client.get('/requests')).body.items).toHaveLength(1);
    expect(inbox.mails).toHaveLength(mailsBefore);
  });

  it('refuses in SMTP a mail over 10 MB (552) and an address that is no intake (550)', async () => {
    const huge = smtp.sendMail({
      from: 'rita@example.com',
      to: DESK,
      subject: 'The whole scan',
      text: 'Attached.',
      attachments: [{ filename: 'scan.bin', content: randomBytes(11 * 1024 * 1024) }],
    });
    await expect(huge).rejects.toMatchObject({ responseCode: 552 });
    const astray = smtp.sendMail({ from: 'rita@example.com', to: 'nobody@baton.local', subject: 'Hello', text: '?' });
    await expect(astray).rejects.toMatchObject({ responseCode: 550 });
    expect(t.baton.intake?.counts()['too-large']).toBe(1);
    expect((await rita.client.get('/requests')).body.items).toHaveLength(1);
  });

  it('keeps attachments to whoever may read the request', async () => {
    const stranger = await person(t.admin, { name: 'Otto', role: 'requester', department: 'hr' });
    expect((await stranger.client.get(`/requests/${requestId}/attachments`)).status).toBe(404);
    const missing = await rita.client.get(`/requests/${requestId}/attachments/${requestId}`);
    expect(missing.status).toBe(404);
  });

  it('drops mail from unknown senders without a word when told to ignore them', async () => {
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = {
      async send(mail) {
        sent.push(mail);
        return { sent: true };
      },
      close() {},
    };
    const mail = await simpleParser(
      [
        'From: Stranger <stranger@example.org>',
        `To: ${DESK}`,
        'Subject: Free laptops?',
        'Message-ID: <ignored-1@example.org>',
        '',
        'Hi',
      ].join('\r\n'),
    );
    const outcome = await receiveMail(mail, {
      context: t.baton.context,
      mailer,
      unknownSenders: 'ignore',
      publicUrl: PUBLIC_URL,
      log: () => {},
    });
    expect(outcome.kind).toBe('unknown-sender-ignored');
    expect(sent).toEqual([]);
  });

  /*
   * No IMAP server runs in-process here (none is a dependency of Baton's): the mailbox is a fake
   * of the few ImapFlow calls the intake makes, and what it holds is taken for real.
   */
  describe('from a mailbox (IMAP)', () => {
    it('takes each unseen message as a mail, marks it seen, and takes new ones when the mailbox says so', async () => {
      const mailbox = new FakeMailbox();
      mailbox.add(
        await rawMail({ from: 'rita@example.com', to: DESK, subject: 'My badge is refused', text: 'Door B.' }),
      );
      // The first session breaks: the intake connects again and finds the message still unseen.
      mailbox.failingSearches = 1;
      const intake = startImapIntake({
        url: 'imaps://desk:secret@imap.example.com/Service%20desk',
        connect: () => mailbox.connect(),
        context: t.baton.context,
        mailer: null,
        unknownSenders: 'refuse',
        publicUrl: PUBLIC_URL,
        log: () => {},
        initialBackoffMs: 10,
      });
      try {
        await eventually(async () => mailbox.allSeen(), 'the first message seen');
        expect(mailbox.sessions).toBe(2);
        expect(mailbox.opened).toEqual(['Service desk', 'Service desk']);
        const titles = async () =>
          (await Promise.all(
            (
              await rita.client.get('/requests')
            ).body.items.map(
              async (item: { id: string }) => (await manager.get(`/instances/${item.id}`)).body.input.summary,
            ),
          )) as string[];
        expect(await titles()).toContain('My badge is refused');

        mailbox.add(await rawMail({ from: 'rita@example.com', to: DESK, subject: 'And the lift', text: 'Too.' }));
        await eventually(async () => mailbox.allSeen(), 'the new message seen');
        expect(await titles()).toContain('And the lift');
        expect(intake.counts()['request-opened']).toBe(2);
      } finally {
        await intake.stop();
      }
      expect(mailbox.loggedOut).toBe(true);
    });
  });
});

function rawMail(options: SendMailOptions): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

/** A mailbox behind the few ImapFlow calls the IMAP intake makes. */
class FakeMailbox {
  readonly messages: { uid: number; source: Buffer; seen: boolean }[] = [];
  readonly opened: string[] = [];
  sessions = 0;
  failingSearches = 0;
  loggedOut = false;
  private current: EventEmitter | null = null;

  add(source: Buffer): void {
    this.messages.push({ uid: this.messages.length + 1, source, seen: false });
    // What IDLE reports of new mail.
    this.current?.emit('exists');
  }

  allSeen(): boolean {
    return this.messages.every((message) => message.seen);
  }

  connect(): MailboxClient {
    const events = new EventEmitter();
    const mailbox = this;
    const uidsOf = (range: string) => range.split(',').map(Number);
    const close = () => {
      if (mailbox.current === events) mailbox.current = null;
      events.emit('close');
    };
    return {
      async connect() {
        mailbox.sessions += 1;
        mailbox.current = events;
      },
      async mailboxOpen(path) {
        mailbox.opened.push(path);
      },
      async search() {
        if (mailbox.failingSearches > 0) {
          mailbox.failingSearches -= 1;
          throw new Error('Connection reset');
        }
        return mailbox.messages.filter((message) => !message.seen).map((message) => message.uid);
      },
      async fetchAll(range, query) {
        return mailbox.messages
          .filter((message) => uidsOf(range).includes(message.uid))
          .map(({ uid, source }) => ({ uid, size: source.length, ...(query.source ? { source } : {}) }));
      },
      async messageFlagsAdd(range, flags) {
        for (const message of mailbox.messages) {
          if (uidsOf(range).includes(message.uid) && flags.includes('\\Seen')) message.seen = true;
        }
        return true;
      },
      on(event: string, listener: (...args: never[]) => void) {
        events.on(event, listener as (...args: unknown[]) => void);
        return this;
      },
      async logout() {
        mailbox.loggedOut = true;
        close();
      },
      close,
    };
  }
}
