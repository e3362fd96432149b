import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ThreadHeap } from './parked-thread-heap';
import type { ParkedWorkerCommand, ParkedWorkerReport, ParkedWorkerSettings } from './parked-worker';
import { summarize } from './stats';

const SAMPLE_EVERY_MS = 250;
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

/** The resident set of a process, from /proc/<pid>/status (VmRSS), in MiB. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** Baton's worker in a child process of its own, its RSS sampled every 250 ms. */
export class WorkerProcess {
  private samples: number[] = [];
  private peak = 0;
  private readonly sampler: NodeJS.Timeout;
  private readonly killOnExit = () => this.child.kill('SIGKILL');

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    /** The cache size the worker runs with (the SDK's default when none was given). */
    readonly maxCachedWorkflows: number,
    readonly heapLimitMiB: number,
  ) {
    process.once('exit', this.killOnExit);
    this.sampler = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  /** `env` is added to this process's environment for the child (e.g. MALLOC_ARENA_MAX). */
  static async start(
    settings: ParkedWorkerSettings,
    env: Readonly<Record<string, string>> = {},
  ): Promise<WorkerProcess> {
    // tsx's CommonJS hook, so the child runs the TypeScript sources as `npm run worker` does;
    // --expose-gc lets the scenario collect garbage in every isolate before reading RSS; worker
    // threads inherit these, so parked-thread-heap runs in the SDK's workflow threads too.
    const child = fork(path.join(__dirname, 'parked-worker.ts'), [JSON.stringify(settings)], {
      execArgv: [
        '--require',
        require.resolve('tsx/cjs'),
        '--require',
        path.join(__dirname, 'parked-thread-heap.ts'),
        '--expose-gc',
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...env },
    });
    const ready = await new Promise<Extract<ParkedWorkerReport, { type: 'ready' }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the worker process did not start in time')), READY_TIMEOUT_MS);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`the worker process exited with code ${code} before it was ready`));
      };
      child.once('exit', onExit);
      child.once('message', (report: ParkedWorkerReport) => {
        clearTimeout(timer);
        child.removeListener('exit', onExit);
        if (report.type === 'ready') resolve(report);
        else reject(new Error(`the worker process failed: ${report.type === 'failed' ? report.message : report.type}`));
      });
    });
    if (child.pid === undefined) throw new Error('the worker process has no pid');
    return new WorkerProcess(child, child.pid, ready.maxCachedWorkflows, ready.heapLimitMiB);
  }

  /**
   * Full GCs of the worker's main thread and of its worker threads (the workflow threads);
   * answers the V8 heaps in use afterwards, in MiB.
   */
  async collectGarbage(): Promise<{ mainHeapUsedMiB: number; threads: readonly ThreadHeap[] }> {
    const collected = new Promise<{ mainHeapUsedMiB: number; threads: readonly ThreadHeap[] }>((resolve) => {
      const listener = (report: ParkedWorkerReport) => {
        if (report.type !== 'collected') return;
        this.child.removeListener('message', listener);
        resolve({ mainHeapUsedMiB: report.mainHeapUsedMiB, threads: report.threads });
      };
      this.child.on('message', listener);
    });
    this.send({ type: 'collectGarbage' });
    return collected;
  }

  /** The latest sample. */
  currentRssMiB(): number {
    return this.samples.at(-1) ?? rssMiB(this.pid);
  }

  /** The highest sample since the last call. */
  takePeakRssMiB(): number {
    const peak = this.peak;
    this.peak = 0;
    return peak;
  }

  /** The median RSS over a quiet window, once the last starts have been answered. */
  async settledRssMiB(windowMs: number): Promise<number> {
    this.samples = [];
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    return summarize(this.samples.length > 0 ? this.samples : [rssMiB(this.pid)]).median;
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.send({ type: 'stop' });
      const killer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(killer);
    }
    process.removeListener('exit', this.killOnExit);
  }

  private send(command: ParkedWorkerCommand): void {
    this.child.send(command);
  }

  private sample(): void {
    try {
      const value = rssMiB(this.pid);
      this.samples.push(value);
      this.peak = Math.max(this.peak, value);
    } catch {
      // the process is exiting
    }
  }
}
