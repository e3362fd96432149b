import { parseArgs } from 'node:util';
import { Instance } from '../../api/contract/schemas';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { UsageError } from './usage-error';

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'cancel a running instance: its open tasks close, nothing more runs',
  help: `Usage: baton cancel <instance-id> [--server <url>] [--token <token>] [--json]

Cancels a running instance (POST /instances/<id>/cancel): its open tasks are cancelled and no
further step runs. Needs a manager's token; 409 once the instance has ended.

${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseInstanceCommand('cancel', args);
    const [id = ''] = exactly('cancel', positionals, ['instance-id']);
    const answer = await new ApiClient(serverSettings(values, io.env)).post(
      `/instances/${encodeURIComponent(id)}/cancel`,
      { json: {} },
      Instance,
    );
    if (values.json) io.out(JSON.stringify(answer.body, null, 2));
    else io.out(`cancelled ${id}: status ${answer.body.status}`);
    return ExitCode.ok;
  },
};

export const retryCommand = failedStepCommand(
  'retry',
  'run a failed step again',
  'Runs a failed step again (POST /instances/<id>/steps/<step-id>/retry), e.g. a call whose\nservice is back.',
);

export const skipCommand = failedStepCommand(
  'skip',
  'treat a failed step as skipped and go on',
  'Treats a failed step as skipped (POST /instances/<id>/steps/<step-id>/skip): the steps after\nit run as if it had been left out.',
);

function failedStepCommand(name: 'retry' | 'skip', summary: string, description: string): Command {
  return {
    name,
    summary,
    help: `Usage: baton ${name} <instance-id> <step-id> [--server <url>] [--token <token>] [--json]

${description} Needs a manager's token; 409 when the step has not failed,
404 for an unknown step (\`baton status <instance-id>\` shows each step and its error).

${SERVER_FLAGS_HELP}`,

    async run(args, io) {
      const { values, positionals } = parseInstanceCommand(name, args);
      const [id = '', stepId = ''] = exactly(name, positionals, ['instance-id', 'step-id']);
      const answer = await new ApiClient(serverSettings(values, io.env)).post(
        `/instances/${encodeURIComponent(id)}/steps/${encodeURIComponent(stepId)}/${name}`,
        { json: {} },
        Instance,
      );
      if (values.json) {
        io.out(JSON.stringify(answer.body, null, 2));
        return ExitCode.ok;
      }
      const done = name === 'retry' ? 'retried' : 'skipped';
      io.out(`${done} ${stepId} of ${id}: instance ${answer.body.status}`);
      return ExitCode.ok;
    },
  };
}

function parseInstanceCommand(name: string, args: readonly string[]) {
  return parseCommandLine(name, () =>
    parseArgs({ args: [...args], options: SERVER_FLAGS, allowPositionals: true, strict: true }),
  );
}

/** The positional arguments `names` says, no fewer and no more. */
function exactly(command: string, positionals: readonly string[], names: readonly string[]): string[] {
  if (positionals.length !== names.length) {
    throw new UsageError(
      `${command}: expected ${names.map((name) => `<${name}>`).join(' ')}, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`,
      `usage: baton ${command} ${names.map((name) => `<${name}>`).join(' ')}; see \`baton ${command} --help\``,
    );
  }
  return [...positionals];
}
