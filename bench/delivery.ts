import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { type Dispatcher, startDispatcher } from '../channels/dispatcher';
import { createMailer } from '../channels/smtp';
import {
  AcceptanceLog,
  baselineSide,
  candidateSide,
  percentile,
  type RoundPlan,
  type RoundResult,
  runRound,
  type Side,
  sideFigures,
} from './support/delivery-load';
import { MAIL_FROM, PUBLIC_URL, seedDelivery } from './support/delivery-seed';
import { BenchSmtpServer } from './support/delivery-smtp';
import { startBenchDatabase } from './support/environment';
import { report, target } from './support/report';
import type { Scenario } from './support/scenario';
import { sizeFromEnvironment } from './support/scenario';
import { ratio, round } from './support/stats';

export interface DeliveryRunSize {
  /** Notifications produced per second, on both sides. */
  readonly perSecond: number;
  /** Measured seconds per side, split into rounds in ABBA order (baseline, candidate, candidate, baseline). */
  readonly secondsPerSide: number;
  readonly roundsPerSide: number;
  readonly warmupSeconds: number;
  /** People the notifications go to, in turn. */
  readonly people: number;
}

const RATE = 50;
const FULL: DeliveryRunSize = { perSecond: RATE, secondsPerSide: 60, roundsPerSide: 6, warmupSeconds: 3, people: 50 };
const SMOKE: DeliveryRunSize = { perSecond: RATE, secondsPerSide: 3, roundsPerSide: 1, warmupSeconds: 1, people: 10 };
/** How much later than the bare sender a p99 mail may be accepted: see bench/README.md, 8. */
const P99_LAG_ALLOWANCE_MS = 250;

const log = (line: string) => console.log(line);

export const deliveryScenario: Scenario = {
  name: 'delivery',
  description: `outbox row → mail accepted by SMTP at ${RATE} notifications/s, against nodemailer sending the same mails`,
  run: ({ smoke }) =>
    measureDelivery(
      smoke
        ? SMOKE
        : {
            ...FULL,
            perSecond: sizeFromEnvironment('BENCH_DELIVERY_RATE', RATE, 'notifications per second'),
            secondsPerSide: sizeFromEnvironment('BENCH_DELIVERY_SECONDS', FULL.secondsPerSide, 'seconds per side'),
          },
      smoke,
    ),
};

/** One run at any size; `smoke` only prints. */
export async function measureDelivery(size: DeliveryRunSize, smoke: boolean): Promise<void> {
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const { postgres, db } = await startBenchDatabase('delivery', cleanups);
    const seed = await seedDelivery(db, size.people);

    const smtp = await BenchSmtpServer.start();
    cleanups.push(() => smtp.close());
    const producer = new Pool({ connectionString: postgres.url, max: 4 });
    producer.on('error', (error) => console.error(`  producer pool: ${error.message}`));
    cleanups.push(() => producer.end());
    const baselineMailer = createMailer({ smtpUrl: smtp.url, from: MAIL_FROM });
    cleanups.push(async () => baselineMailer.close());
    // Stopping the dispatcher closes its mailer.
    const dispatcher: Dispatcher = startDispatcher({
      db,
      mailer: createMailer({ smtpUrl: smtp.url, from: MAIL_FROM }),
      publicUrl: PUBLIC_URL,
      log: (line) => console.error(`  dispatcher: ${line}`),
    });
    cleanups.push(() => dispatcher.stop());

    const baseline = baselineSide(baselineMailer);
    const candidate = candidateSide(producer);
    const acceptances = new AcceptanceLog(smtp);
    const run = (side: Side, tag: string, seconds: number) => {
      const plan: RoundPlan = { side, tag, seconds, perSecond: size.perSecond };
      return runRound(plan, seed, acceptances, postgres.pid);
    };

    log(`  warming up each side for ${size.warmupSeconds} s at ${size.perSecond}/s`);
    const warmups = [await run(baseline, 'warmup-b', size.warmupSeconds)];
    warmups.push(await run(candidate, 'warmup-c', size.warmupSeconds));
    const order = abba(size.roundsPerSide, baseline, candidate);
    const seconds = size.secondsPerSide / size.roundsPerSide;
    const rounds: RoundResult[] = [];
    for (const [index, side] of order.entries()) {
      const result = await run(side, `r${index}`, seconds);
      rounds.push(result);
      log(
        `  round ${index + 1}/${order.length} ${side.name}: ${result.accepted}/${result.ids.length} accepted, ` +
          `${round(result.deliveriesPerSecond, 1)}/s, lag p99 ${round(percentile(sorted(result.lagsMs), 0.99), 1)} ms, ` +
          `machine ${Math.round(result.machineBusy * 100)}% busy`,
      );
    }
    // A mail sent twice would most likely come right after its first: give it a moment to show.
    await sleep(1_000);
    await acceptances.collect();

    const candidateRounds = rounds.filter((result) => result.side === 'candidate');
    const baselineRounds = rounds.filter((result) => result.side === 'baseline');
    const candidateIds = [...warmups, ...candidateRounds].filter((r) => r.side === 'candidate').flatMap((r) => r.ids);
    const baselineIds = [...warmups, ...baselineRounds].filter((r) => r.side === 'baseline').flatMap((r) => r.ids);
    const candidateFigures = { ...sideFigures(candidateRounds), ...(await recorded(db, candidateIds)) };
    const baselineFigures = sideFigures(baselineRounds);
    const candidateMails = acceptances.tally(candidateIds);
    const baselineMails = acceptances.tally(baselineIds);

    const figures = {
      postgres: (await producer.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version,
      load: {
        notificationsPerSecond: size.perSecond,
        secondsPerSide: size.secondsPerSide,
        rounds: order.map((side) => side.name),
        warmupSecondsPerSide: size.warmupSeconds,
        people: size.people,
        notification:
          "kind 'assigned', recipient user:<id>, facts {taskTitle, dueAt, actor}; half the people fr/Europe/Paris, half en/America/New_York",
        smtp: 'smtp-server in a worker thread on 127.0.0.1, no auth, no STARTTLS; acceptance stamped at the final dot',
        lag: {
          candidate: 'SMTP acceptance − the producer’s INSERT commit acknowledged (one statement, its own transaction)',
          baseline: 'SMTP acceptance − the instant the producer decided to send',
        },
        deliveriesPerSecond: 'mails accepted / (last acceptance − first event), summed over the side’s rounds',
      },
      baseline: {
        ...baselineFigures,
        sender:
          'channels/smtp.ts createMailer (nodemailer, pooled: 5 connections) called at once with the rendered mail',
        mailsLost: baselineMails.lost,
        mailsDuplicated: baselineMails.duplicated,
      },
      candidate: {
        ...candidateFigures,
        sender:
          'channels/dispatcher.ts startDispatcher, woken by the outbox trigger (LISTEN/NOTIFY), its own createMailer',
        mailsLost: candidateMails.lost,
        mailsDuplicated: candidateMails.duplicated,
      },
      strayMails: acceptances.stray,
      deliveriesPerSecondRatio: ratio(candidateFigures.deliveriesPerSecond, baselineFigures.deliveriesPerSecond),
      lagP50Ratio: ratio(candidateFigures.lagMs.p50, baselineFigures.lagMs.p50),
      lagP99Ratio: ratio(candidateFigures.lagMs.p99, baselineFigures.lagMs.p99),
      lagP99ExtraMs: round(candidateFigures.lagMs.p99 - baselineFigures.lagMs.p99, 1),
    };
    report(
      'delivery',
      figures,
      [
        target('deliveries/s, candidate / baseline', figures.deliveriesPerSecondRatio, '>=', 0.8),
        target('lag p99, candidate − baseline (ms)', figures.lagP99ExtraMs, '<=', P99_LAG_ALLOWANCE_MS),
        target(
          'notifications not delivered exactly once (lost, duplicated, not recorded delivered)',
          candidateMails.lost +
            candidateMails.duplicated +
            candidateFigures.notDelivered +
            candidateFigures.deliveriesNotDeliveredOnce +
            baselineMails.lost +
            baselineMails.duplicated,
          '<=',
          0,
        ),
      ],
      smoke,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`  cleanup failed: ${String(error)}`);
      }
    }
  }
}

/** a b b a a b b a…: drift in the machine falls on both sides alike. */
function abba(roundsPerSide: number, a: Side, b: Side): Side[] {
  return Array.from({ length: roundsPerSide * 2 }, (_, index) => ((index + 1) % 4 < 2 ? a : b));
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((x, y) => x - y);
}

/** What the dispatcher recorded for its notifications: each delivered, through one delivery tried once. */
async function recorded(db: DataSource, ids: readonly string[]) {
  const [row]: { not_delivered: number; deliveries: number; not_once: number; attempts: number }[] = await db.query(
    `SELECT (SELECT count(*)::int FROM notifications WHERE id = ANY($1) AND delivered_at IS NULL) AS not_delivered,
            (SELECT count(*)::int FROM deliveries WHERE notification_id = ANY($1)) AS deliveries,
            (SELECT count(*)::int FROM notifications n WHERE n.id = ANY($1) AND 1 <> (
               SELECT count(*) FROM deliveries d
                WHERE d.notification_id = n.id AND d.status = 'delivered' AND d.attempts = 1)) AS not_once,
            (SELECT coalesce(sum(attempts), 0)::int FROM deliveries WHERE notification_id = ANY($1)) AS attempts`,
    [ids],
  );
  return {
    notificationsChecked: ids.length,
    notDelivered: row?.not_delivered ?? ids.length,
    deliveryRows: row?.deliveries ?? 0,
    deliveriesNotDeliveredOnce: row?.not_once ?? ids.length,
    sendAttempts: row?.attempts ?? 0,
  };
}
