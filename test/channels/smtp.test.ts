import net, { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer, messageIdFor, type OutgoingMail } from '../../channels/smtp';

/** Recipients the test server refuses, with the reply it gives. */
const REFUSALS: Readonly<Record<string, { code: number; message: string }>> = {
  'nobody@smtp-test.example': { code: 550, message: 'No such mailbox' },
  'full@smtp-test.example': { code: 451, message: 'Mailbox busy, try later' },
};

function smtpError(code: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode: code });
}

describe('createMailer against a real SMTP server', () => {
  const received: ParsedMail[] = [];
  let server: SMTPServer;
  let mailer: Mailer;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const refusal = REFUSALS[address.address];
        callback(refusal === undefined ? null : smtpError(refusal.code, refusal.message));
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Baton <baton@smtp-test.example>' });
  });

  afterAll(async () => {
    mailer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const mail = (overrides: Partial<OutgoingMail>): OutgoingMail => ({
    to: 'alice@smtp-test.example',
    subject: 'Overdue: “Check the lease” [#7f9c2b1e]',
    text: 'Hello Alice,\n\n“Check the lease” was due Friday.',
    html: '<p>Hello Alice,</p><p>“Check the lease” was due Friday.</p>',
    messageId: messageIdFor('7f9c2b1e.lease:overdue', 'alice@smtp-test.example'),
    ...overrides,
  });

  it('delivers the mail with its subject, both parts and the Message-ID it was given', async () => {
    const sent = mail({
      inReplyTo: '<earlier@smtp-test.example>',
      references: ['<first@smtp-test.example>', '<earlier@smtp-test.example>'],
      replyTo: 'reply+7f9c2b1e@smtp-test.example',
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    await expect(mailer.send(sent)).resolves.toEqual({ sent: true });

    const delivered = received.at(-1);
    expect(delivered?.to).toMatchObject({ text: 'alice@smtp-test.example' });
    expect(delivered?.from?.value).toEqual([{ name: 'Baton', address: 'baton@smtp-test.example' }]);
    expect(delivered?.subject).toBe(sent.subject);
    expect(delivered?.text?.trim()).toBe(sent.text);
    expect(delivered?.html).toBe(sent.html);
    expect(delivered?.messageId).toBe(sent.messageId);
    expect(delivered?.inReplyTo).toBe('<earlier@smtp-test.example>');
    expect(delivered?.references).toEqual(['<first@smtp-test.example>', '<earlier@smtp-test.example>']);
    expect(delivered?.replyTo?.text).toBe('reply+7f9c2b1e@smtp-test.example');
    expect(delivered?.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('reports a 5xx refusal as permanent', async () => {
    const outcome = await mailer.send(mail({ to: 'nobody@smtp-test.example' }));
    expect(outcome).toMatchObject({ sent: false, permanent: true });
    expect(outcome.sent === false && outcome.error).toContain('No such mailbox');
  });

  it('reports a 4xx refusal as transient', async () => {
    const outcome = await mailer.send(mail({ to: 'full@smtp-test.example' }));
    expect(outcome).toMatchObject({ sent: false, permanent: false });
    expect(outcome.sent === false && outcome.error).toContain('Mailbox busy');
  });
});

describe('createMailer without a server', () => {
  it('reports a refused connection as transient', async () => {
    const port = await closedPort();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'baton@smtp-test.example' });
    try {
      const outcome = await mailer.send({
        to: 'alice@smtp-test.example',
        subject: 'Hello',
        text: 'Hello',
        html: '<p>Hello</p>',
        messageId: messageIdFor('n1', 'alice@smtp-test.example'),
      });
      expect(outcome).toMatchObject({ sent: false, permanent: false });
      expect(outcome.sent === false && outcome.error).toMatch(/ECONNREFUSED/);
    } finally {
      mailer.close();
    }
  });
});

describe('createMailer against a server that never greets', () => {
  it('gives up and reports it as transient instead of hanging', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    // The URL's query overrides the mailer's timeouts, as it overrides any nodemailer option.
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}?greetingTimeout=300`,
      from: 'baton@smtp-test.example',
    });
    try {
      const started = Date.now();
      const outcome = await mailer.send({
        to: 'alice@smtp-test.example',
        subject: 'Hello',
        text: 'Hello',
        html: '<p>Hello</p>',
        messageId: messageIdFor('n1', 'alice@smtp-test.example'),
      });
      expect(outcome).toMatchObject({ sent: false, permanent: false });
      expect(outcome.sent === false && outcome.error).toMatch(/greeting/i);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      mailer.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('messageIdFor', () => {
  it('is the same for the same notification and address', () => {
    expect(messageIdFor('n1.step:overdue', 'alice@example.com')).toBe(
      messageIdFor('n1.step:overdue', 'alice@example.com'),
    );
  });

  it('differs for another notification or another address', () => {
    const ids = new Set([
      messageIdFor('n1.step:overdue', 'alice@example.com'),
      messageIdFor('n2.step:overdue', 'alice@example.com'),
      messageIdFor('n1.step:overdue', 'bob@example.com'),
      // The two parts are not simply glued together.
      messageIdFor('n1.step:overdue', 'alice@example.co'),
      messageIdFor('n1.step:overdu', 'ealice@example.co'),
    ]);
    expect(ids.size).toBe(5);
  });

  it('is a valid msg-id whatever the inputs contain', () => {
    expect(messageIdFor('<weird> id\r\n', 'Ünïcode "quoted"@example.com')).toMatch(/^<[A-Za-z0-9.]+@[A-Za-z0-9.-]+>$/);
  });
});

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
