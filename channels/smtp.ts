import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';

/** One rendered mail for one address. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `<…@…>`, stable per notification and recipient (`messageIdFor`): a resent mail keeps it, so clients thread it. */
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly replyTo?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * What one attempt came to. `permanent`: sending the same thing again will be refused again
 * (dead-letter it); otherwise try again later (see retry-schedule.ts).
 */
export type SendOutcome =
  | { readonly sent: true }
  | { readonly sent: false; readonly permanent: boolean; readonly error: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** Closes the pooled connections; sends after it fail. */
  close(): void;
}

/*
 * nodemailer's defaults wait 2 minutes to connect and 10 minutes on a silent socket: a dead
 * server would hold a dispatcher's attempt that long. These fail it in seconds instead; the
 * retry schedule tries again later. Query parameters of the SMTP URL still override them.
 */
const CONNECTION_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 20_000;

/** The longest error text kept: enough for the server's reply, not a whole transcript. */
const MAX_ERROR_LENGTH = 500;

/** A pooled SMTP transport for `smtpUrl` (`smtp://user:pass@host:587`, `smtps://…`), sending as `from`. */
export function createMailer({ smtpUrl, from }: { smtpUrl: string; from: string }): Mailer {
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          ...(mail.inReplyTo === undefined ? {} : { inReplyTo: mail.inReplyTo }),
          ...(mail.references === undefined ? {} : { references: [...mail.references] }),
          ...(mail.replyTo === undefined ? {} : { replyTo: mail.replyTo }),
          ...(mail.headers === undefined ? {} : { headers: { ...mail.headers } }),
        });
        return { sent: true };
      } catch (error) {
        return failureOf(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/**
 * A 5xx reply refuses the mail for good (unknown mailbox, message rejected as spam); a 4xx reply,
 * a refused or dropped connection or a timeout may pass later. 503 (bad sequence of commands)
 * is the exception nodemailer also makes: it is about the session's state, not the mail, and a
 * new connection sends it.
 */
function failureOf(error: unknown): SendOutcome {
  const responseCode = responseCodeOf(error);
  const permanent = responseCode !== null && responseCode >= 500 && responseCode !== 503;
  const message = error instanceof Error ? error.message : String(error);
  return { sent: false, permanent, error: message.slice(0, MAX_ERROR_LENGTH) };
}

function responseCodeOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return null;
  return typeof error.responseCode === 'number' ? error.responseCode : null;
}

/**
 * The Message-ID of one notification's mail to one address: the same for every attempt, so a
 * mail resent after a lost acknowledgement is recognisably the same, and unique across
 * notifications and addresses. Hex and a fixed domain keep it a valid RFC 5322 msg-id whatever
 * the inputs contain.
 */
export function messageIdFor(notificationId: string, address: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([notificationId, address]))
    .digest('hex')
    .slice(0, 32);
  return `<baton.${hash}@baton.local>`;
}
