import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { migrate, openDatabase } from '../db/data-source';
import type { Actor } from '../engine/context';
import { calendarsDirectoryOf, type DeployResult, dataDirectoryOf, deployDefinition } from '../engine/definitions';
import { seedDepartments } from '../engine/departments';
import { startInstance } from '../engine/instances';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { WORKFLOW_BUNDLER_OPTIONS } from '../worker';
import { BATON_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { type BenchEnvironment, startBenchEnvironment } from './support/environment';
import { type Batch, startMany } from './support/parked-load';
import { WorkerProcess } from './support/parked-worker-process';
import { parkedBaselineWorkflow, parkedUpdate } from './support/parked-workflows';
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
  /**
   * What the phases park: Baton's site openings (the default), or the trivial workflow from the same
   * bundle and the same start path, to tell the SDK's growth from Baton's at the same cache size.
   */
  readonly workflow?: 'baton' | 'trivial';
  /** The SDK's sandbox options, when not its defaults (one reused V8 context, one workflow thread). */
  readonly reuseV8Context?: boolean;
  readonly workflowThreadPoolSize?: number;
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
  workers: [
    { cache: null },
    { cache: 1_000, mallocArenaMax: 2 },
    { cache: 1_000, mallocArenaMax: 2, workflow: 'trivial' },
  ],
  baselineStarts: 2_000,
  warmup: 50,
  concurrency: 50,
  settleMs: 5_000,
};
const SMOKE: ParkedOptions = {
  phases: [20, 50],
  workers: [{ cache: null }, { cache: 10, mallocArenaMax: 2 }, { cache: 10, mallocArenaMax: 2, workflow: 'trivial' }],
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
}

interface Rss {
  readonly settledMiB: number;
  readonly afterGcMiB: number;
  /** The part of it that is the main thread's V8 heap (activities, the SDK's JS side). */
  readonly mainHeapUsedMiB: number;
  /**
   * The worker threads' V8 heaps (the workflow sandboxes): in use after GC, which is what they
   * retain and does not depend on GC timing as RSS does, and committed, which is part of RSS.
   */
  readonly threadHeapUsedMiB: number;
  readonly threadHeapCommittedMiB: number;
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
    deployedBy: { id: 'bench', name: 'bench', role: 'system' },
    dataDirectory: dataDirectoryOf(path.join(ROOT, 'definitions')),
    calendarsDirectory: calendarsDirectoryOf(path.join(ROOT, 'definitions')),
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
    ...WORKFLOW_BUNDLER_OPTIONS,
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
    { db: bench.db, temporal: bench.temporal, taskQueue, dataDirectory: null, calendarsDirectory: null },
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
      ...(setup.reuseV8Context === undefined ? {} : { reuseV8Context: setup.reuseV8Context }),
      ...(setup.workflowThreadPoolSize === undefined ? {} : { workflowThreadPoolSize: setup.workflowThreadPoolSize }),
    },
    setup.mallocArenaMax === undefined ? {} : { MALLOC_ARENA_MAX: String(setup.mallocArenaMax) },
  );
  bench.workers.add(child);
  // One workflow first, so the idle figures include the workflow thread's sandbox.
  await startTrivial(bench, taskQueue, `parked-first-${taskQueue}`);
  return { process: child, taskQueue };
}

async function stopWorker(bench: Bench, worker: ParkedWorker): Promise<void> {
  bench.workers.delete(worker.process);
  await worker.process.stop();
}

/** RSS as it settles by itself, then after full GCs of every isolate (what the worker retains). */
async function readRss(bench: Bench, worker: ParkedWorker): Promise<Rss> {
  const settledMiB = await worker.process.settledRssMiB(bench.options.settleMs);
  const { mainHeapUsedMiB, threads } = await worker.process.collectGarbage();
  if (threads.length === 0) throw new Error('no worker thread answered: is parked-thread-heap preloaded?');
  return {
    settledMiB,
    afterGcMiB: await worker.process.settledRssMiB(AFTER_GC_WINDOW_MS),
    mainHeapUsedMiB,
    threadHeapUsedMiB: threads.reduce((total, thread) => total + thread.usedMiB, 0),
    threadHeapCommittedMiB: threads.reduce((total, thread) => total + thread.committedMiB, 0),
  };
}

function describeRss(rss: Rss) {
  return {
    settled: round(rss.settledMiB, 1),
    afterGc: round(rss.afterGcMiB, 1),
    mainThreadHeapAfterGc: round(rss.mainHeapUsedMiB, 1),
    workflowThreadsHeapAfterGc: {
      used: round(rss.threadHeapUsedMiB, 1),
      committed: round(rss.threadHeapCommittedMiB, 1),
    },
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

/** What a worker setup changes from the SDK's defaults, for labels and queue names. */
function describeSetup(setup: WorkerSetup): string {
  return [
    setup.mallocArenaMax === undefined ? '' : `, MALLOC_ARENA_MAX=${setup.mallocArenaMax}`,
    setup.reuseV8Context === undefined ? '' : `, reuseV8Context=${setup.reuseV8Context}`,
    setup.workflowThreadPoolSize === undefined ? '' : `, ${setup.workflowThreadPoolSize} workflow threads`,
    setup.workflow === 'trivial' ? ', trivial workflow' : '',
  ].join('');
}

/** One fresh worker set up so, filled to each phase's total of parked site openings (or trivial workflows). */
async function measureWorker(bench: Bench, setup: WorkerSetup, trivial: Batch) {
  const { options } = bench;
  const options_ = describeSetup(setup);
  const queue = `parked-cache-${setup.cache ?? 'default'}${options_.replace(/[^A-Za-z0-9]+/g, '-')}`;
  const worker = await startWorker(bench, queue, setup);
  const size = worker.process.maxCachedWorkflows;
  const label = `cache ${size}${setup.cache === null ? ' (SDK default)' : ''}${options_}`;
  const idle = await readRss(bench, worker);
  console.log(`  ${label}: worker pid ${worker.process.pid}, idle RSS ${round(idle.afterGcMiB, 1)} MiB after GC`);
  const startOne =
    setup.workflow === 'trivial'
      ? () => startTrivial(bench, worker.taskQueue, `${queue}-${++bench.sequence}`)
      : () => startSiteOpening(bench, worker.taskQueue);
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
        workflowHeapAfterGc: round((rss.threadHeapUsedMiB - idle.threadHeapUsedMiB) / cached, 3),
      },
    });
    console.log(
      `  ${label}: ${total} parked, ${batch.startsPerSecond} starts/s, ${batch.failed} failed, RSS ${round(rss.settledMiB, 1)} MiB (${round(rss.afterGcMiB, 1)} after GC; workflow heap ${round(rss.threadHeapUsedMiB, 1)} MiB in use, ${round(rss.threadHeapCommittedMiB, 1)} committed)`,
    );
  }
  await stopWorker(bench, worker);
  const first = phases[0];
  const last = phases.at(-1);
  const growth = (key: 'afterGc' | 'settled' | 'workflowHeapAfterGc') =>
    first && last ? ratio(last.rssPerCachedWorkflowMiB[key], first.rssPerCachedWorkflowMiB[key]) : Number.NaN;
  const figure = {
    workflow: setup.workflow ?? 'baton',
    maxCachedWorkflows: size,
    ...(setup.cache === null ? { heapLimitMiB: worker.process.heapLimitMiB } : {}),
    ...(setup.mallocArenaMax === undefined ? {} : { mallocArenaMax: setup.mallocArenaMax }),
    ...(setup.reuseV8Context === undefined ? {} : { reuseV8Context: setup.reuseV8Context }),
    ...(setup.workflowThreadPoolSize === undefined ? {} : { workflowThreadPoolSize: setup.workflowThreadPoolSize }),
    idleRssMiB: describeRss(idle),
    phases,
    perCachedWorkflowGrowth: {
      afterGc: growth('afterGc'),
      settled: growth('settled'),
      workflowHeapAfterGc: growth('workflowHeapAfterGc'),
    },
  };
  const worstPerCachedMiB = Math.max(...phases.map((phase) => phase.rssPerCachedWorkflowMiB.afterGc));
  const bounded = target(
    `${label}: RSS per cached workflow at ${last?.parked} over at ${first?.parked} parked, after GC (1.0 = bounded by the cache)`,
    growth('afterGc'),
    '<=',
    MAX_GROWTH,
  );
  // RSS after GC moves by a few hundred MiB from run to run (committed V8 pages, malloc arenas);
  // the workflow heap in use after GC is what the sandbox retains, and does not.
  const retained = target(
    `${label}: workflow heap in use per cached workflow at ${last?.parked} over at ${first?.parked} parked, after GC (1.0 = bounded by the cache)`,
    growth('workflowHeapAfterGc'),
    '<=',
    MAX_GROWTH,
  );
  return { label, figure, started, failed, worstPerCachedMiB, bounded, retained };
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
      failed += result.failed;
      // The trivial workflow is the SDK's floor at that cache size, not a Baton figure held to the targets.
      if (setup.workflow === 'trivial') continue;
      parked += result.started;
      worstPerCachedMiB = Math.max(worstPerCachedMiB, result.worstPerCachedMiB);
      checks.push(result.bounded, result.retained);
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
