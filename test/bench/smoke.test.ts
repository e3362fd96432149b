import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SCENARIOS = [
  'interpreter',
  'turnaround',
  'throughput',
  'inbox',
  'compiler',
  'parked',
  'chaos',
  'delivery',
  'web-inbox',
];

/** Benchmarks are not timed tests; this only keeps every scenario runnable as the code changes. */
describe('the benchmarks', () => {
  it('all run end to end at smoke size', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 540_000,
      maxBuffer: 64 * 2 ** 20,
    });
    const reported = SCENARIOS.filter((name) => run.stdout.includes(`== ${name} (smoke run`));
    expect(run.stderr.match(/scenario \S+ failed/g) ?? []).toEqual([]);
    expect(reported).toEqual(SCENARIOS);
    expect(run.status).toBe(0);
  }, 600_000);
});
