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

Shows an instance (GET /instances/<id>): its status, progress, cost (actual, estimated, and the
forecast: actual plus the estimates of the work left) against its budget, and each step, each item
of a step run once per item, with its department, status, due date and task id; the instance a
sub-process step started, and why a failed step failed (\`baton retry\` or \`baton skip\` it).
Needs an owner's or a manager's token (staff: an instance their department has a task in).

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
    io.out(
      `cost       ${cell(cost.actual)} actual, ${cell(cost.estimated)} estimated, ${cell(cost.forecast)} forecast`,
    );
    if (instance.budget) {
      const budget = fields(instance.budget);
      const over = budget.overBudget ? ': the forecast is OVER it' : '';
      io.out(`budget     ${cell(budget.amount)} ${cell(budget.currency)}${over}`);
    }
    io.out(`started    ${time(instance.startedAt)}`);
    io.out(`completed  ${time(instance.completedAt)}`);
    io.out('');
    const steps = list(instance.steps).map(fields);
    const row = (step: Readonly<Record<string, unknown>>, indent: string) => {
      const due = step.dueAt ? `${time(step.dueAt)}${step.overdue ? ' OVERDUE' : ''}` : '—';
      const task = step.childInstanceId ? `instance ${cell(step.childInstanceId)}` : cell(step.taskId);
      return [`${indent}${cell(step.stepId)}`, cell(step.department), cell(step.status), due, task];
    };
    // A step run once per item: its own line, then one per item under it.
    const rows = steps.flatMap((step) => [row(step, ''), ...list(step.items).map((item) => row(fields(item), '  '))]);
    for (const line of table(['STEP', 'DEPARTMENT', 'STATUS', 'DUE', 'TASK / SUB-PROCESS'], rows)) io.out(line);
    const failed = steps.flatMap((step) => [step, ...list(step.items).map(fields)]).filter((step) => step.error);
    for (const step of failed) io.out(`${cell(step.stepId)} failed: ${cell(step.error)}`);
    return ExitCode.ok;
  },
};
