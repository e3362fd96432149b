import { parseArgs } from 'node:util';
import { Task } from '../../api/contract/schemas';
import { ApiClient } from './api-client';
import { onePositional, parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { readJsonFlag } from './json-input';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell } from './text';
import { UsageError } from './usage-error';

export const completeCommand: Command = {
  name: 'complete',
  summary: 'complete a task with the output its form asks for',
  help: `Usage: baton complete <task-id> [--output <json file> | --output-json '<json>'] [--actual-cost <n>]
                      [--server <url>] [--token <token>] [--json]

Completes an open task (POST /tasks/<id>/complete); the tasks that waited for it open at once.
Needs the token of staff of the task's department (or the admin's).

  --output <file>         the output, a JSON object matching the task's form (see \`baton tasks --json\`)
  --output-json '<json>'  the same, inline; without either the output is {}
  --actual-cost <n>       what the task really cost (default: its estimate)
${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('complete', () =>
      parseArgs({
        args: [...args],
        options: {
          ...SERVER_FLAGS,
          output: { type: 'string' },
          'output-json': { type: 'string' },
          'actual-cost': { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    const id = onePositional('complete', positionals, 'task-id');
    const output = readJsonFlag('complete', 'output', { file: values.output, json: values['output-json'] }, io.cwd);
    const actualCost = values['actual-cost'] === undefined ? undefined : amount(values['actual-cost']);
    const api = new ApiClient(serverSettings(values, io.env));
    const answer = await api.post(
      `/tasks/${encodeURIComponent(id)}/complete`,
      { json: { output: output ?? {}, ...(actualCost === undefined ? {} : { actualCost }) } },
      Task,
    );
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
    } else {
      const task = answer.body;
      io.out(`completed ${task.id}  (${task.title})`);
      io.out(`  status ${task.status}, actual cost ${cell(task.actualCost)}`);
    }
    return ExitCode.ok;
  },
};

function amount(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(
      `complete: --actual-cost ${raw} is not an amount`,
      'give a number ≥ 0, e.g. --actual-cost 180',
    );
  }
  return value;
}
