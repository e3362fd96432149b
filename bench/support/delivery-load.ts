import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { Mailer } from '../../channels/smtp';
import {
  type DeliverySeed,
  directMail,
  INSERT_OUTBOX_SQL,
  insertParameters,
  type OutboxRow,
  outboxRow,
} from './delivery-seed';
import type { Acceptance, BenchSmtpServer } from './delivery-smtp';
import { machineJiffies, utilizationBetween } from './program-cpu';
import { round } from './stats';

const now = () => process.hrtime.bigint();
const msBetween = (from: bigint, to: bigint) => Number(to - from) / 1e6;

/** Longest wait for a round's last mails once its last one was sent: past it, the missing are lost. */
const DRAIN_TIMEOUT_MS = 30_000;
const POLL_MS = 25;

/**
 * How one side turns a notification into a mail. `fire` resolves with the instant the producer
 * decided to send and the event instant the lag counts from (the same for the baseline).
 */
export interface Side {
  readonly name: 'baseline' | 'candidate';
  fire(
    row: OutboxRow,
  ): Promise<{ readonly decidedAt: bigint; readonly eventAt: bigint; readonly error: string | null }>;
  /** Resolves once the side has recorded what it sent (the dispatcher's delivery rows), or after `timeoutMs`. */
  settle(ids: readonly string[], timeoutMs: number): Promise<void>;
}

/** Baton: the producer commits an outbox row; the event is the instant its commit is acknowledged. */
export function candidateSide(producer: Pool): Side {
  return {
    name: 'candidate',
    async fire(row) {
      const decidedAt = now();
      try {
        await producer.query(INSERT_OUTBOX_SQL, insertParameters(row));
        return { decidedAt, eventAt: now(), error: null };
      } catch (error) {
        return { decidedAt, eventAt: now(), error: error instanceof Error ? error.message : String(error) };
      }
    },
    async settle(ids, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const { rows } = await producer.query<{ open: number }>(
          'SELECT count(*)::int AS open FROM notifications WHERE id = ANY($1) AND delivered_at IS NULL',
          [ids],
        );
        if (rows[0]?.open === 0) return;
        await sleep(100);
      }
    },
  };
}

/** nodemailer sending the same mail directly; the event is the instant the producer decided to send. */
export function baselineSide(mailer: Mailer): Side {
  return {
    name: 'baseline',
    async fire(row) {
      const decidedAt = now();
      const outcome = await mailer.send(directMail(row));
      return { decidedAt, eventAt: decidedAt, error: outcome.sent ? null : outcome.error };
    },
    async settle() {},
  };
}

/** Every acceptance seen in the run, by notification id: duplicates show up here, even across rounds. */
export class AcceptanceLog {
  readonly byId = new Map<string, Acceptance[]>();
  /** Mails without the header or with an id no round sent. */
  stray = 0;

  constructor(private readonly smtp: BenchSmtpServer) {}

  async collect(): Promise<void> {
    for (const acceptance of await this.smtp.take()) {
      if (acceptance.notificationId === null) {
        this.stray += 1;
        continue;
      }
      const seen = this.byId.get(acceptance.notificationId);
      if (seen) seen.push(acceptance);
      else this.byId.set(acceptance.notificationId, [acceptance]);
    }
  }

  /** Mails accepted for `ids`: lost (none) and duplicated (more than one). */
  tally(ids: readonly string[]) {
    let lost = 0;
    let duplicated = 0;
    for (const id of ids) {
      const count = this.byId.get(id)?.length ?? 0;
      if (count === 0) lost += 1;
      if (count > 1) duplicated += count - 1;
    }
    return { lost, duplicated };
  }
}

export interface RoundPlan {
  readonly side: Side;
  /** Distinguishes this round's notification ids from every other's. */
  readonly tag: string;
  readonly seconds: number;
  readonly perSecond: number;
}

export interface RoundResult {
  readonly side: Side['name'];
  readonly ids: readonly string[];
  readonly lagsMs: readonly number[];
  /** From the producer's decision to the event: the INSERT's round trip (candidate), 0 (baseline). */
  readonly eventDelaysMs: readonly number[];
  readonly accepted: number;
  readonly lost: number;
  readonly sendErrors: readonly string[];
  /** From the round's first event to its last acceptance. */
  readonly windowSeconds: number;
  readonly deliveriesPerSecond: number;
  /** The rate notifications were actually produced at (the producer's timer allowing). */
  readonly offeredPerSecond: number;
  readonly meanMailBytes: number;
  /** This process (senders, dispatcher, SMTP thread) and Postgres, CPU ms per notification. */
  readonly processCpuMsPerMail: number;
  readonly postgresCpuMsPerMail: number;
  readonly machineBusy: number;
}

/**
 * Produces `seconds × perSecond` notifications at a steady rate (open loop: a slow send does not
 * delay the next), waits until the SMTP server has accepted each (or DRAIN_TIMEOUT_MS after the
 * last), and times each mail from its event to its acceptance.
 */
export async function runRound(
  plan: RoundPlan,
  seed: DeliverySeed,
  log: AcceptanceLog,
  postgresPid: number | undefined,
): Promise<RoundResult> {
  const count = Math.round(plan.seconds * plan.perSecond);
  const rows = Array.from({ length: count }, (_, index) => outboxRow(seed, plan.tag, index));
  const ids = rows.map((row) => row.id);
  const intervalNs = 1e9 / plan.perSecond;
  const events = new Map<string, bigint>();
  const eventDelaysMs: number[] = [];
  const sendErrors: string[] = [];
  const cpuBefore = process.cpuUsage();
  const postgresBefore = postgresCpuSeconds(postgresPid);
  const machineBefore = machineJiffies();

  const started = now();
  const fired: Promise<void>[] = [];
  let lastDecided = started;
  for (const [index, row] of rows.entries()) {
    const waitMs = msBetween(now(), started + BigInt(Math.round(index * intervalNs)));
    if (waitMs > 0) await sleep(waitMs);
    lastDecided = now();
    fired.push(
      plan.side.fire(row).then(({ decidedAt, eventAt, error }) => {
        events.set(row.id, eventAt);
        eventDelaysMs.push(msBetween(decidedAt, eventAt));
        if (error !== null) sendErrors.push(error);
      }),
    );
  }
  await Promise.all(fired);
  const until = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < until) {
    await log.collect();
    if (log.tally(ids).lost === 0) break;
    await sleep(POLL_MS);
  }
  await plan.side.settle(ids, Math.max(0, until - Date.now()));

  const cpu = process.cpuUsage(cpuBefore);
  const postgresCpu = postgresCpuSeconds(postgresPid) - postgresBefore;
  const lagsMs: number[] = [];
  let firstEvent: bigint | null = null;
  let lastAccepted: bigint | null = null;
  let bytes = 0;
  for (const id of ids) {
    const eventAt = events.get(id);
    const acceptance = log.byId.get(id)?.[0];
    if (eventAt === undefined || acceptance === undefined) continue;
    lagsMs.push(msBetween(eventAt, acceptance.acceptedAt));
    bytes += acceptance.bytes;
    if (firstEvent === null || eventAt < firstEvent) firstEvent = eventAt;
    if (lastAccepted === null || acceptance.acceptedAt > lastAccepted) lastAccepted = acceptance.acceptedAt;
  }
  const windowSeconds = firstEvent !== null && lastAccepted !== null ? msBetween(firstEvent, lastAccepted) / 1000 : 0;
  return {
    side: plan.side.name,
    ids,
    lagsMs,
    eventDelaysMs,
    accepted: lagsMs.length,
    lost: count - lagsMs.length,
    sendErrors,
    windowSeconds,
    deliveriesPerSecond: windowSeconds > 0 ? lagsMs.length / windowSeconds : 0,
    offeredPerSecond: count > 1 ? (count - 1) / (msBetween(started, lastDecided) / 1000) : 0,
    meanMailBytes: lagsMs.length > 0 ? bytes / lagsMs.length : 0,
    processCpuMsPerMail: (cpu.user + cpu.system) / 1000 / count,
    postgresCpuMsPerMail: (postgresCpu * 1000) / count,
    machineBusy: utilizationBetween(machineBefore, machineJiffies()),
  };
}

/** Nearest-rank percentile of an ascending sample. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/** One side's figures over its measured rounds (lags pooled, rates over the summed windows). */
export function sideFigures(rounds: readonly RoundResult[]) {
  const lags = rounds.flatMap((result) => result.lagsMs).sort((a, b) => a - b);
  const delays = rounds.flatMap((result) => result.eventDelaysMs).sort((a, b) => a - b);
  const accepted = rounds.reduce((sum, result) => sum + result.accepted, 0);
  const window = rounds.reduce((sum, result) => sum + result.windowSeconds, 0);
  const mean = (pick: (result: RoundResult) => number) =>
    round(rounds.reduce((sum, result) => sum + pick(result), 0) / rounds.length, 2);
  return {
    notifications: rounds.reduce((sum, result) => sum + result.ids.length, 0),
    accepted,
    lost: rounds.reduce((sum, result) => sum + result.lost, 0),
    sendErrors: rounds.flatMap((result) => result.sendErrors).slice(0, 5),
    deliveriesPerSecond: round(window > 0 ? accepted / window : 0, 2),
    deliveriesPerSecondByRound: rounds.map((result) => round(result.deliveriesPerSecond, 2)),
    offeredPerSecondByRound: rounds.map((result) => round(result.offeredPerSecond, 2)),
    lagMs: {
      samples: lags.length,
      p50: round(percentile(lags, 0.5), 1),
      p95: round(percentile(lags, 0.95), 1),
      p99: round(percentile(lags, 0.99), 1),
      max: round(lags.at(-1) ?? Number.NaN, 1),
      p99ByRound: rounds.map((result) =>
        round(
          percentile(
            [...result.lagsMs].sort((a, b) => a - b),
            0.99,
          ),
          1,
        ),
      ),
    },
    producerToEventMs: {
      p50: round(percentile(delays, 0.5), 2),
      p99: round(percentile(delays, 0.99), 2),
    },
    meanMailBytes: Math.round(mean((result) => result.meanMailBytes)),
    processCpuMsPerMail: mean((result) => result.processCpuMsPerMail),
    postgresCpuMsPerMail: mean((result) => result.postgresCpuMsPerMail),
    machineBusy: mean((result) => result.machineBusy),
  };
}

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds of one Postgres server: its postmaster and its live children (backends, walwriter…),
 * plus what the postmaster reaped from exited ones. Other Postgres servers on the machine (other
 * engineers' tests) are left out, unlike `programCpuSeconds`. Linux only; 0 elsewhere.
 */
export function postgresCpuSeconds(postmaster: number | undefined): number {
  if (postmaster === undefined) return 0;
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return 0;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid ... utime stime cutime cstime": fields after comm, from state at 0.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) !== postmaster && Number(fields[1]) !== postmaster) continue;
    ticks += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  }
  return ticks / TICKS_PER_SECOND;
}
