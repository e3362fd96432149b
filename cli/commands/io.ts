/** Where a command writes and what it reads from its surroundings; tests pass their own. */
export interface Io {
  /** Results: tables, compile errors, summaries (stdout). */
  readonly out: (text: string) => void;
  /** What went wrong and how to fix it (stderr). */
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths in arguments are read from here. */
  readonly cwd: string;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
}
