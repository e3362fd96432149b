import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { round, summarize } from './stats';

export interface HttpTarget {
  readonly name: string;
  readonly url: string;
  /** Cycled through by every connection. */
  readonly requests: autocannon.Request[];
}

export interface LoadPlan {
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly roundSeconds: number;
  readonly rounds: number;
}

export interface RoundFigures {
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Non-2xx responses, connection errors and timeouts. */
  readonly failed: number;
}

/**
 * Warms each target up, then loads them in alternating rounds (a, b, a, b...) so drift in the
 * machine (other work, caches, autovacuum) falls on both alike. autocannon runs in a worker
 * thread: on the server's own event loop it would steal the time it measures.
 */
export async function alternatingRounds(
  targets: readonly HttpTarget[],
  plan: LoadPlan,
  log: (line: string) => void,
): Promise<Map<string, RoundFigures[]>> {
  for (const target of targets) {
    log(`  warming up ${target.name} for ${plan.warmupSeconds} s`);
    await load(target, plan.connections, plan.warmupSeconds);
  }
  const rounds = new Map<string, RoundFigures[]>(targets.map((target) => [target.name, []]));
  for (let index = 1; index <= plan.rounds; index++) {
    for (const target of targets) {
      const figures = await load(target, plan.connections, plan.roundSeconds);
      rounds.get(target.name)?.push(figures);
      log(
        `  round ${index}/${plan.rounds} ${target.name}: ${figures.requestsPerSecond} req/s, ` +
          `p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms, ${figures.failed} failed`,
      );
    }
  }
  return rounds;
}

const SETTLE_MS = 500;

async function load(target: HttpTarget, connections: number, seconds: number): Promise<RoundFigures> {
  const result = await autocannon({
    url: target.url,
    requests: target.requests,
    connections,
    duration: seconds,
    workers: 1,
  });
  // autocannon resolves with requests still in the server: let them finish before the next load.
  await sleep(SETTLE_MS);
  return {
    requestsPerSecond: round(result.requests.average, 1),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** Median over rounds of each round's figures. */
export function acrossRounds(rounds: readonly RoundFigures[]) {
  return {
    requestsPerSecond: round(summarize(rounds.map((r) => r.requestsPerSecond)).median, 1),
    latencyP50Ms: summarize(rounds.map((r) => r.latencyP50Ms)).median,
    latencyP99Ms: summarize(rounds.map((r) => r.latencyP99Ms)).median,
    failed: rounds.reduce((total, r) => total + r.failed, 0),
    requestsPerSecondByRound: rounds.map((r) => r.requestsPerSecond),
    latencyP99MsByRound: rounds.map((r) => r.latencyP99Ms),
  };
}
