import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { type BatonUnderTest, startBatonUnderTest } from './support/baton-under-test';
import { startBenchEnvironment } from './support/environment';
import { report, target } from './support/report';
import type { Scenario } from './support/scenario';
import { ratio, round, summarize } from './support/stats';
import { pingUpdate, stopUpdate, trivialWorkflow } from './support/trivial-workflows';

/** Two steps in two departments: completing the first opens the second. */
const RELAY = `
process: relay
title: Relay
owner: operations
input: { type: object }
tasks:
  - id: first
    title: First
    department: logistics
    due: 1d
  - id: second
    title: Second
    department: it
    after: [first]
    due: 1d
`;

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface TurnaroundSamples {
  /** From POST /tasks/:id/complete to the dependent task listed in its department's inbox. */
  readonly turnaround: number[];
  /** The POST alone: the completion Update, the write and the dependents opened. */
  readonly completion: number[];
}

async function measureTurnaround(under: BatonUnderTest, samples: number, into: TurnaroundSamples): Promise<void> {
  const manager = await under.user('manager');
  const logistics = await under.user('staff', 'logistics');
  const it = await under.user('staff', 'it');
  for (let sample = 0; sample < samples; sample++) {
    const started = await manager.post('/definitions/relay/instances', { input: {} });
    const id: string = started.body.id;
    const start = process.hrtime.bigint();
    const completed = await logistics.post(`/tasks/${id}.first/complete`, { output: {} });
    if (completed.status !== 200) throw new Error(`completion failed: ${JSON.stringify(completed.body)}`);
    into.completion.push(elapsedMs(start));
    for (;;) {
      const inbox = await it.get(`/tasks?status=open&instance=${id}`);
      if (inbox.body.items.some((task: { stepId: string }) => task.stepId === 'second')) break;
    }
    into.turnaround.push(elapsedMs(start));
    await it.post(`/tasks/${id}.second/complete`, { output: {} });
  }
}

/** The floor: an Update to a workflow that answers at once, on the same server, from the same process. */
async function measureBareUpdate(address: string, samples: number): Promise<number[]> {
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue: 'bench-trivial',
    workflowsPath: path.join(__dirname, 'support', 'trivial-workflows.ts'),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const handle = await client.workflow.start(trivialWorkflow, {
    taskQueue: 'bench-trivial',
    workflowId: `ping-${Date.now()}`,
  });
  const durations: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const start = process.hrtime.bigint();
    await handle.executeUpdate(pingUpdate, { args: ['ping'] });
    durations.push(elapsedMs(start));
  }
  await handle.executeUpdate(stopUpdate);
  worker.shutdown();
  await running;
  await connection.close();
  await workerConnection.close();
  return durations;
}

/**
 * The database floor, for reading the figures: one committed write of a task-sized row, as the
 * completion's local activity makes (Postgres waits for the WAL to reach the disk).
 */
async function measureCommit(db: DataSource, samples: number): Promise<number[]> {
  await db.query('CREATE TABLE IF NOT EXISTS bench_commit_floor (id serial PRIMARY KEY, payload jsonb)');
  const durations: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const start = process.hrtime.bigint();
    await db.query('INSERT INTO bench_commit_floor (payload) VALUES ($1)', [JSON.stringify({ sample, output: {} })]);
    durations.push(elapsedMs(start));
  }
  return durations;
}

export const turnaroundScenario: Scenario = {
  name: 'turnaround',
  description: 'POST /tasks/:id/complete until the dependent task is in its inbox, against a bare Update round-trip',
  async run({ smoke }) {
    // A p99 over 1,000 samples rests on the 10 slowest, not on 3.
    const samples = smoke ? 5 : 1_000;
    const warmup = smoke ? 2 : 50;
    const environment = await startBenchEnvironment('turnaround');
    const under = await startBatonUnderTest(environment, { 'relay.yaml': RELAY });
    try {
      console.log('warming up...');
      await measureTurnaround(under, warmup, { turnaround: [], completion: [] });
      await measureBareUpdate(environment.temporalAddress, warmup);
      console.log(`measuring ${samples} samples of each, alternating halves...`);
      const half = Math.ceil(samples / 2);
      // Bare, Baton, bare, Baton: a drift over the run (a growing SQLite file) hits both alike.
      const bare: number[] = [];
      const baton: TurnaroundSamples = { turnaround: [], completion: [] };
      for (let pass = 0; pass < 2; pass++) {
        bare.push(...(await measureBareUpdate(environment.temporalAddress, half)));
        await measureTurnaround(under, half, baton);
      }
      const candidate = summarize(baton.turnaround);
      const completion = summarize(baton.completion);
      const baseline = summarize(bare);
      const commit = summarize(await measureCommit(under.baton.context.db, samples));
      const figures = {
        turnaroundMs: { median: round(candidate.median), p99: round(candidate.p99), samples: candidate.samples },
        completionPostMs: { median: round(completion.median), p99: round(completion.p99) },
        bareUpdateMs: { median: round(baseline.median), p99: round(baseline.p99), samples: baseline.samples },
        committedInsertMs: { median: round(commit.median), p99: round(commit.p99), samples: commit.samples },
        p50Ratio: ratio(candidate.median, baseline.median),
        p99Ratio: ratio(candidate.p99, baseline.p99),
      };
      report('turnaround', figures, [target('p99 turnaround / p99 bare update', figures.p99Ratio, '<=', 2)], smoke);
    } finally {
      await under.stop();
      await environment.stop();
    }
  },
};
