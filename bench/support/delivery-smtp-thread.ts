import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';
import type { Acceptance, SmtpReply, SmtpRequest } from './delivery-smtp';

/*
 * The delivery scenario's SMTP server, in a worker thread of its own: on the senders' event
 * loop it would delay the very acceptances it times. Each mail's acceptance instant is taken
 * from `process.hrtime.bigint()`, the monotonic clock every thread of the process shares, when
 * the message's final dot has been read, just before the 250 reply is written.
 */

const port = parentPort;
if (!port) throw new Error('delivery-smtp-thread.ts runs in a worker thread (see delivery-smtp.ts)');

let accepted: Acceptance[] = [];

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const acceptedAt = process.hrtime.bigint();
      const message = Buffer.concat(chunks);
      accepted.push({ notificationId: notificationIdOf(message), acceptedAt, bytes: message.length });
      callback();
    });
  },
});

/** The `X-Baton-Notification` header of a raw message (unfolded), if it has one. */
function notificationIdOf(message: Buffer): string | null {
  const end = message.indexOf('\r\n\r\n');
  const head = message
    .subarray(0, end < 0 ? message.length : end)
    .toString('latin1')
    .replace(/\r\n[ \t]+/g, ' ');
  return /^x-baton-notification:[ \t]*(.+)$/im.exec(head)?.[1]?.trim() ?? null;
}

port.on('message', (request: SmtpRequest) => {
  switch (request.type) {
    case 'take': {
      const reply: SmtpReply = { type: 'taken', accepted };
      accepted = [];
      port.postMessage(reply);
      return;
    }
    case 'close':
      server.close(() => port.postMessage({ type: 'closed' } satisfies SmtpReply));
      return;
  }
});

server.listen(0, '127.0.0.1', () => {
  const { port: listening } = server.server.address() as AddressInfo;
  port.postMessage({ type: 'listening', port: listening } satisfies SmtpReply);
});
