import { parseArgs } from 'node:util';
import { StartedInstance } from '../../api/contract/process-schemas';
import { ApiClient } from './api-client';
import { onePositional, parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { readJsonFlag } from './json-input';
import { ExitCode } from './report';
import { serverSettings } from './settings';

export const startCommand: Command = {
  name: 'start',
  summary: 'start an instance of a deployed process',
  help: `Usage: baton start <process-key> [--input <json file> | --input-json '<json>'] [--calendar <id>] [--server <url>] [--token <token>] [--json]

Starts an instance of the latest version of a process (POST /definitions/<key>/instances) and
prints its id once its first tasks are open. Needs an owner's or a manager's token.

  --input <file>          the start form, a JSON object (e.g. definitions/examples/employee-onboarding.json)
  --input-json '<json>'   the same, inline; without either the input is {}
  --calendar <id>         count this instance's dates in another of the process's calendars (e.g. us-business)
${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('start', () =>
      parseArgs({
        args: [...args],
        options: {
          ...SERVER_FLAGS,
          input: { type: 'string' },
          'input-json': { type: 'string' },
          calendar: { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    const key = onePositional('start', positionals, 'process-key');
    const input = readJsonFlag('start', 'input', { file: values.input, json: values['input-json'] }, io.cwd) ?? {};
    const api = new ApiClient(serverSettings(values, io.env));
    const { calendar } = values;
    const answer = await api.post(
      `/definitions/${encodeURIComponent(key)}/instances`,
      { json: calendar === undefined ? { input } : { input, calendar } },
      StartedInstance,
    );
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
    } else {
      const instance = answer.body;
      io.out(`started ${instance.id}  (${instance.key} v${instance.version}, ${instance.status})`);
      io.out(`  follow it with: baton status ${instance.id}`);
    }
    return ExitCode.ok;
  },
};
