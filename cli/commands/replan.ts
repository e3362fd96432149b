import { parseArgs } from 'node:util';
import { ProposedInstancePlan } from '../../api/contract/process-schemas';
import { ApiClient } from './api-client';
import { onePositional, parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { readJsonFlag } from './json-input';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell, table, time } from './text';
import { UsageError } from './usage-error';

export const replanCommand: Command = {
  name: 'replan',
  summary: 'preview new start data for a running instance, or apply it',
  help: `Usage: baton replan <instance-id> (--input <json file> | --input-json '<json>') [--apply] [--server <url>] [--token <token>] [--json]

Shows what new start data would do to a running instance, changing nothing (POST
/instances/<id>/plan): the open tasks whose due dates would move, and the expected finish.
With --apply, makes the change (PATCH /instances/<id>/input): those dates move and each
department concerned is told. The given fields replace the current ones. Needs an owner's or a
manager's token.

  --input <file>          the fields to change, a JSON object
  --input-json '<json>'   the same, inline
  --apply                 re-plan the instance rather than preview it
${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('replan', () =>
      parseArgs({
        args: [...args],
        options: {
          ...SERVER_FLAGS,
          input: { type: 'string' },
          'input-json': { type: 'string' },
          apply: { type: 'boolean' },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    const id = onePositional('replan', positionals, 'instance-id');
    const input = readJsonFlag('replan', 'input', { file: values.input, json: values['input-json'] }, io.cwd);
    if (input === undefined) {
      throw new UsageError(
        'replan: no input given',
        'give the fields to change: --input-json \'{"openingDate": "2027-03-15"}\'',
      );
    }
    const api = new ApiClient(serverSettings(values, io.env));
    const path = `/instances/${encodeURIComponent(id)}`;
    if (values.apply) {
      const answer = await api.patch(`${path}/input`, { json: { input } });
      if (values.json) io.out(JSON.stringify(answer.body, null, 2));
      else io.out(`re-planned ${id}\n  see where it stands with: baton status ${id}`);
      return ExitCode.ok;
    }
    const answer = await api.post(`${path}/plan`, { json: { input } }, ProposedInstancePlan);
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
      return ExitCode.ok;
    }
    const plan = answer.body;
    const rows = plan.dueChanges.map((change) => [
      change.taskId,
      cell(change.department),
      time(change.dueAt),
      time(change.proposedDueAt),
      cell(change.title),
    ]);
    if (rows.length === 0) io.out('no open task would change its due date');
    else for (const line of table(['TASK', 'DEPARTMENT', 'DUE', 'WOULD BE DUE', 'TITLE'], rows)) io.out(line);
    io.out(`expected finish  ${time(plan.expectedFinish)}; at risk: ${plan.atRisk.length}`);
    io.out(`nothing changed: add --apply to re-plan ${id}`);
    return ExitCode.ok;
  },
};
