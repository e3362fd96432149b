import { parseArgs } from 'node:util';
import { AtRiskReport } from '../../api/contract/process-schemas';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { table, time } from './text';

export const atRiskCommand: Command = {
  name: 'at-risk',
  summary: 'list the running instances with overdue tasks or over their budget',
  help: `Usage: baton at-risk [--limit <n>] [--server <url>] [--token <token>] [--json]

Lists the running instances a manager should look at (GET /reports/at-risk): those with an
open task past its due date, the one overdue longest first, then those whose tasks' estimates
exceed their process's fixed budget. Needs an owner's or a manager's token.

  --limit <n>             at most n instances (1-500, default 100)
${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values } = parseCommandLine('at-risk', () =>
      parseArgs({
        args: [...args],
        options: { ...SERVER_FLAGS, limit: { type: 'string' } },
        allowPositionals: false,
        strict: true,
      }),
    );
    const query = values.limit === undefined ? '' : `?${new URLSearchParams({ limit: values.limit })}`;
    const api = new ApiClient(serverSettings(values, io.env));
    const answer = await api.get(`/reports/at-risk${query}`, AtRiskReport);
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
      return ExitCode.ok;
    }
    const rows = answer.body.items.map((item) => {
      const departments = item.departments.join(',') || '—';
      const cost = `${item.estimatedCost}${item.budget === null ? '' : ` / ${item.budget}`}${item.overBudget ? ' OVER' : ''}`;
      return [
        item.instanceId,
        `${item.key} v${item.version}`,
        String(item.overdueTasks),
        time(item.oldestOverdueDueAt),
        departments,
        cost,
        item.subject,
      ];
    });
    if (rows.length === 0) io.out('no instance at risk');
    else {
      const headers = ['INSTANCE', 'PROCESS', 'OVERDUE', 'OLDEST DUE', 'DEPARTMENTS', 'COST / BUDGET', 'SUBJECT'];
      for (const line of table(headers, rows)) io.out(line);
    }
    return ExitCode.ok;
  },
};
