/*
 * E-mail intake: the service desk's second channel. A mail to a catalogue process's intake
 * address from someone with a Baton account opens a request for them; a reply to one of
 * Baton's mails (`[#<instance id>]` in its subject) becomes a comment on that instance. The
 * sender is who the mail's From says: Baton trusts the mail server in front of it to have
 * checked that (SPF, DKIM, DMARC), as it trusts it to route the intake addresses here.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { type AddressObject, type Attachment as MailAttachment, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { User, type UserRow } from '../db/entities/user';
import { keepAttachments, type NewAttachment } from '../engine/attachments';
import { commentOnInstance } from '../engine/comments';
import type { Actor, EngineContext } from '../engine/context';
import { findDefinition } from '../engine/definitions';
import type { StartedInstance } from '../engine/instances';
import { processForIntakeAddress, requestFromCatalogue } from '../engine/requests';
import { ConflictError, ForbiddenError, NotFoundError, ServiceStartError, ValidationError } from '../errors';
import { storable } from '../plan/storable-text';
import type { JsonObject, JsonSchema, MailIntake } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import { type IntakeRefusal, type RefusedField, renderRefusal } from './intake-replies';
import { newTextOfReply } from './reply-text';
import { type Mailer, messageIdFor } from './smtp';

/** The largest mail taken, as sent (headers, text and encoded files): more is answered 552. */
export const MAXIMUM_MAIL_BYTES = 10 * 1024 * 1024;
/** The most files one mail may bring: more refuses the whole mail, said to the sender. */
export const MAXIMUM_ATTACHMENTS = 10;
/** The most bytes (decoded) of files one mail may bring: more refuses the whole mail, said to the sender. */
export const MAXIMUM_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The longest text kept from a mail (a comment, a field without a maxLength of its own), as the API's comments. */
const MAXIMUM_TEXT_LENGTH = 10_000;
/** At most this many mail servers deliver at once: each may hold a mail of MAXIMUM_MAIL_BYTES in memory. */
const MAXIMUM_CONNECTIONS = 20;
const MAXIMUM_RECIPIENTS = 50;

/** What became of one mail; each is logged on one line and counted. */
export const INTAKE_OUTCOMES = [
  'request-opened',
  /** The same mail again (same Message-ID): its request exists already. */
  'request-repeated',
  'request-refused',
  'comment-added',
  'comment-refused',
  /** A reply with nothing new in it (only the quote). */
  'reply-empty',
  /** An auto-reply, a bounce, a list's mail or Baton's own: never answered, so no robot loops with Baton. */
  'automatic-ignored',
  'unknown-sender-refused',
  'unknown-sender-ignored',
  /** To no intake address and not a reply. */
  'no-process',
  /** Over MAXIMUM_MAIL_BYTES (552), or more files than a mail may bring. */
  'too-large',
  /** Baton could not take it now (Postgres or Temporal away): the sender's server tries again (451). */
  'failed',
] as const;
export type IntakeOutcomeKind = (typeof INTAKE_OUTCOMES)[number];
export type IntakeCounts = Record<IntakeOutcomeKind, number>;

export interface IntakeOutcome {
  readonly kind: IntakeOutcomeKind;
  /** The request opened or commented on, when there is one. */
  readonly instanceId: string | null;
  readonly detail: string;
}

export function emptyCounts(): IntakeCounts {
  return Object.fromEntries(INTAKE_OUTCOMES.map((kind) => [kind, 0])) as IntakeCounts;
}

/** What the SMTP transaction said, beside the mail's own headers; IMAP has none. */
export interface Envelope {
  /** MAIL FROM: `''` is the null sender of bounces. */
  readonly sender: string;
  /** RCPT TO: a Bcc'd intake address is only here. */
  readonly recipients: readonly string[];
}

export interface IntakeDependencies {
  readonly context: EngineContext;
  /** Where refusals are sent from; null: they are only logged. */
  readonly mailer: Mailer | null;
  /** What to do with mail from an address that is no active user's. */
  readonly unknownSenders: 'refuse' | 'ignore';
  /** Where people reach Baton: the catalogue's address in refusals. */
  readonly publicUrl: string;
  readonly log: (line: string) => void;
  /** Incremented once per mail, by outcome. */
  readonly counts?: IntakeCounts;
}

/**
 * Takes one mail, from SMTP or IMAP: opens a request, adds a comment, or answers why not.
 * Throws only when Baton cannot take it now (a dependency away), for the mail to come again;
 * a mail it refuses resolves, its sender told.
 */
export async function receiveMail(
  mail: ParsedMail,
  dependencies: IntakeDependencies,
  envelope: Envelope | null = null,
): Promise<IntakeOutcome> {
  const from = senderOf(mail);
  let outcome: IntakeOutcome;
  try {
    outcome = await decide(mail, from, dependencies, envelope);
  } catch (error) {
    record(dependencies, from, mail, {
      kind: 'failed',
      instanceId: null,
      detail: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
  record(dependencies, from, mail, outcome);
  return outcome;
}

function record(dependencies: IntakeDependencies, from: string | null, mail: ParsedMail, outcome: IntakeOutcome): void {
  if (dependencies.counts) dependencies.counts[outcome.kind] += 1;
  const about = outcome.instanceId === null ? '' : ` ${outcome.instanceId}`;
  dependencies.log(
    `mail intake: ${outcome.kind}${about} from ${from ?? '(no sender)'} ${mail.messageId ?? '(no Message-ID)'}: ${outcome.detail}`,
  );
}

async function decide(
  mail: ParsedMail,
  from: string | null,
  dependencies: IntakeDependencies,
  envelope: Envelope | null,
): Promise<IntakeOutcome> {
  const automatic = automaticReason(mail, envelope);
  if (automatic !== null) return outcome('automatic-ignored', null, automatic);
  if (from === null) return outcome('automatic-ignored', null, 'the mail names no sender to answer');

  const sender = await activeUserByEmail(dependencies, from);
  if (!sender) {
    if (dependencies.unknownSenders === 'ignore') return outcome('unknown-sender-ignored', null, 'no user has it');
    await answer(dependencies, mail, null, { reason: 'unknown-sender' });
    return outcome('unknown-sender-refused', null, 'no user has it: told who may write');
  }

  const files = attachmentsOf(mail);
  const bytes = files.reduce((total, file) => total + file.content.length, 0);
  if (files.length > MAXIMUM_ATTACHMENTS || bytes > MAXIMUM_ATTACHMENT_BYTES) {
    await answer(dependencies, mail, sender, {
      reason: 'too-large',
      files: files.length,
      bytes,
      maximumFiles: MAXIMUM_ATTACHMENTS,
      maximumBytes: MAXIMUM_ATTACHMENT_BYTES,
    });
    return outcome('too-large', null, `${files.length} files, ${bytes} bytes: refused, the sender told`);
  }

  const instanceId = referencedInstance(mail.subject);
  if (instanceId !== null) return addReply(mail, sender, instanceId, files, dependencies);

  for (const address of recipientsOf(mail, envelope)) {
    const target = await processForIntakeAddress(dependencies.context.db, address);
    if (target) return openRequest(mail, sender, target, files, dependencies);
  }
  await answer(dependencies, mail, sender, { reason: 'no-process' });
  return outcome('no-process', null, 'to no intake address and no reply: told where to ask');
}

function outcome(kind: IntakeOutcomeKind, instanceId: string | null, detail: string): IntakeOutcome {
  return { kind, instanceId, detail };
}

async function openRequest(
  mail: ParsedMail,
  sender: UserRow,
  target: { readonly key: string; readonly intake: MailIntake },
  files: readonly NewAttachment[],
  dependencies: IntakeDependencies,
): Promise<IntakeOutcome> {
  const { context } = dependencies;
  const definition = await findDefinition(context.db, target.key);
  const plan = upgradePlan(definition.plan);
  const { intake } = target;
  const subject = storable(oneLine(mail.subject ?? ''));
  const text = storable((mail.text ?? '').trim());
  const input: JsonObject = {
    ...intake.defaults,
    [intake.subject]: bounded(subject, maxLengthOf(plan.input, intake.subject)),
    ...(intake.body === null || text === ''
      ? {}
      : { [intake.body]: bounded(text, maxLengthOf(plan.input, intake.body)) }),
  };
  const origin = originOf(mail);
  let started: StartedInstance;
  try {
    started = await requestFromCatalogue(context, target.key, input, actorOf(sender), {
      idempotencyKey: `mail:${origin}`,
      via: 'mail',
    });
  } catch (error) {
    const refusal = refusalOf(error, plan.title, intake);
    if (refusal === null) throw error;
    if (refusal === 'repeated') return outcome('request-repeated', null, 'the same mail started another request');
    await answer(dependencies, mail, sender, refusal);
    return outcome(
      'request-refused',
      null,
      `${error instanceof Error ? error.message : String(error)}: the sender told`,
    );
  }
  const { row, created } = started;
  // A process whose text fills no field keeps it as the request's first words.
  if (created && intake.body === null && text !== '') {
    await commentOnInstance(context.db, row.id, { body: bounded(text), source: 'email' }, actorOf(sender));
  }
  // Again on a repeat: a delivery that failed half-way gets the files it did not keep.
  await keepAttachments(context.db, row.id, null, origin, files);
  return created
    ? outcome('request-opened', row.id, `${target.key} for ${sender.name}, ${files.length} attachments`)
    : outcome('request-repeated', row.id, 'the same mail again: nothing new opened');
}

/** What the sender is told when the engine refuses the request; null: not a refusal (throw it). */
function refusalOf(error: unknown, request: string, intake: MailIntake): IntakeRefusal | 'repeated' | null {
  if (error instanceof ValidationError) {
    const fields: RefusedField[] = error.errors.map(({ field, message }) => {
      const name = field.replace(/^\//, '').split('/')[0] ?? '';
      const from = name === intake.subject ? 'subject' : name === intake.body ? 'text' : 'form';
      return { field: field.replace(/^\//, '') || '(the request)', message, from };
    });
    return { reason: 'invalid-request', request, fields };
  }
  if (error instanceof ForbiddenError) return { reason: 'not-offered', request };
  // Taken out of the catalogue since the address was checked.
  if (error instanceof NotFoundError) return { reason: 'no-process' };
  // The mail's key already started a request with other values (the process changed since).
  if (error instanceof ConflictError) return 'repeated';
  return null;
}

async function addReply(
  mail: ParsedMail,
  sender: UserRow,
  instanceId: string,
  files: readonly NewAttachment[],
  dependencies: IntakeDependencies,
): Promise<IntakeOutcome> {
  const text = storable(newTextOfReply(mail.text ?? ''));
  if (text === '' && files.length === 0) return outcome('reply-empty', instanceId, 'nothing above the quote');
  const body = text === '' ? `Attached: ${files.map((file) => file.fileName).join(', ')}` : bounded(text);
  const { db } = dependencies.context;
  try {
    const comment = await commentOnInstance(db, instanceId, { body, source: 'email' }, actorOf(sender));
    await keepAttachments(db, instanceId, comment.id, originOf(mail), files);
    return outcome('comment-added', instanceId, `by ${sender.name}, ${files.length} attachments`);
  } catch (error) {
    if (error instanceof ConflictError) {
      // The instance keeps no more comments: sending the reply again would not change that.
      await answer(dependencies, mail, sender, { reason: 'comment-not-kept', instanceId, why: error.message });
    } else if (error instanceof NotFoundError || error instanceof ForbiddenError) {
      await answer(dependencies, mail, sender, { reason: 'comment-refused', instanceId });
    } else {
      throw error;
    }
    return outcome('comment-refused', instanceId, `${error.message}: the sender told`);
  }
}

/**
 * Tells the mail's sender why it was not taken, marked as an automatic answer (RFC 3834) so
 * their own robots do not answer it. A failure to send is logged: the mail itself was handled.
 */
async function answer(
  dependencies: IntakeDependencies,
  mail: ParsedMail,
  sender: UserRow | null,
  refusal: IntakeRefusal,
): Promise<void> {
  const to = senderOf(mail);
  if (to === null) return;
  if (!dependencies.mailer) {
    dependencies.log(`mail intake: no SMTP server is configured: ${to} is not told why (${refusal.reason})`);
    return;
  }
  const rendered = renderRefusal(refusal, sender && { name: sender.name, locale: sender.locale }, {
    subject: mail.subject ?? null,
    publicUrl: dependencies.publicUrl,
  });
  const sent = await dependencies.mailer.send({
    to,
    ...rendered,
    messageId: messageIdFor(`intake:${originOf(mail)}`, to),
    ...(mail.messageId === undefined ? {} : { inReplyTo: mail.messageId, references: [mail.messageId] }),
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  });
  if (!sent.sent) dependencies.log(`mail intake: the answer to ${to} was not sent: ${sent.error}`);
}

/** Why a mail is a robot's, not a person's; null when nothing says so. */
export function automaticReason(mail: ParsedMail, envelope: Envelope | null): string | null {
  if (envelope?.sender === '') return 'a bounce (null sender)';
  if (/^<\s*>$/.test(headerValue(mail, 'return-path') ?? '')) return 'a bounce (null Return-Path)';
  const autoSubmitted = headerValue(mail, 'auto-submitted')?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = headerValue(mail, 'precedence')?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return `Precedence: ${precedence}`;
  if (headerValue(mail, 'x-baton-notification') !== null) return "Baton's own mail come back";
  if (headerValue(mail, 'x-autoreply') !== null || headerValue(mail, 'x-autorespond') !== null) return 'an auto-reply';
  return null;
}

/** A header as written (unfolded), from the raw lines: parsed values differ in shape by header. */
function headerValue(mail: ParsedMail, name: string): string | null {
  const line = mail.headerLines.find((header) => header.key === name)?.line;
  if (line === undefined) return null;
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

function senderOf(mail: ParsedMail): string | null {
  const address = addressesOf(mail.from)[0];
  return address ? address.toLowerCase() : null;
}

/** Every address a mail was sent to: the envelope's first (Bcc), then To and Cc; each once. */
function recipientsOf(mail: ParsedMail, envelope: Envelope | null): string[] {
  const all = [...(envelope?.recipients ?? []), ...addressesOf(mail.to), ...addressesOf(mail.cc)];
  return [...new Set(all.map((address) => address.toLowerCase()))];
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  const entries = [header ?? []].flat().flatMap((object) => object.value);
  return entries
    .flatMap((entry) => [entry, ...(entry.group ?? [])])
    .map((entry) => entry.address?.trim() ?? '')
    .filter((address) => address !== '');
}

const REFERENCE = /\[#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]/i;

/** The instance a reply is about: the `[#<id>]` every mail of Baton's subject carries. */
export function referencedInstance(subject: string | undefined): string | null {
  return REFERENCE.exec(subject ?? '')?.[1]?.toLowerCase() ?? null;
}

async function activeUserByEmail(dependencies: IntakeDependencies, address: string): Promise<UserRow | null> {
  return dependencies.context.db
    .getRepository(User)
    .createQueryBuilder('u')
    .where('lower(u.email) = lower(:address)', { address })
    .andWhere('u.deactivated_at IS NULL')
    .getOne();
}

function actorOf(user: UserRow): Actor {
  return { id: user.id, name: user.name, role: user.role, department: user.department };
}

/**
 * What a mail is known by, the same at each delivery: a digest of its Message-ID, or of its
 * sender, date, subject and text when it has none.
 */
function originOf(mail: ParsedMail): string {
  const identity =
    mail.messageId ?? JSON.stringify([senderOf(mail), mail.date?.toISOString() ?? null, mail.subject, mail.text]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 40);
}

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

function attachmentsOf(mail: ParsedMail): NewAttachment[] {
  return mail.attachments.map((attachment, index) => ({
    fileName: fileNameOf(attachment, index),
    contentType: MIME_TYPE.test(attachment.contentType.toLowerCase())
      ? attachment.contentType.toLowerCase()
      : 'application/octet-stream',
    content: attachment.content,
  }));
}

/** The name the sender's client gave, without a path or control characters; `attachment-<n>` when none. */
function fileNameOf(attachment: MailAttachment, index: number): string {
  const base = (attachment.filename ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = storable(base.replace(/[\u0000-\u001f\u007f]/g, '')).trim();
  return cleaned === '' ? `attachment-${index + 1}` : bounded(cleaned, 200);
}

/** Subjects are one line; folded headers keep their line breaks. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `maximum` characters (code points, as JSON Schema's maxLength counts), an ellipsis marking a cut. */
function bounded(text: string, maximum = MAXIMUM_TEXT_LENGTH): string {
  const characters = Array.from(text);
  if (characters.length <= maximum) return text;
  return `${characters.slice(0, Math.max(maximum - 1, 0)).join('')}…`;
}

/** The maxLength the start form sets on a field, bounded by MAXIMUM_TEXT_LENGTH. */
function maxLengthOf(form: JsonSchema, field: string): number {
  const properties = form.properties;
  const schema =
    typeof properties === 'object' && properties !== null && !Array.isArray(properties)
      ? (properties as Record<string, unknown>)[field]
      : undefined;
  const maxLength =
    typeof schema === 'object' && schema !== null && 'maxLength' in schema ? schema.maxLength : undefined;
  return typeof maxLength === 'number' && maxLength >= 1
    ? Math.min(maxLength, MAXIMUM_TEXT_LENGTH)
    : MAXIMUM_TEXT_LENGTH;
}

export interface MailIntakeOptions {
  readonly context: EngineContext;
  /** 0: a free port, read back from `port` (tests). */
  readonly port: number;
  /** Unset: every interface. */
  readonly host?: string;
  readonly mailer: Mailer | null;
  readonly unknownSenders: 'refuse' | 'ignore';
  readonly publicUrl: string;
  readonly log?: (line: string) => void;
}

export interface RunningMailIntake {
  readonly port: number;
  /** How many mails came to each outcome since it started. */
  counts(): Readonly<IntakeCounts>;
  /** Stops listening; mails being received finish (up to a few seconds). */
  stop(): Promise<void>;
}

/**
 * An SMTP server taking mail for the catalogue's intake addresses: what a mail server (or the
 * organisation's MX) delivers Baton's mail to. No authentication and no TLS: it is meant to sit
 * behind that mail server, on a private network or loopback.
 */
export async function startMailIntake(options: MailIntakeOptions): Promise<RunningMailIntake> {
  const log = options.log ?? (() => {});
  const counts = emptyCounts();
  const dependencies: IntakeDependencies = { ...options, log, counts };
  const { db } = options.context;
  const server = new SMTPServer({
    banner: 'Baton mail intake: requests and replies',
    authOptional: true,
    // STARTTLS would need a certificate Baton does not have; the mail server in front has one.
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAXIMUM_MAIL_BYTES,
    maxClients: MAXIMUM_CONNECTIONS,
    maxRecipients: MAXIMUM_RECIPIENTS,
    disableReverseLookup: true,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      processForIntakeAddress(db, address.address).then(
        (target) =>
          callback(
            target
              ? null
              : smtpError(
                  550,
                  `<${address.address}> is no mailbox here: Baton takes mail at its catalogue's addresses`,
                ),
          ),
        (error: unknown) => {
          log(`mail intake: cannot check <${address.address}>: ${error instanceof Error ? error.message : error}`);
          callback(smtpError(451, 'Baton cannot check this address now; try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      takeData(stream, session, dependencies).then(
        () => callback(),
        (error: SmtpReplyError) => callback(error),
      );
    },
  });
  // Until it listens, an error is the start's; then one of a client's connection, logged.
  let starting: ((error: NodeJS.ErrnoException) => void) | null = null;
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (starting) starting(error);
    else log(`mail intake: ${error.message}`);
  });
  await new Promise<void>((resolve, reject) => {
    starting = (error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ServiceStartError(
              'mail intake',
              `port ${options.port} is in use: set BATON_SMTP_INTAKE_PORT to another`,
            )
          : error,
      );
    server.listen(options.port, options.host, () => {
      starting = null;
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    counts: () => ({ ...counts }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type SmtpReplyError = Error & { responseCode: number };

function smtpError(responseCode: number, message: string): SmtpReplyError {
  return Object.assign(new Error(message), { responseCode });
}

/** Reads, parses and takes one mail; rejects with the SMTP reply to give when it is not taken. */
async function takeData(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  dependencies: IntakeDependencies,
): Promise<void> {
  const raw = await readBounded(stream);
  if (raw === null || stream.sizeExceeded) {
    if (dependencies.counts) dependencies.counts['too-large'] += 1;
    dependencies.log(
      `mail intake: too-large from <${senderOfEnvelope(session)}>: over ${MAXIMUM_MAIL_BYTES} bytes (552)`,
    );
    throw smtpError(552, `message exceeds fixed maximum message size of ${MAXIMUM_MAIL_BYTES} bytes`);
  }
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw);
  } catch (error) {
    if (dependencies.counts) dependencies.counts.failed += 1;
    dependencies.log(`mail intake: failed from <${senderOfEnvelope(session)}>: unreadable: ${String(error)} (554)`);
    throw smtpError(554, 'Baton cannot read this mail');
  }
  try {
    await receiveMail(mail, dependencies, {
      sender: senderOfEnvelope(session),
      recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
    });
  } catch {
    // Logged and counted by receiveMail: the sender's server tries again later.
    throw smtpError(451, 'Baton cannot take this mail now; try again later');
  }
}

function senderOfEnvelope(session: SMTPServerSession): string {
  return session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
}

/**
 * The whole DATA stream (which must be read to its end for the server to answer), kept only
 * up to MAXIMUM_MAIL_BYTES; null past it, so an oversized mail costs no more memory than that.
 */
function readBounded(stream: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAXIMUM_MAIL_BYTES) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(size <= MAXIMUM_MAIL_BYTES ? Buffer.concat(chunks) : null));
  });
}
