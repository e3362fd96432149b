import { parseArgs } from 'node:util';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell, fields, list, query, table } from './text';
import { UsageError } from './usage-error';

const REPORTS = ['departments', 'costs'] as const;

export const reportCommand: Command = {
  name: 'report',
  summary: "managers' reports: each department's workload and on-time rate, costs by process",
  help: `Usage: baton report departments [--from <date>] [--to <date>] [--server <url>] [--token <token>] [--json]
       baton report costs [--key <process-key>] [--server <url>] [--token <token>] [--json]

departments (GET /reports/departments): each department's open and overdue tasks now, and over
  the period (default: the 30 days up to now) the tasks it completed, the share completed by
  their due date and the median time from opening to completion.
costs (GET /reports/costs): by process and version, the instances, the estimated and the actual
  cost, and the budget when the version declares a fixed one.
Needs an owner's or a manager's token.

  --from, --to <date>     the period: YYYY-MM-DD (UTC; --to includes its day) or RFC 3339
  --key <process-key>     one process's costs
${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('report', () =>
      parseArgs({
        args: [...args],
        options: { ...SERVER_FLAGS, from: { type: 'string' }, to: { type: 'string' }, key: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      }),
    );
    const [which, ...extra] = positionals;
    if (!REPORTS.includes(which as (typeof REPORTS)[number]) || extra.length > 0) {
      throw new UsageError(
        `report: say which report, ${REPORTS.join(' or ')}${which === undefined ? '' : ` (not "${positionals.join(' ')}")`}`,
        'e.g. `baton report departments --from 2027-01-01`',
      );
    }
    if (which === 'departments' && values.key !== undefined) {
      throw new UsageError(
        'report: --key narrows the costs report only',
        'leave --key out, or run `baton report costs`',
      );
    }
    if (which === 'costs' && (values.from !== undefined || values.to !== undefined)) {
      throw new UsageError(
        'report: --from and --to are for the departments report',
        'leave them out of `report costs`',
      );
    }
    const api = new ApiClient(serverSettings(values, io.env));
    const answer =
      which === 'departments'
        ? await api.get(`/reports/departments${query({ from: values.from, to: values.to })}`)
        : await api.get(`/reports/costs${query({ key: values.key })}`);
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
      return ExitCode.ok;
    }
    const report = fields(answer.body);
    if (which === 'departments') {
      io.out(`from ${cell(report.from)} to ${cell(report.to)}`);
      const rows = list(report.items).map((value) => {
        const row = fields(value);
        const onTime = typeof row.onTimeRate === 'number' ? `${Math.round(row.onTimeRate * 1000) / 10}%` : '—';
        return [
          cell(row.department),
          cell(row.open),
          cell(row.overdue),
          cell(row.completed),
          onTime,
          cell(row.medianCycleHours),
          cell(row.name),
        ];
      });
      const headers = ['DEPARTMENT', 'OPEN', 'OVERDUE', 'COMPLETED', 'ON TIME', 'MEDIAN HOURS', 'NAME'];
      for (const line of table(headers, rows)) io.out(line);
    } else {
      const rows = list(report.items).map((value) => {
        const row = fields(value);
        return [
          `${cell(row.key)} v${cell(row.version)}`,
          cell(row.instances),
          cell(row.estimated),
          cell(row.actual),
          cell(row.budget),
        ];
      });
      if (rows.length === 0) io.out('no instance has cost anything yet');
      else for (const line of table(['PROCESS', 'INSTANCES', 'ESTIMATED', 'ACTUAL', 'BUDGET'], rows)) io.out(line);
    }
    return ExitCode.ok;
  },
};
