import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { migrate, openDatabase } from '../db/data-source';
import type { Actor } from '../engine/context';
import { type DeployResult, deployDefinition } from '../engine/definitions';
import { seedDepartments } from '../engine/departments';
import { startInstance } from '../engine/instances';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { BATON_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { type BenchEnvironment, startBenchEnvironment } from './support/environment';
import { type Batch, startMany } from './support/parked-load';
import { WorkerProcess } from './support/parked-worker-process';
import { collectGarbageQuery, parkedBaselineWorkflow, parkedUpdate } from './support/parked-workflows';
import { report, type TargetCheck, target } from './support/report';
import type { Scenario } from './support/scenario';
import { ratio, round } from './support/stats';

export interface WorkerSetup {
  /** `maxCachedWorkflows`; null is the SDK's default (derived from the V8 heap limit). */
  readonly cache: number | null;
  /**
   * glibc's MALLOC_ARENA_MAX for the worker process; unset is glibc's default (8 arenas per
   * core), under which the Rust core's threads fragment memory that evicted workflows freed.
   */
  readonly mallocArenaMax?: number;
}

export interface ParkedOptions {
  /** Instances parked at the end of each phase, in total (warm-up included). */
  readonly phases: readonly number[];
  /** The workers to run the phases on, each fresh, one after the other. */
  readonly workers: readonly WorkerSetup[];
  /** Trivial workflows started for the baseline start rate. */
  readonly baselineStarts: number;
  /** Starts per worker before measuring (JIT, connection pools); they stay parked and count. */
  readonly warmup: number;
  readonly concurrency: number;
  /** The quiet window over which the settled RSS is the median. */
  readonly settleMs: number;
}

const FULL: ParkedOptions = {
  phases: [2_000, 10_000],
  workers: [{ cache: null }, { cache: 1_000, mallocArenaMax: 2 }],
  baselineStarts: 2_000,
  warmup: 50,
  concurrency: 50,
  settleMs: 5_000,
};
const SMOKE: ParkedOptions = {
  phases: [20, 50],
  workers: [{ cache: null }, { cache: 10, mallocArenaMax: 2 }],
  baselineStarts: 20,
  warmup: 5,
  concurrency: 10,
  settleMs: 1_000,
};

const ROOT = path.join(__dirname, '..');
const ACTOR: Actor = { id: 'bench', name: 'Benchmark', role: 'admin', department: null };
/** After a forced GC, RSS is read over this window. */
const AFTER_GC_WINDOW_MS = 1_000;
/** Retained RSS per cached workflow at the last phase over at the first: above this, memory is not bounded. */
const MAX_GROWTH = 1.25;

interface Bench {
  readonly options: ParkedOptions;
  readonly environment: BenchEnvironment;
  readonly db: DataSource;
  readonly temporal: Client;
  readonly definition: DeployResult;
  readonly example: Readonly<Record<string, unknown>>;
  readonly workflowCodePath: string;
  readonly workers: Set<WorkerProcess>;
  sequence: number;
}

interface ParkedWorker {
  readonly process: WorkerProcess;
  readonly taskQueue: string;
  /** A trivial workflow on the worker's queue, queried to collect garbage in the workflow thread. */
  readonly collector: WorkflowHandle;
}

interface Rss {
  readonly settledMiB: number;
  readonly afterGcMiB: number;
  /** The part of it that is the main thread's V8 heap (activities, the SDK's JS side). */
  readonly mainHeapUsedMiB: number;
}

async function prepare(
  options: ParkedOptions,
  environment: BenchEnvironment,
  cleanups: (() => Promise<void>)[],
): Promise<Bench> {
  const db = await openDatabase(environment.databaseUrl);
  cleanups.push(() => db.destroy());
  await migrate(db);
  await seedDepartments(db, path.join(ROOT, 'definitions', 'departments.yaml'));
  const definitionFile = path.join(ROOT, 'definitions', 'site-opening.yaml');
  const definition = await deployDefinition(db, fs.readFileSync(definitionFile, 'utf8'), {
    file: definitionFile,
    deployedBy: 'bench',
  });
  const example: unknown = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'definitions', 'examples', 'site-opening.json'), 'utf8'),
  );
  if (typeof example !== 'object' || example === null) throw new Error('the site-opening example is not an object');
  const connection = await Connection.connect({ address: environment.temporalAddress });
  cleanups.push(() => connection.close());
  await ensureSearchAttributes(connection, 'default', BATON_SEARCH_ATTRIBUTES);
  console.log('  bundling the workflows once, outside the measured worker...');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./support/parked-workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const workflowCodePath = path.join(environment.dataDir, 'workflow-bundle.js');
  fs.writeFileSync(workflowCodePath, code);
  return {
    options,
    environment,
    db,
    temporal: new Client({ connection, namespace: 'default' }),
    definition,
    example: { ...example },
    workflowCodePath,
    workers: new Set(),
    sequence: 0,
  };
}

/** A trivial workflow started as Baton starts its instances: update-with-start, answered at once. */
async function startTrivial(bench: Bench, taskQueue: string, workflowId: string): Promise<void> {
  const start = new WithStartWorkflowOperation(parkedBaselineWorkflow, {
    workflowId,
    workflowIdConflictPolicy: 'FAIL',
    taskQueue,
    args: [],
  });
  await bench.temporal.workflow.executeUpdateWithStart(parkedUpdate, { startWorkflowOperation: start });
}

/** A site opening through Baton's own start path; it answers once the first task is open. */
async function startSiteOpening(bench: Bench, taskQueue: string): Promise<void> {
  const number = ++bench.sequence;
  await startInstance(
    { db: bench.db, temporal: bench.temporal, taskQueue },
    {
      key: bench.definition.key,
      version: bench.definition.version,
      input: { ...bench.example, siteName: `Site ${number}` },
    },
    ACTOR,
  );
}

async function startWorker(bench: Bench, taskQueue: string, setup: WorkerSetup): Promise<ParkedWorker> {
  const child = await WorkerProcess.start(
    {
      temporalAddress: bench.environment.temporalAddress,
      databaseUrl: bench.environment.databaseUrl,
      taskQueue,
      workflowCodePath: bench.workflowCodePath,
      maxCachedWorkflows: setup.cache,
    },
    setup.mallocArenaMax === undefined ? {} : { MALLOC_ARENA_MAX: String(setup.mallocArenaMax) },
  );
  bench.workers.add(child);
  const collectorId = `parked-gc-${taskQueue}`;
  await startTrivial(bench, taskQueue, collectorId);
  return { process: child, taskQueue, collector: bench.temporal.workflow.getHandle(collectorId) };
}

async function stopWorker(bench: Bench, worker: ParkedWorker): Promise<void> {
  bench.workers.delete(worker.process);
  await worker.process.stop();
}

/** RSS as it settles by itself, then after a memory-reducing GC of both isolates (what the worker retains). */
async function readRss(bench: Bench, worker: ParkedWorker): Promise<Rss> {
  const settledMiB = await worker.process.settledRssMiB(bench.options.settleMs);
  if (!(await worker.collector.query(collectGarbageQuery))) throw new Error('gc is not exposed to the workflow thread');
  const mainHeapUsedMiB = await worker.process.collectMainThreadGarbage();
  return { settledMiB, afterGcMiB: await worker.process.settledRssMiB(AFTER_GC_WINDOW_MS), mainHeapUsedMiB };
}

function describeRss(rss: Rss) {
  return {
    settled: round(rss.settledMiB, 1),
    afterGc: round(rss.afterGcMiB, 1),
    mainThreadHeapAfterGc: round(rss.mainHeapUsedMiB, 1),
  };
}

/** The floor: a workflow that only waits, started the same way, on a worker of its own. */
async function measureBaseline(bench: Bench) {
  const { options } = bench;
  const worker = await startWorker(bench, 'parked-baseline', options.workers[0] ?? { cache: null });
  const idle = await readRss(bench, worker);
  const startOne = () => startTrivial(bench, worker.taskQueue, `parked-baseline-${++bench.sequence}`);
  console.log(`  baseline: ${options.warmup} + ${options.baselineStarts} trivial workflows`);
  await startMany('baseline warm-up', options.warmup, options.concurrency, worker.process, startOne);
  const batch = await startMany('baseline', options.baselineStarts, options.concurrency, worker.process, startOne);
  const rss = await readRss(bench, worker);
  const cached = Math.min(options.warmup + options.baselineStarts, worker.process.maxCachedWorkflows);
  // Warms the server, Postgres and this process on Baton's path too, before any Baton figure.
  const batonWarmup = await startMany('Baton warm-up', options.warmup, options.concurrency, worker.process, () =>
    startSiteOpening(bench, worker.taskQueue),
  );
  await stopWorker(bench, worker);
  const figure = {
    ...batch,
    maxCachedWorkflows: worker.process.maxCachedWorkflows,
    idleRssMiB: describeRss(idle),
    rssMiB: describeRss(rss),
    rssPerCachedWorkflowKiB: round(((rss.afterGcMiB - idle.afterGcMiB) * 1024) / cached, 1),
  };
  return { batch, batonWarmup, figure };
}

/** One fresh worker set up so, filled to each phase's total of parked site openings. */
async function measureWorker(bench: Bench, setup: WorkerSetup, trivial: Batch) {
  const { options } = bench;
  const arenas = setup.mallocArenaMax === undefined ? '' : `, MALLOC_ARENA_MAX=${setup.mallocArenaMax}`;
  const worker = await startWorker(bench, `parked-cache-${setup.cache ?? 'default'}${arenas ? '-arenas' : ''}`, setup);
  const size = worker.process.maxCachedWorkflows;
  const label = `cache ${size}${setup.cache === null ? ' (SDK default)' : ''}${arenas}`;
  const idle = await readRss(bench, worker);
  console.log(`  ${label}: worker pid ${worker.process.pid}, idle RSS ${round(idle.afterGcMiB, 1)} MiB after GC`);
  const startOne = () => startSiteOpening(bench, worker.taskQueue);
  const warmup = await startMany(`${label} warm-up`, options.warmup, options.concurrency, worker.process, startOne);
  let started = warmup.started;
  let failed = warmup.failed;
  let parked = options.warmup;
  worker.process.takePeakRssMiB();
  const phases = [];
  for (const total of options.phases) {
    const batch = await startMany(
      `${label}, ${parked} -> ${total}`,
      total - parked,
      options.concurrency,
      worker.process,
      startOne,
    );
    parked = total;
    started += batch.started;
    failed += batch.failed;
    const peakMiB = worker.process.takePeakRssMiB();
    const rss = await readRss(bench, worker);
    const cached = Math.min(total, size);
    phases.push({
      parked: total,
      ...batch,
      startRateOverTrivial: ratio(batch.startsPerSecond, trivial.startsPerSecond),
      cachedWorkflows: cached,
      rssMiB: { ...describeRss(rss), peakWhileStarting: round(peakMiB, 1) },
      rssPerCachedWorkflowMiB: {
        afterGc: round((rss.afterGcMiB - idle.afterGcMiB) / cached, 3),
        settled: round((rss.settledMiB - idle.settledMiB) / cached, 3),
      },
    });
    console.log(
      `  ${label}: ${total} parked, ${batch.startsPerSecond} starts/s, ${batch.failed} failed, RSS ${round(rss.settledMiB, 1)} MiB (${round(rss.afterGcMiB, 1)} after GC)`,
    );
  }
  await stopWorker(bench, worker);
  const first = phases[0];
  const last = phases.at(-1);
  const growth = (key: 'afterGc' | 'settled') =>
    first && last ? ratio(last.rssPerCachedWorkflowMiB[key], first.rssPerCachedWorkflowMiB[key]) : Number.NaN;
  const figure = {
    maxCachedWorkflows: size,
    ...(setup.cache === null ? { heapLimitMiB: worker.process.heapLimitMiB } : {}),
    ...(setup.mallocArenaMax === undefined ? {} : { mallocArenaMax: setup.mallocArenaMax }),
    idleRssMiB: describeRss(idle),
    phases,
    perCachedWorkflowGrowth: { afterGc: growth('afterGc'), settled: growth('settled') },
  };
  const worstPerCachedMiB = Math.max(...phases.map((phase) => phase.rssPerCachedWorkflowMiB.afterGc));
  const bounded = target(
    `${label}: RSS per cached workflow at ${last?.parked} over at ${first?.parked} parked, after GC (1.0 = bounded by the cache)`,
    growth('afterGc'),
    '<=',
    MAX_GROWTH,
  );
  return { label, figure, started, failed, worstPerCachedMiB, bounded };
}

/**
 * Baton's worker runs in a child process (its RSS read from /proc); site openings are started
 * through `startInstance` and left waiting on their first task. RSS per cached workflow is
 * (RSS - idle RSS) / min(parked, cache size); with a cache smaller than the last phase, it
 * should not grow from phase to phase. The floor is a workflow that only waits.
 */
export async function runParked(options: ParkedOptions, smoke: boolean): Promise<void> {
  const environment = await startBenchEnvironment('parked');
  const cleanups: (() => Promise<void>)[] = [];
  let bench: Bench | null = null;
  try {
    bench = await prepare(options, environment, cleanups);
    const baseline = await measureBaseline(bench);
    const figures: Record<string, unknown> = {
      concurrency: options.concurrency,
      baselineTrivialWorkflow: baseline.figure,
    };
    const checks: TargetCheck[] = [];
    let parked = baseline.batonWarmup.started;
    let failed = baseline.batonWarmup.failed;
    let worstPerCachedMiB = 0;
    for (const setup of options.workers) {
      const result = await measureWorker(bench, setup, baseline.batch);
      figures[result.label] = result.figure;
      parked += result.started;
      failed += result.failed;
      worstPerCachedMiB = Math.max(worstPerCachedMiB, result.worstPerCachedMiB);
      checks.push(result.bounded);
    }
    const rows: { open: number }[] = await bench.db.query(
      `SELECT count(*)::int AS open FROM tasks WHERE status = 'open'`,
    );
    const openTasks = rows[0]?.open ?? 0;
    figures.readModel = { parkedInstances: parked, openTasks };
    report(
      'parked',
      figures,
      [
        target('worst RSS per cached workflow after GC, MiB', round(worstPerCachedMiB, 3), '<=', 1),
        ...checks,
        target('failed starts (every worker, up to the last phase)', failed, '<=', 0),
        target('parked instances without their first task open', parked - openTasks, '<=', 0),
      ],
      smoke,
    );
  } finally {
    for (const worker of bench?.workers ?? []) await worker.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
    await environment.stop();
  }
}

export const parkedScenario: Scenario = {
  name: 'parked',
  description:
    '2,000 then 10,000 site openings waiting on humans: worker RSS per cached workflow and start rate, against a workflow that only waits',
  run: ({ smoke }) => runParked(smoke ? SMOKE : FULL, smoke),
};
