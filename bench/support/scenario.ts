/** A benchmark scenario: measures baseline and candidate in one run and reports ratios. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  run(options: { readonly smoke: boolean }): Promise<void>;
}

/**
 * A size a scenario reads from the environment (e.g. BENCH_THROUGHPUT_STAFF=6), or `fallback`
 * when unset; anything but a whole number of at least 1 stops the scenario, saying what it counts.
 */
export function sizeFromEnvironment(name: string, fallback: number, counts: string): number {
  const value = process.env[name];
  if (value === undefined) return fallback;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`${name}=${value}: give a whole number of ${counts}, e.g. ${fallback}`);
  }
  return size;
}
