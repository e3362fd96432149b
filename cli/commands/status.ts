import { parseArgs } from 'node:util';
import { Instance, type StepJson } from '../../api/contract/schemas';
import { ApiClient } from './api-client';
import { onePositional, parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell, table, time } from './text';

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
    const answer = await api.get(`/instances/${encodeURIComponent(id)}`, Instance);
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
      return ExitCode.ok;
    }
    const instance = answer.body;
    const { progress, cost, budget } = instance;
    io.out(`instance   ${instance.id}`);
    io.out(`process    ${instance.key} v${instance.version}`);
    io.out(`status     ${instance.status}`);
    io.out(`progress   ${progress.done}/${progress.total} steps done`);
    io.out(`cost       ${cost.actual} actual, ${cost.estimated} estimated, ${cost.forecast} forecast`);
    if (budget) {
      const over = budget.overBudget ? ': the forecast is OVER it' : '';
      io.out(`budget     ${budget.amount} ${budget.currency}${over}`);
    }
    io.out(`started    ${time(instance.startedAt)}`);
    io.out(`completed  ${time(instance.completedAt)}`);
    io.out('');
    const row = (step: StepJson, indent: string) => {
      const due = step.dueAt ? `${time(step.dueAt)}${step.overdue ? ' OVERDUE' : ''}` : '—';
      const task = step.child ? childLine(step.child) : cell(step.taskId);
      return [`${indent}${step.stepId}`, cell(step.department), step.status, due, task];
    };
    // A step run once per item: its own line, then one per item under it.
    const steps = instance.steps;
    const rows = steps.flatMap((step) => [row(step, ''), ...(step.items ?? []).map((item) => row(item, '  '))]);
    for (const line of table(['STEP', 'DEPARTMENT', 'STATUS', 'DUE', 'TASK / SUB-PROCESS'], rows)) io.out(line);
    const failed = steps.flatMap((step) => [step, ...(step.items ?? [])]).filter((step) => step.error);
    for (const step of failed) io.out(`${step.stepId} failed: ${step.error}`);
    return ExitCode.ok;
  },
};

/** The sub-process a step started: its id, and where it stands when the API could tell. */
function childLine(child: NonNullable<StepJson['child']>): string {
  const status = child.status ? ` ${child.status}` : '';
  const progress = child.progress ? ` ${child.progress.done}/${child.progress.total}` : '';
  return `instance ${child.instanceId}${status}${progress}`;
}
