/*
 * Mail intake from a mailbox: for an organisation whose mail server cannot deliver to Baton's
 * SMTP intake, Baton reads a mailbox (`BATON_IMAP_URL`) instead. Each unseen message is taken
 * as if it had come by SMTP, then marked seen; IDLE wakes Baton when new mail arrives.
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { simpleParser } from 'mailparser';
import { emptyCounts, type IntakeCounts, type IntakeDependencies, MAXIMUM_MAIL_BYTES, receiveMail } from './intake';

/** The few calls of ImapFlow this module makes: what a test's fake implements. */
export interface MailboxClient {
  connect(): Promise<void>;
  mailboxOpen(path: string): Promise<unknown>;
  search(query: { seen: false }, options: { uid: true }): Promise<number[] | false | undefined>;
  fetchAll(
    range: string,
    query: { uid: true; size: true; source?: true },
    options: { uid: true },
  ): Promise<{ uid: number; size?: number; source?: Buffer }[]>;
  messageFlagsAdd(range: string, flags: string[], options: { uid: true }): Promise<boolean>;
  on(event: 'exists', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  logout(): Promise<void>;
  close(): void;
}

export interface ImapIntakeOptions extends Omit<IntakeDependencies, 'counts'> {
  /** `imaps://user:password@host[:port]/Mailbox` (default mailbox INBOX); `imap://` uses STARTTLS when offered. */
  readonly url: string;
  /** How a client is made (tests give a fake); default an ImapFlow for the URL. */
  readonly connect?: (url: string) => MailboxClient;
  /** First wait before reconnecting after an error; it doubles up to maximumBackoffMs. Default 1 s. */
  readonly initialBackoffMs?: number;
  /** Default 5 min. */
  readonly maximumBackoffMs?: number;
}

export interface RunningImapIntake {
  counts(): Readonly<IntakeCounts>;
  /** Resolves when every unseen message found so far has been taken (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads the mailbox until stopped: takes what is unseen, then waits on IDLE for more. A lost
 * connection or a mail Baton cannot take now (Postgres away) closes the session; the next one,
 * after a backoff, finds the same messages still unseen and takes them.
 */
export function startImapIntake(options: ImapIntakeOptions): RunningImapIntake {
  const { log, initialBackoffMs = 1_000, maximumBackoffMs = 300_000 } = options;
  const connect = options.connect ?? imapFlowFor;
  const counts = emptyCounts();
  const dependencies: IntakeDependencies = { ...options, counts };
  const mailbox = mailboxOf(options.url);
  let stopped = false;
  let client: MailboxClient | null = null;
  let backoffMs = initialBackoffMs;
  let retry: NodeJS.Timeout | null = null;
  let draining: Promise<void> = Promise.resolve();
  let opening: Promise<void> = Promise.resolve();
  let again = false;

  /** One pass at a time; an `exists` during a pass asks for another. */
  const drain = (session: MailboxClient) => {
    again = true;
    draining = draining.then(async () => {
      while (again && !stopped && client === session) {
        again = false;
        try {
          await takeUnseen(session, mailbox, dependencies);
          backoffMs = initialBackoffMs;
        } catch (error) {
          log(`mail intake (IMAP): ${messageOf(error)}: reconnecting`);
          session.close();
        }
      }
    });
    return draining;
  };

  const open = async () => {
    retry = null;
    if (stopped) return;
    const session = connect(options.url);
    client = session;
    session.on('error', (error) => log(`mail intake (IMAP): ${error.message}`));
    session.on('close', () => {
      if (client !== session || stopped) return;
      client = null;
      reconnectLater();
    });
    // New mail while idling: auto-IDLE is broken by the fetch, and resumes once the connection rests.
    session.on('exists', () => void drain(session));
    try {
      await session.connect();
      await session.mailboxOpen(mailbox);
      // Stopped meanwhile: stop() has let this session go.
      if (client !== session) return;
      log(`mail intake (IMAP): reading ${mailbox}`);
      await drain(session);
    } catch (error) {
      log(`mail intake (IMAP): ${messageOf(error)}`);
      if (client === session) {
        client = null;
        session.close();
        reconnectLater();
      }
    }
  };

  const reconnectLater = () => {
    if (stopped || retry) return;
    log(`mail intake (IMAP): connecting again in ${Math.round(backoffMs / 1000)} s`);
    retry = setTimeout(() => {
      opening = open();
    }, backoffMs);
    retry.unref();
    backoffMs = Math.min(backoffMs * 2, maximumBackoffMs);
  };

  opening = open();
  return {
    counts: () => ({ ...counts }),
    idle: async () => {
      await opening;
      let seen: Promise<void> | null = null;
      while (seen !== draining) {
        seen = draining;
        await seen;
      }
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const session = client;
      client = null;
      // The message being taken is finished; the session's next ones wait for the next start.
      await draining;
      await session?.logout().catch(() => session.close());
    },
  };
}

/**
 * Takes every unseen message of the mailbox, oldest first. One is marked seen once taken (or
 * refused): one Baton cannot take now throws, left unseen for the next session.
 */
async function takeUnseen(client: MailboxClient, mailbox: string, dependencies: IntakeDependencies): Promise<void> {
  const uids = (await client.search({ seen: false }, { uid: true })) || [];
  if (uids.length === 0) return;
  const sizes = await client.fetchAll(uids.join(','), { uid: true, size: true }, { uid: true });
  for (const { uid, size = 0 } of sizes.sort((a, b) => a.uid - b.uid)) {
    if (size > MAXIMUM_MAIL_BYTES) {
      // Its sender's server delivered it already: there is nobody to answer 552 to.
      if (dependencies.counts) dependencies.counts['too-large'] += 1;
      dependencies.log(`mail intake (IMAP): too-large message ${uid} of ${mailbox}: ${size} bytes, left read`);
    } else {
      const [message] = await client.fetchAll(String(uid), { uid: true, size: true, source: true }, { uid: true });
      if (message?.source) await receiveMail(await simpleParser(message.source), dependencies);
    }
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  }
}

function imapFlowFor(url: string): MailboxClient {
  return new ImapFlow(imapOptionsOf(url));
}

/** ImapFlow's options for `imaps://user:password@host:993/INBOX`. */
export function imapOptionsOf(url: string): ImapFlowOptions {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? (secure ? 993 : 143) : Number(parsed.port),
    secure,
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    logger: false,
  };
}

/** The mailbox the URL names (`/INBOX`, `/Service%20desk`), INBOX when none. */
export function mailboxOf(url: string): string {
  const path = decodeURIComponent(new URL(url).pathname.replace(/^\/+/, ''));
  return path === '' ? 'INBOX' : path;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
