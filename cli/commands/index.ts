import { didYouMean } from '../../compiler/suggest';
import { atRiskCommand } from './at-risk';
import type { Command } from './command';
import { completeCommand } from './complete';
import { deployCommand } from './deploy';
import { cancelCommand, retryCommand, skipCommand } from './instance-actions';
import { instancesCommand } from './instances';
import { type Io, processIo } from './io';
import { notificationsCommand } from './notifications';
import { planCommand } from './plan';
import { replanCommand } from './replan';
import { ExitCode, reportFailure } from './report';
import { reportCommand } from './reports';
import { startCommand } from './start';
import { statusCommand } from './status';
import { tasksCommand } from './tasks';
import { UsageError } from './usage-error';
import { usersCommand } from './users';
import { validateCommand } from './validate';

const COMMANDS: readonly Command[] = [
  validateCommand,
  planCommand,
  deployCommand,
  startCommand,
  statusCommand,
  tasksCommand,
  completeCommand,
  replanCommand,
  instancesCommand,
  cancelCommand,
  retryCommand,
  skipCommand,
  atRiskCommand,
  notificationsCommand,
  reportCommand,
  usersCommand,
];

const HELP = `Usage: baton <command> [arguments] [flags]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(14)}${command.summary}`).join('\n')}
  help          this text; \`baton help <command>\` or \`baton <command> --help\` for one command

validate and plan work offline. The other commands call a running Baton server:
  BATON_URL    its address (default http://localhost:3000), or --server <url>
  BATON_TOKEN  your bearer token, or --token <token>

Exit codes: 0 done, 1 invalid files or a failed request, 2 a wrong command line.`;

/** `baton <command> ...`: returns the exit code; the bin shim sets it on the process. */
export async function main(args: readonly string[], io: Io = processIo()): Promise<ExitCode> {
  try {
    const [name, ...rest] = args;
    if (name === undefined) {
      io.err(HELP);
      return ExitCode.usage;
    }
    if (name === 'help' || name === '--help' || name === '-h') return help(rest, io);
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) {
      throw new UsageError(`unknown command "${name}"`, unknownCommandHint(name));
    }
    if (wantsHelp(rest)) {
      io.out(command.help);
      return ExitCode.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function help(topics: readonly string[], io: Io): ExitCode {
  const [topic] = topics;
  if (topic === undefined) {
    io.out(HELP);
    return ExitCode.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === topic);
  if (!command) throw new UsageError(`no command "${topic}"`, 'run `baton help` for the commands');
  io.out(command.help);
  return ExitCode.ok;
}

function unknownCommandHint(name: string): string {
  const suggestion = didYouMean(
    name,
    COMMANDS.map((candidate) => candidate.name),
    'commands',
  );
  return suggestion.startsWith('did you mean')
    ? `${suggestion} (\`baton help\` lists them all)`
    : `run \`baton help\` for the commands`;
}

/** `--help` or `-h` anywhere before a `--`. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}
