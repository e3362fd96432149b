import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Delivery, type DeliveryRow } from '../db/entities/delivery';
import { Notification, type NotificationRow, OUTBOX_CHANNEL } from '../db/entities/notification';
import { type Listener, listen } from '../db/listen';
import { MS_PER_HOUR } from '../plan/civil-date';
import { canonicalTimeZone, fromLocal, toLocal } from '../plan/zoned-time';
import { type MailNotification, renderDigest, renderMail } from './mail-text';
import { mailTargets, type Person, personOf } from './recipients';
import { nextAttemptDelayMs } from './retry-schedule';
import { type Mailer, messageIdFor, type SendOutcome } from './smtp';
import { sendWebhook } from './webhook-sender';

export interface DispatcherOptions {
  readonly db: DataSource;
  /** Null: no SMTP server configured; mail deliveries are recorded failed, saying so. */
  readonly mailer: Mailer | null;
  /** Where people reach Baton: the links in mail and webhook payloads. */
  readonly publicUrl: string;
  /**
   * When a running instance is expected to be done (its live plan), for what requesters are told;
   * absent or null: their mail goes without a date.
   */
  readonly expectedDate?: (instanceId: string) => Promise<string | null>;
  /**
   * The address replies reach Baton on (mail intake), if it listens, for the mail of instances
   * whose process has no intake address of its own (those go to that address).
   */
  readonly replyTo?: string | null;
  /** How long a claimed delivery is another dispatcher's before it is sent again (a crash); default 5 min. */
  readonly leaseMs?: number;
  /** The local hour a daily digest goes out at; default 8. */
  readonly digestHour?: number;
  readonly log?: (line: string) => void;
  /** Told of each outcome this dispatcher records (metrics); must not throw. */
  readonly onRecorded?: (event: DeliveryRecorded) => void;
}

/** One delivery's outcome, as recorded. */
export interface DeliveryRecorded {
  readonly channel: 'email' | 'webhook';
  /**
   * `sent`; `retry`: this attempt failed, another is due later; `failed`: for good (a permanent
   * refusal, nobody to send to); `dead-letter`: the retry schedule ran out.
   */
  readonly outcome: 'sent' | 'retry' | 'failed' | 'dead-letter';
  /** Sent: seconds from the notification's creation to its delivery (Postgres's clock both); null otherwise. */
  readonly lagSeconds: number | null;
  /** Held for the person's daily digest rather than sent at once. */
  readonly digest: boolean;
}

export interface Dispatcher {
  /** Reads the outbox now (an insert does it through LISTEN/NOTIFY; a redelivery too). */
  wake(): void;
  /** Resolves when what was due when it was called has been tried (tests, benchmarks). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Longer than any attempt can take (an SMTP attempt gives up within 50 s, a webhook within 10 s,
 * and a batch waits for the mail pool's connections), so a lease ends only when its sender died.
 */
const DEFAULT_LEASE_MS = 300_000;
const RESOLVE_BATCH = 100;
const SEND_BATCH = 20;
/** The longest sleep: a clock jump or a lost notification costs at most this. */
const MAXIMUM_SLEEP_MS = 60_000;

/**
 * Delivers the outbox: each new notification is resolved once into deliveries (one per channel
 * and address), which are sent, recorded and retried on the schedule until delivered or dead.
 * No polling: an outbox insert wakes it (LISTEN/NOTIFY), and it sleeps until the next retry or
 * digest is due. Several dispatchers (API replicas) share the work with row locks; a delivery is
 * leased before it is sent, so one whose sender crashed before recording is sent again once
 * its lease ends: again at most once per crash, never lost.
 */
export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, leaseMs = DEFAULT_LEASE_MS, digestHour = 8, log = () => {} } = options;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await resolveNew(db, options);
          await sendDue(db, options, leaseMs);
          await sendDigests(db, options, digestHour, leaseMs);
          schedule(await nextDue(db, digestHour));
        } catch (error) {
          // Postgres away: try again shortly; its return also wakes the listener.
          log(`delivery: ${error instanceof Error ? error.message : String(error)}`);
          schedule(Date.now() + 5_000);
        }
      } while (again && !stopped);
      running = null;
    })();
  };

  const schedule = (at: number | null) => {
    if (timer) clearTimeout(timer);
    if (stopped) return;
    const delay = Math.min(Math.max((at ?? Number.POSITIVE_INFINITY) - Date.now(), 0), MAXIMUM_SLEEP_MS);
    timer = setTimeout(wake, delay);
    timer.unref();
  };

  const listener: Listener = listen(db, OUTBOX_CHANNEL, { onNotify: wake, onListening: wake });
  return {
    wake,
    async idle() {
      wake();
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await listener.close();
      await running;
      options.mailer?.close();
    },
  };
}

/** Turns notifications nobody has read yet into their deliveries, in the transaction that marks them read. */
async function resolveNew(db: DataSource, options: DispatcherOptions): Promise<void> {
  for (;;) {
    const failed: DeliveryRow[] = [];
    const resolved = await db.transaction(async (tx) => {
      const rows: NotificationRow[] = await tx
        .getRepository(Notification)
        .createQueryBuilder('n')
        .where('n.resolved_at IS NULL')
        .orderBy('n.created_at')
        .addOrderBy('n.id')
        .limit(RESOLVE_BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const notification of rows) {
        failed.push(...(await writeDeliveries(tx, notification)).filter((row) => row.status === 'failed'));
      }
      if (rows.length > 0) {
        await tx.query('UPDATE notifications SET resolved_at = now() WHERE id = ANY($1)', [rows.map((row) => row.id)]);
      }
      return rows.length;
    });
    // Nobody to send to (no address, deactivated): failed at once, never attempted.
    for (const row of failed) {
      options.onRecorded?.({ channel: row.channel, outcome: 'failed', lagSeconds: null, digest: false });
    }
    if (resolved < RESOLVE_BATCH) return;
  }
}

async function writeDeliveries(tx: EntityManager, notification: NotificationRow): Promise<DeliveryRow[]> {
  const now = new Date();
  const base = { notificationId: notification.id, attempts: 0, leaseUntil: null, deliveredAt: null, createdAt: now };
  const mail: DeliveryRow[] = (await mailTargets(tx, notification)).map((target) => ({
    ...base,
    id: randomUUID(),
    channel: 'email',
    userId: target.userId,
    webhookId: null,
    address: target.address,
    status: target.status,
    lastError: target.lastError,
    nextAttemptAt: target.status === 'pending' ? now : null,
  }));
  const webhooks: { id: string; url: string }[] = await tx.query(
    `SELECT id, url FROM webhooks WHERE deleted_at IS NULL AND ($1 = ANY(events) OR '*' = ANY(events))`,
    [notification.kind],
  );
  const hooks: DeliveryRow[] = webhooks.map((webhook) => ({
    ...base,
    id: randomUUID(),
    channel: 'webhook',
    userId: null,
    webhookId: webhook.id,
    address: webhook.url,
    status: 'pending',
    lastError: null,
    nextAttemptAt: now,
  }));
  const rows = [...mail, ...hooks];
  if (rows.length > 0) await tx.createQueryBuilder().insert().into(Delivery).values(rows).orIgnore().execute();
  return rows;
}

interface ClaimedDelivery {
  readonly id: string;
  readonly notification_id: string;
  readonly channel: 'email' | 'webhook';
  readonly user_id: string | null;
  readonly webhook_id: string | null;
  readonly address: string | null;
  readonly attempts: number;
}

/** Sends what is due, a batch at a time, each leased first so a crash mid-send loses nothing. */
async function sendDue(db: DataSource, options: DispatcherOptions, leaseMs: number): Promise<void> {
  for (;;) {
    const [claimed]: [ClaimedDelivery[], number] = await db.query(
      `UPDATE deliveries SET attempts = attempts + 1, lease_until = now() + $1 * interval '1 millisecond'
        WHERE id IN (
          SELECT id FROM deliveries
           WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
           ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, notification_id, channel, user_id, webhook_id, address, attempts`,
      [leaseMs, SEND_BATCH],
    );
    if (claimed.length === 0) return;
    await Promise.all(claimed.map((delivery) => attempt(db, options, delivery)));
  }
}

async function attempt(db: DataSource, options: DispatcherOptions, delivery: ClaimedDelivery): Promise<void> {
  let outcome: SendOutcome;
  try {
    outcome = await send(db, options, delivery);
  } catch (error) {
    outcome = { sent: false, permanent: false, error: error instanceof Error ? error.message : String(error) };
  }
  await record(db, options, delivery, outcome);
}

async function send(db: DataSource, options: DispatcherOptions, delivery: ClaimedDelivery): Promise<SendOutcome> {
  const notification = await db.getRepository(Notification).findOneByOrFail({ id: delivery.notification_id });
  if (delivery.channel === 'webhook') {
    const [webhook]: { secret: string; deleted_at: Date | null }[] = await db.query(
      'SELECT secret, deleted_at FROM webhooks WHERE id = $1',
      [delivery.webhook_id],
    );
    if (!webhook || webhook.deleted_at) return { sent: false, permanent: true, error: 'the webhook was deleted' };
    return sendWebhook({
      url: delivery.address ?? '',
      secret: webhook.secret,
      messageId: delivery.id,
      timestamp: new Date(),
      payload: webhookPayload(notification, options.publicUrl),
    });
  }
  if (!options.mailer) {
    return { sent: false, permanent: true, error: 'no SMTP server is configured: set BATON_SMTP_URL' };
  }
  const address = delivery.address ?? '';
  const person = delivery.user_id === null ? null : await personOf(db, delivery.user_id);
  const rendered = renderMail(
    await withExpectedDate(mailNotification(notification), options),
    recipientOf(person),
    options.publicUrl,
  );
  const replyTo = (await intakeAddressOf(db, notification.instanceId)) ?? options.replyTo ?? null;
  return options.mailer.send({
    to: address,
    ...rendered,
    messageId: messageIdFor(notification.id, address),
    ...(replyTo ? { replyTo } : {}),
    headers: { 'X-Baton-Instance': notification.instanceId, 'X-Baton-Notification': notification.id },
  });
}

/** Where the instance's process takes mail, if it does: a reply to its mail becomes a comment there. */
async function intakeAddressOf(db: DataSource, instanceId: string): Promise<string | null> {
  const [row]: { email: string | null }[] = await db.query(
    `SELECT d.plan -> 'intake' ->> 'email' AS email FROM instances i
       JOIN definitions d ON d.key = i.definition_key AND d.version = i.definition_version
      WHERE i.id = $1`,
    [instanceId],
  );
  return row?.email ?? null;
}

/** Records an attempt: delivered, failed for good, or due again later (dead after the schedule's last). */
async function record(
  db: DataSource,
  options: DispatcherOptions,
  delivery: ClaimedDelivery,
  outcome: SendOutcome,
): Promise<void> {
  // Only while the claim is this attempt's: one recorded after its lease ran out (and another
  // dispatcher claimed it again) must not overwrite what the later attempt records.
  const stillMine = `id = $1 AND attempts = ${delivery.attempts} AND status = 'pending'`;
  let recorded: DeliveryRecorded | null = null;
  const base = { channel: delivery.channel, digest: false };
  if (outcome.sent) {
    const [rows]: [{ lag: number }[], number] = await db.query(
      `UPDATE deliveries SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL
        WHERE ${stillMine}
        RETURNING extract(epoch FROM now() - (SELECT created_at FROM notifications WHERE id = notification_id))::float8 AS lag`,
      [delivery.id],
    );
    if (rows[0]) recorded = { ...base, outcome: 'sent', lagSeconds: rows[0].lag };
  } else {
    const delay = outcome.permanent ? null : nextAttemptDelayMs(delivery.attempts);
    const status = delay === null ? (outcome.permanent ? 'failed' : 'dead-letter') : 'pending';
    const [rows]: [{ id: string }[], number] = await db.query(
      `UPDATE deliveries SET status = $2, last_error = $3, lease_until = NULL,
         next_attempt_at = CASE WHEN $4::bigint IS NULL THEN NULL ELSE now() + $4 * interval '1 millisecond' END
        WHERE ${stillMine} RETURNING id`,
      [delivery.id, status, outcome.error, delay],
    );
    if (rows[0]) recorded = { ...base, outcome: status === 'pending' ? 'retry' : status, lagSeconds: null };
  }
  if (recorded) options.onRecorded?.(recorded);
  await markDeliveredWhenDone(db, [delivery.notification_id]);
}

/** A notification is delivered once none of its deliveries is left to try and one of them arrived. */
async function markDeliveredWhenDone(db: Pick<DataSource, 'query'>, notificationIds: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE notifications n SET delivered_at = d.last
       FROM (SELECT notification_id, max(delivered_at) AS last,
                    bool_or(status IN ('pending', 'held')) AS open
               FROM deliveries WHERE notification_id = ANY($1) GROUP BY notification_id) d
      WHERE n.id = d.notification_id AND NOT d.open AND d.last IS NOT NULL AND n.delivered_at IS NULL`,
    [notificationIds],
  );
}

/** Whose notifications wait for a digest (and are not being sent), and since when. */
async function heldSince(db: DataSource): Promise<{ user_id: string; time_zone: string; oldest: Date }[]> {
  return db.query(
    `SELECT d.user_id, u.time_zone, min(d.created_at) AS oldest FROM deliveries d JOIN users u ON u.id = d.user_id
      WHERE d.status = 'held' AND (d.lease_until IS NULL OR d.lease_until < now())
      GROUP BY d.user_id, u.time_zone`,
  );
}

/** One mail per person whose local digest hour has come since their oldest held notification. */
async function sendDigests(
  db: DataSource,
  options: DispatcherOptions,
  digestHour: number,
  leaseMs: number,
): Promise<void> {
  const now = Date.now();
  for (const person of await heldSince(db)) {
    if (previousDigestHour(now, person.time_zone, digestHour) < person.oldest.getTime()) continue;
    await sendDigest(db, options, person.user_id, leaseMs);
  }
}

/**
 * A person's held notifications in one mail. They are leased first, as single deliveries are,
 * so two dispatchers never send the same digest; one that fails for a while is tried again on
 * the retry schedule, then dead-lettered, and one for a person since deactivated fails.
 */
async function sendDigest(db: DataSource, options: DispatcherOptions, userId: string, leaseMs: number): Promise<void> {
  const [held]: [(ClaimedDelivery & { address: string })[], number] = await db.query(
    `UPDATE deliveries SET lease_until = now() + $2 * interval '1 millisecond', attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM deliveries WHERE user_id = $1 AND status = 'held' AND (lease_until IS NULL OR lease_until < now())
         FOR UPDATE SKIP LOCKED)
      RETURNING id, notification_id, channel, user_id, webhook_id, address, attempts`,
    [userId, leaseMs],
  );
  const first = held[0];
  if (!first) return;
  const person = await personOf(db, userId);
  const notifications = await db
    .getRepository(Notification)
    .createQueryBuilder('n')
    .where('n.id IN (:...ids)', { ids: held.map((delivery) => delivery.notification_id) })
    .orderBy('n.created_at')
    .addOrderBy('n.id')
    .getMany();
  const outcome: SendOutcome = !person
    ? { sent: false, permanent: true, error: 'the person was deactivated before their digest went out' }
    : options.mailer
      ? await options.mailer.send({
          to: first.address,
          ...renderDigest(notifications.map(mailNotification), recipientOf(person), options.publicUrl),
          messageId: messageIdFor(`digest:${held.map((delivery) => delivery.id).join(',')}`, first.address),
        })
      : { sent: false, permanent: true, error: 'no SMTP server is configured: set BATON_SMTP_URL' };
  const retryIn =
    outcome.sent || outcome.permanent ? null : nextAttemptDelayMs(Math.max(...held.map((d) => d.attempts)));
  const status = outcome.sent ? 'delivered' : outcome.permanent ? 'failed' : retryIn === null ? 'dead-letter' : 'held';
  const lags = await db.transaction(async (tx) => {
    const [rows]: [{ lag: number }[], number] = await tx.query(
      `UPDATE deliveries SET status = $2, last_error = $3,
         delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
         lease_until = CASE WHEN $4::bigint IS NULL THEN NULL ELSE now() + $4 * interval '1 millisecond' END
        WHERE id = ANY($1)
        RETURNING extract(epoch FROM now() - (SELECT created_at FROM notifications WHERE id = notification_id))::float8 AS lag`,
      [held.map((delivery) => delivery.id), status, outcome.sent ? null : outcome.error, retryIn],
    );
    if (outcome.sent) await tx.query('UPDATE users SET digest_sent_at = now() WHERE id = $1', [userId]);
    await markDeliveredWhenDone(
      tx,
      held.map((delivery) => delivery.notification_id),
    );
    return rows.map((row) => row.lag);
  });
  // Held again for the next try: `retry`, as a single delivery due again later.
  const recorded = status === 'delivered' ? 'sent' : status === 'held' ? 'retry' : status;
  for (const lag of lags) {
    options.onRecorded?.({
      channel: 'email',
      outcome: recorded,
      lagSeconds: recorded === 'sent' ? lag : null,
      digest: true,
    });
  }
}

/** When the dispatcher has something to do next: a retry, a lease ending, or a digest hour. */
async function nextDue(db: DataSource, digestHour: number): Promise<number | null> {
  // A held delivery's lease is its digest's next attempt after a failure.
  const [retry]: { at: Date | null }[] = await db.query(
    `SELECT min(CASE WHEN status = 'pending' THEN greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))
                     ELSE lease_until END) AS at
       FROM deliveries WHERE status = 'pending' OR (status = 'held' AND lease_until IS NOT NULL)`,
  );
  const digests = (await heldSince(db)).map(({ time_zone, oldest }) =>
    nextDigestHour(oldest.getTime(), time_zone, digestHour),
  );
  const candidates = [retry?.at?.getTime(), ...digests].filter((at): at is number => at !== undefined);
  return candidates.length === 0 ? null : Math.min(...candidates);
}

/** The first instant after `now` when it is `hour`:00 in `timeZone`. */
function nextDigestHour(now: number, timeZone: string, hour: number): number {
  const zone = canonicalTimeZone(timeZone) ?? 'UTC';
  return fromLocal(toLocal(previousDigestHour(now, zone, hour), zone).day + 1, hour * MS_PER_HOUR, zone);
}

/** The latest instant at or before `now` when it was `hour`:00 in `timeZone` (UTC when it is no zone). */
export function previousDigestHour(now: number, timeZone: string, hour: number): number {
  const zone = canonicalTimeZone(timeZone) ?? 'UTC';
  const today = toLocal(now, zone).day;
  const todayAtHour = fromLocal(today, hour * MS_PER_HOUR, zone);
  return todayAtHour <= now ? todayAtHour : fromLocal(today - 1, hour * MS_PER_HOUR, zone);
}

/**
 * A requester's mail says when their request should be done, as planned when it is sent: the
 * plan moves with the work, so the date is read late, not when the notification was written.
 */
async function withExpectedDate(notification: MailNotification, options: DispatcherOptions): Promise<MailNotification> {
  const wanted = notification.kind === 'request-received' || notification.kind === 'request-updated';
  if (!wanted || !options.expectedDate || notification.facts?.status !== undefined) return notification;
  const expectedAt = await options.expectedDate(notification.instanceId);
  return expectedAt === null ? notification : { ...notification, facts: { ...notification.facts, expectedAt } };
}

function mailNotification(notification: NotificationRow): MailNotification {
  return {
    id: notification.id,
    kind: notification.kind,
    subject: notification.subject,
    message: notification.message,
    facts: notification.facts,
    instanceId: notification.instanceId,
    taskId: notification.taskId,
    createdAt: notification.createdAt,
  };
}

/** A shared mailbox has no person behind it: English, UTC. */
function recipientOf(person: Person | null) {
  return person
    ? { name: person.name, locale: person.locale, timeZone: person.timeZone }
    : { name: null, locale: 'en' as const, timeZone: 'UTC' };
}

/** What a webhook receives: the notification as the API shows it, with links. */
function webhookPayload(notification: NotificationRow, publicUrl: string) {
  return {
    type: notification.kind,
    timestamp: notification.createdAt.toISOString(),
    data: {
      id: notification.id,
      instanceId: notification.instanceId,
      taskId: notification.taskId,
      recipient: notification.recipient,
      subject: notification.subject,
      message: notification.message,
      facts: notification.facts,
      links: {
        instance: `${publicUrl}/instances/${notification.instanceId}`,
        ...(notification.taskId === null ? {} : { task: `${publicUrl}/tasks/${notification.taskId}` }),
      },
    },
  };
}
