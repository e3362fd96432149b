import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, isPortInUse } from '../../infra/ports';

const REPO_ROOT = path.resolve(__dirname, '../..');
const READY_TIMEOUT_MS = 120_000;
const GONE_TIMEOUT_MS = 30_000;

/** `npm start` exactly as a person runs it, in its own process group so the test can clean up after it. */
class NpmStart {
  readonly child: ChildProcess;
  private output = '';

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn('npm', ['start'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('npm start did not spawn');
    return this.child.pid;
  }

  async ready(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!this.output.includes('Baton is running.')) {
      if (this.child.exitCode !== null) throw new Error(`npm start exited ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`npm start is not running after ${READY_TIMEOUT_MS} ms:\n${this.output}`);
      await sleep(200);
    }
  }

  exited(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get log(): string {
    return this.output;
  }
}

/** Every process below `pid` (Baton, the dev server, Postgres, the watchdog), from `ps`. */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child === undefined || parent === undefined) continue;
    parents.set(parent, [...(parents.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const children = parents.get(next) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(200);
  }
  return condition();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function anyInUse(ports: readonly number[]): Promise<boolean> {
  return (await Promise.all(ports.map(isPortInUse))).some(Boolean);
}

/** A free port whose dev-server UI port (+1000) is free too. */
async function freeTemporalPort(): Promise<number> {
  for (;;) {
    const port = await findFreePort();
    if (port + 1000 <= 65535 && !(await isPortInUse(port + 1000))) return port;
  }
}

/** An address of this machine other than loopback, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  let dataRoot: string;
  let env: NodeJS.ProcessEnv;
  let ports: number[];
  const started: NpmStart[] = [];

  function start(): NpmStart {
    const run = new NpmStart(env);
    started.push(run);
    return run;
  }

  /** Asserts that `run` left nothing behind: its processes are gone and its ports free. */
  async function expectNothingLeft(processes: readonly number[]): Promise<void> {
    expect(processes.length).toBeGreaterThanOrEqual(3);
    const gone = await waitUntil(async () => !processes.some(isAlive) && !(await anyInUse(ports)), GONE_TIMEOUT_MS);
    expect(processes.filter(isAlive), 'processes still running').toEqual([]);
    expect(await anyInUse(ports), 'a port is still taken').toBe(false);
    expect(gone).toBe(true);
  }

  beforeAll(async () => {
    dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-npm-start-'));
    fs.chmodSync(dataRoot, 0o755);
    const temporalPort = await freeTemporalPort();
    const [postgresPort, apiPort] = [await findFreePort(), await findFreePort()];
    const [mailSmtpPort, mailWebPort] = [await findFreePort(), await findFreePort()];
    ports = [temporalPort, temporalPort + 1000, postgresPort, apiPort, mailSmtpPort, mailWebPort];
    env = {
      ...process.env,
      BATON_DATA_DIR: path.join(dataRoot, 'data'),
      BATON_TEMPORAL_PORT: String(temporalPort),
      BATON_POSTGRES_PORT: String(postgresPort),
      PORT: String(apiPort),
      BATON_MAIL_CATCHER_SMTP_PORT: String(mailSmtpPort),
      BATON_MAIL_CATCHER_WEB_PORT: String(mailWebPort),
      BATON_SMTP_URL: '',
      BATON_HOST: '',
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      BATON_ADMIN_TOKEN: '',
    };
  });

  afterAll(async () => {
    // Whatever failed above, no process of this test survives it.
    const leftovers = started.flatMap((run) => [run.pid, ...descendantsOf(run.pid)]);
    for (const run of started) {
      try {
        process.kill(-run.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const pid of leftovers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }, 60_000);

  it('stops its Temporal, Postgres and mail catcher on SIGTERM and SIGINT, and starts again on the same ports', async () => {
    const first = start();
    await first.ready();
    const apiPort = Number(env.PORT);
    expect(await connects('127.0.0.1', apiPort)).toBe(true);
    const external = externalAddress();
    if (external) expect(await connects(external, apiPort), `the API answers on ${external}`).toBe(false);
    const dataDir = String(env.BATON_DATA_DIR);
    expect(fs.statSync(path.join(dataDir, 'temporal.db')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    const mailCatcher = `http://127.0.0.1:${env.BATON_MAIL_CATCHER_WEB_PORT}`;
    expect(first.log).toContain(`Mail catcher  ${mailCatcher}   (every mail Baton sends)`);
    expect(first.log).toContain(`SMTP          smtp://127.0.0.1:${env.BATON_MAIL_CATCHER_SMTP_PORT}`);
    expect((await fetch(mailCatcher, { headers: { accept: 'text/html' } })).status).toBe(200);
    const webApp = `http://127.0.0.1:${apiPort}/app/`;
    expect(first.log).toContain(`Web app       ${webApp}`);
    expect((await fetch(webApp)).headers.get('content-type')).toContain('text/html');

    const processes = descendantsOf(first.pid);
    process.kill(first.pid, 'SIGTERM');
    expect(await first.exited()).toBe(0);
    await expectNothingLeft(processes);

    const second = start();
    await second.ready();
    const secondProcesses = descendantsOf(second.pid);
    process.kill(second.pid, 'SIGINT');
    expect(await second.exited()).toBe(0);
    await expectNothingLeft(secondProcesses);
  }, 300_000);

  it('leaves no service behind when the Baton process is killed, and the next start succeeds', async () => {
    const first = start();
    await first.ready();
    const processes = descendantsOf(first.pid);
    const baton = execFileSync('pgrep', ['-P', String(first.pid), '-f', 'cli/start.ts'], { encoding: 'utf8' }).trim();
    process.kill(Number(baton), 'SIGKILL');
    await first.exited();
    await expectNothingLeft(processes);

    const second = start();
    await second.ready();
    const secondProcesses = descendantsOf(second.pid);
    // A closed terminal hangs up its whole foreground process group.
    process.kill(-second.pid, 'SIGHUP');
    await second.exited();
    await expectNothingLeft(secondProcesses);
    expect(second.log).toContain('SIGHUP: stopping');
  }, 300_000);
});
