import type { WorkerProcess } from './parked-worker-process';
import { round, summarize } from './stats';

const PROGRESS_EVERY_MS = 10_000;

export interface Batch {
  readonly started: number;
  readonly failed: number;
  readonly startsPerSecond: number;
  readonly startLatencyMs: { readonly median: number; readonly p99: number };
  readonly firstError?: string;
}

/** Runs `count` starts, `concurrency` at a time, printing progress; failures are counted, not thrown. */
export async function startMany(
  label: string,
  count: number,
  concurrency: number,
  worker: WorkerProcess,
  startOne: () => Promise<void>,
): Promise<Batch> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const progress = setInterval(() => {
    const rate = latencies.length / ((performance.now() - begin) / 1000);
    console.log(
      `  ${label}: ${latencies.length + failed}/${count}, ${round(rate, 1)}/s, ${failed} failed, worker RSS ${Math.round(worker.currentRssMiB())} MiB`,
    );
  }, PROGRESS_EVERY_MS);
  const lane = async () => {
    while (next < count) {
      next++;
      const start = performance.now();
      try {
        await startOne();
        latencies.push(performance.now() - start);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  } finally {
    clearInterval(progress);
  }
  const seconds = (performance.now() - begin) / 1000;
  const latency = latencies.length > 0 ? summarize(latencies) : { median: Number.NaN, p99: Number.NaN };
  return {
    started: latencies.length,
    failed,
    startsPerSecond: round(latencies.length / seconds, 1),
    startLatencyMs: { median: round(latency.median), p99: round(latency.p99) },
    ...(firstError === undefined ? {} : { firstError }),
  };
}
