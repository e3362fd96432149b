import { execFile } from 'node:child_process';
import path from 'node:path';
import { main } from '../../cli/commands';
import type { Io } from '../../cli/commands/io';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node bin/baton.js <args>` from the repo root, as `npx baton` runs it: the real shim, a real process. */
export function runShim(args: readonly string[]): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return new Promise((resolve) => {
    execFile('node', ['bin/baton.js', ...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The command line's `main` in this process, with its output captured and the given environment. */
export async function runMain(args: readonly string[], env: Io['env'] = {}): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (text) => stdout.push(text), err: (text) => stderr.push(text), env, cwd: REPO_ROOT };
  const code = await main(args, io);
  return {
    code,
    stdout: stdout.map((text) => `${text}\n`).join(''),
    stderr: stderr.map((text) => `${text}\n`).join(''),
  };
}
