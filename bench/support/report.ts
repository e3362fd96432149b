import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The machine a figure came from: figures mean nothing without it. */
export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    temporalCli: temporalCliVersion(),
  };
}

function temporalCliVersion(): string {
  try {
    return execFileSync('temporal', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly measured: number;
  readonly met: boolean;
}

export function target(name: string, measured: number, comparison: '<=' | '>=', bound: number): TargetCheck {
  return {
    name,
    target: `${comparison} ${bound}`,
    measured,
    met: comparison === '<=' ? measured <= bound : measured >= bound,
  };
}

/** Prints a scenario's figures and writes them to bench/results/<scenario>.json (smoke runs print only). */
export function report(
  scenario: string,
  figures: Record<string, unknown>,
  targets: readonly TargetCheck[],
  smoke: boolean,
) {
  const result = { scenario, date: new Date().toISOString(), smoke, machine: machine(), figures, targets };
  console.log(`\n== ${scenario}${smoke ? ' (smoke run: sizes too small to mean anything)' : ''}`);
  console.log(JSON.stringify(figures, null, 2));
  for (const check of targets) {
    console.log(`  ${check.met ? 'MET   ' : 'MISSED'} ${check.name}: ${check.measured} (target ${check.target})`);
  }
  if (!smoke) {
    const file = path.join(__dirname, '..', 'results', `${scenario}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`  written to ${path.relative(process.cwd(), file)}`);
  }
  return result;
}

/** `--smoke` makes every scenario tiny, for CI to keep them from rotting. */
export function isSmoke(argv: readonly string[] = process.argv): boolean {
  return argv.includes('--smoke');
}
