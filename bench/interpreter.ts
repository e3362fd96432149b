import { createHash } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { migrate, openDatabase } from '../db/data-source';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { BATON_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { PROCESS_STEPS } from './handwritten/workflows';
import { SQLITE_PRAGMAS, startBenchEnvironment } from './support/environment';
import {
  type DriverContext,
  historyEventTypes,
  historyFigures,
  type RoundResult,
  runRound,
  type Side,
} from './support/interpreter-driver';
import {
  compileInterpreterProcess,
  DEPARTMENTS,
  interpreterProcessYaml,
  PROCESS_KEY,
} from './support/interpreter-process';
import { startWorkerProcess } from './support/interpreter-worker';
import { report, target } from './support/report';
import { type Scenario, sizeFromEnvironment } from './support/scenario';
import { ratio, round, summarize } from './support/stats';

interface Sizes {
  readonly instances: number;
  readonly concurrency: number;
  /** Measured rounds of each side, after one warm-up round of each. */
  readonly rounds: number;
}

/**
 * Full size keeps the whole scenario under ~5 minutes on the 2-core machine;
 * BENCH_INTERPRETER_INSTANCES changes the processes per round (e.g. a quicker look).
 */
const FULL: Sizes = { instances: 30, concurrency: 10, rounds: 3 };
const SMOKE: Sizes = { instances: 3, concurrency: 3, rounds: 1 };

export const interpreterScenario: Scenario = {
  name: 'interpreter',
  description:
    "a 30-step process (3 parallel branches, joins, 1-day deadline timers) run by Baton's interpreter from YAML, against a hand-written Temporal workflow doing the same activities, updates and timers",
  async run({ smoke }) {
    const sizes = smoke
      ? SMOKE
      : {
          ...FULL,
          instances: sizeFromEnvironment('BENCH_INTERPRETER_INSTANCES', FULL.instances, 'processes per round'),
        };
    const log = (line: string) => console.log(line);
    log('  starting Temporal (persisted, WAL) and Postgres...');
    const environment = await startBenchEnvironment('interpreter');
    const stops: (() => Promise<void>)[] = [() => environment.stop()];
    try {
      const db = await openDatabase(environment.databaseUrl);
      stops.push(() => db.destroy());
      await migrate(db);
      const source = interpreterProcessYaml();
      const plan = compileInterpreterProcess(source);
      await db.query(
        'INSERT INTO departments (id, name) SELECT id, id FROM unnest($1::text[]) AS id ON CONFLICT DO NOTHING',
        [DEPARTMENTS],
      );
      await db.query(
        `INSERT INTO definitions (key, version, checksum, title, owner, source, plan, deployed_by)
         VALUES ($1, 1, $2, $3, $4, $5, $6, 'bench')`,
        [PROCESS_KEY, createHash('sha256').update(source).digest('hex'), plan.title, plan.owner, source, plan],
      );

      const connection = await Connection.connect({ address: environment.temporalAddress });
      stops.push(() => connection.close());
      await ensureSearchAttributes(connection, 'default', BATON_SEARCH_ATTRIBUTES);
      const client = new Client({ connection, namespace: 'default' });

      log('  starting the worker process (bundling both workflows)...');
      const workers = await startWorkerProcess(environment.temporalAddress, environment.databaseUrl);
      stops.push(() => workers.stop());
      const context: DriverContext = { client, db, plan, workers, log };

      const play = async (side: Side, label: string): Promise<RoundResult> => {
        const result = await runRound(context, side, sizes.instances, sizes.concurrency);
        log(
          `  ${label} ${side}: ${result.instanceIds.length} processes in ${round(result.seconds)} s, ` +
            `${round(result.instanceIds.length / result.seconds)} processes/s, ` +
            `${round(result.workerCpuSeconds / result.instanceIds.length, 4)} worker CPU-s/process ` +
            `(Temporal ${round(result.programCpuSeconds.temporal / result.instanceIds.length, 4)}, ` +
            `Postgres ${round(result.programCpuSeconds.postgres / result.instanceIds.length, 4)}, ` +
            `driver ${round(result.driverCpuSeconds / result.instanceIds.length, 4)})`,
        );
        return result;
      };
      await play('baseline', 'warm-up');
      await play('candidate', 'warm-up');
      const results: Record<Side, RoundResult[]> = { baseline: [], candidate: [] };
      for (let pair = 0; pair < sizes.rounds; pair++) {
        // ABBA order, so a drift over the run (a growing SQLite file) hits both sides alike.
        const order: Side[] = pair % 2 === 0 ? ['baseline', 'candidate'] : ['candidate', 'baseline'];
        for (const side of order) results[side].push(await play(side, `round ${pair + 1}/${sizes.rounds}`));
      }

      log('  reading the histories...');
      const baseline = await sideFigures(client, results.baseline);
      const candidate = await sideFigures(client, results.candidate);
      const lastOf = (side: Side) => results[side].at(-1)?.instanceIds[0] ?? '';
      const figures = {
        process: {
          steps: PROCESS_STEPS.length,
          shape: 'start, 3 parallel branches of 9 steps joined across at levels 4 and 7, merge, end',
          updatesPerProcess: PROCESS_STEPS.length + 1,
          deadlineTimersPerProcess: PROCESS_STEPS.length,
          planBytes: JSON.stringify(plan).length,
        },
        settings: {
          instancesPerRound: sizes.instances,
          concurrency: sizes.concurrency,
          measuredRoundsEach: sizes.rounds,
          warmUpRoundsEach: 1,
          workers: 'one child process, createBatonWorker defaults, one task queue per workflow, one bundle',
          temporalSqlitePragmas: SQLITE_PRAGMAS,
        },
        baseline: baseline.figures,
        candidate: candidate.figures,
        ratios: {
          throughput: ratio(candidate.throughput, baseline.throughput),
          historyEvents: ratio(candidate.events, baseline.events),
          historyBytes: ratio(candidate.bytes, baseline.bytes),
          workerCpu: ratio(candidate.cpu, baseline.cpu),
          machineCpu: ratio(candidate.machineCpu, baseline.machineCpu),
          completeTaskP99: ratio(candidate.completeTaskP99, baseline.completeTaskP99),
        },
        historyEventTypes: {
          baseline: await historyEventTypes(client, lastOf('baseline')),
          candidate: await historyEventTypes(client, lastOf('candidate')),
        },
      };
      report(
        'interpreter',
        figures,
        [
          target('throughput, candidate / hand-written', figures.ratios.throughput, '>=', 0.9),
          target('history events per process, candidate / hand-written', figures.ratios.historyEvents, '<=', 1.1),
          target('worker CPU per process, candidate / hand-written', figures.ratios.workerCpu, '<=', 1.2),
        ],
        smoke,
      );
    } finally {
      for (const stop of stops.reverse()) await stop();
    }
  },
};

async function sideFigures(client: Client, rounds: readonly RoundResult[]) {
  const throughputs = rounds.map((result) => result.instanceIds.length / result.seconds);
  const cpus = rounds.map((result) => result.workerCpuSeconds / result.instanceIds.length);
  const perProcess = (seconds: (result: RoundResult) => number) =>
    round(summarize(rounds.map((result) => seconds(result) / result.instanceIds.length)).median, 4);
  const events: number[] = [];
  const bytes: number[] = [];
  for (const result of rounds) {
    const history = await historyFigures(client, result.instanceIds);
    events.push(...history.events);
    bytes.push(...history.bytes);
  }
  const throughput = summarize(throughputs).median;
  const machineCpu = perProcess(
    (result) =>
      result.workerCpuSeconds +
      result.programCpuSeconds.temporal +
      result.programCpuSeconds.postgres +
      result.driverCpuSeconds,
  );
  const cpu = summarize(cpus).median;
  const eventsMedian = summarize(events).median;
  const bytesMedian = summarize(bytes).median;
  const start = summarize(rounds.flatMap((result) => result.startMs));
  const completeTask = summarize(rounds.flatMap((result) => result.completeTaskMs));
  return {
    throughput,
    cpu,
    machineCpu,
    events: eventsMedian,
    bytes: bytesMedian,
    completeTaskP99: completeTask.p99,
    figures: {
      processesPerSecond: { median: round(throughput), rounds: throughputs.map((value) => round(value)) },
      historyEventsPerProcess: { median: eventsMedian, min: summarize(events).min, max: summarize(events).max },
      historyBytesPerProcess: { median: bytesMedian },
      workerCpuSecondsPerProcess: { median: round(cpu, 4), rounds: cpus.map((value) => round(value, 4)) },
      // Medians over the rounds: where the rest of the machine's two cores went, per process.
      otherCpuSecondsPerProcess: {
        temporalServer: perProcess((result) => result.programCpuSeconds.temporal),
        postgres: perProcess((result) => result.programCpuSeconds.postgres),
        driver: perProcess((result) => result.driverCpuSeconds),
      },
      machineCpuSecondsPerProcess: machineCpu,
      startUpdateMs: { median: round(start.median), p99: round(start.p99), samples: start.samples },
      completeTaskUpdateMs: {
        median: round(completeTask.median),
        p99: round(completeTask.p99),
        samples: completeTask.samples,
      },
    },
  };
}
