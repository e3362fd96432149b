/** Summary of a sample of durations or rates; percentiles by nearest rank. */
export interface Summary {
  readonly samples: number;
  readonly median: number;
  readonly p99: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('cannot summarize an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return {
    samples: sorted.length,
    median: rank(0.5),
    p99: rank(0.99),
    mean: sorted.reduce((total, value) => total + value, 0) / sorted.length,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function ratio(candidate: number, baseline: number): number {
  return Math.round((candidate / baseline) * 100) / 100;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
