import { parseArgs } from 'node:util';
import { ApiClient } from './api-client';
import { onePositional, parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell, fields, list, table, time } from './text';

export const statusCommand: Command = {
  name: 'status',
  summary: 'show where an instance stands: every step, progress and cost',
  help: `Usage: baton status <instance-id> [--server <url>] [--token <token>] [--json]

Shows an instance (GET /instances/<id>): its status, progress, estimated and actual cost, and
each step with its department, status, due date and task id. Needs an owner's or a manager's token.

${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('status', () =>
      parseArgs({ args: [...args], options: SERVER_FLAGS, allowPositionals: true, strict: true }),
    );
    const id = onePositional('status', positionals, 'instance-id');
    const api = new ApiClient(serverSettings(values, io.env));
    const answer = await api.get(`/instances/${encodeURIComponent(id)}`);
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
      return ExitCode.ok;
    }
    const instance = fields(answer.body);
    const progress = fields(instance.progress);
    const cost = fields(instance.cost);
    io.out(`instance   ${cell(instance.id)}`);
    io.out(`process    ${cell(instance.key)} v${cell(instance.version)}`);
    io.out(`status     ${cell(instance.status)}`);
    io.out(`progress   ${cell(progress.done)}/${cell(progress.total)} steps done`);
    io.out(`cost       ${cell(cost.actual)} actual, ${cell(cost.estimated)} estimated`);
    io.out(`started    ${time(instance.startedAt)}`);
    io.out(`completed  ${time(instance.completedAt)}`);
    io.out('');
    const rows = list(instance.steps).map((value) => {
      const step = fields(value);
      const due = step.dueAt ? `${time(step.dueAt)}${step.overdue ? ' OVERDUE' : ''}` : '—';
      return [cell(step.stepId), cell(step.department), cell(step.status), due, cell(step.taskId)];
    });
    for (const line of table(['STEP', 'DEPARTMENT', 'STATUS', 'DUE', 'TASK'], rows)) io.out(line);
    return ExitCode.ok;
  },
};
