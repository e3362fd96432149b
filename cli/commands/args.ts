import { UsageError } from './usage-error';

/** The flags every command that talks to the server takes (`node:util` parseArgs options). */
export const SERVER_FLAGS = {
  server: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const SERVER_FLAGS_HELP = `  --server <url>          the Baton API (default: $BATON_URL, else http://localhost:3000)
  --token <token>         bearer token (default: $BATON_TOKEN)
  --json                  print the API's JSON answer instead of text`;

/** Runs `node:util` parseArgs and turns its errors (unknown flag, missing value) into a usage error. */
export function parseCommandLine<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${command}: ${firstLine(message)}`, `run \`baton ${command} --help\` for its flags`);
  }
}

/** Exactly one positional argument, e.g. the task id of `baton complete <task-id>`. */
export function onePositional(command: string, positionals: readonly string[], what: string): string {
  const [value, ...extra] = positionals;
  if (value === undefined) {
    throw new UsageError(
      `${command}: no ${what} given`,
      `usage: baton ${command} <${what}>; see \`baton ${command} --help\``,
    );
  }
  if (extra.length > 0) {
    throw new UsageError(
      `${command}: one ${what} expected, got also ${extra.map((arg) => `"${arg}"`).join(', ')}`,
      `see \`baton ${command} --help\``,
    );
  }
  return value;
}

/** parseArgs messages end with advice about `--` that does not help here. */
function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/\. To specify a positional argument.*$/, '') ?? message;
}
