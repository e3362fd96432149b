import os from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { CompileResult } from '../../compiler';
import type { InstanceForecast } from '../../forecast/forecast-instance';
import type { ProcessForecast } from '../../forecast/result';
import type { CompileTask, InstancePlanTask, Planned, ProcessPlanTask } from './tasks';

/**
 * Compiling and planning run on worker threads: one owner's heavy file or a plan of a thousand
 * steps must not freeze everyone's inbox, and a thread past its time limit is ended, where a
 * loop on the event loop could not be. Threads are made on first use and kept one warm.
 */
export const COMPUTE_TIME_LIMIT_MS = 10_000;

/** The heap a compute thread may use: a value built past it ends the thread, not the API. */
const COMPUTE_MEMORY_LIMIT_MB = 512;

/** A compilation or plan that ran past COMPUTE_TIME_LIMIT_MS or COMPUTE_MEMORY_LIMIT_MB: its thread was ended. */
export class ComputeLimitError extends Error {}

let pool: Piscina | null = null;

function computePool(): Piscina {
  pool ??= new Piscina({
    filename: path.join(__dirname, 'worker.cjs'),
    minThreads: 1,
    maxThreads: Math.max(2, Math.min(4, os.availableParallelism())),
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: COMPUTE_MEMORY_LIMIT_MB },
  });
  return pool;
}

async function runOffLoop<T>(name: string, task: object): Promise<T> {
  try {
    return (await computePool().run(task, { name, signal: AbortSignal.timeout(COMPUTE_TIME_LIMIT_MS) })) as T;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      throw new ComputeLimitError(`it ran longer than ${COMPUTE_TIME_LIMIT_MS / 1000} s`);
    }
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw new ComputeLimitError(`it needed more than ${COMPUTE_MEMORY_LIMIT_MB} MB of memory`);
    }
    throw error;
  }
}

export function compileOffLoop(task: CompileTask): Promise<CompileResult> {
  return runOffLoop('compile', task);
}

export function planProcessOffLoop(task: ProcessPlanTask): Promise<Planned<ProcessForecast>> {
  return runOffLoop('planProcessTask', task);
}

export function planInstanceOffLoop(task: InstancePlanTask): Promise<Planned<InstanceForecast>> {
  return runOffLoop('planInstanceTask', task);
}

/** Ends the threads; a later use makes new ones. */
export async function closeComputePool(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.destroy();
}
