import { parseArgs } from 'node:util';
import type { Static } from '@sinclair/typebox';
import { CostReport, DepartmentReport } from '../../api/contract/process-schemas';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell, query, table } from './text';
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
    const print = (body: unknown) => io.out(JSON.stringify(body, null, 2));
    if (which === 'departments') {
      const answer = await api.get(
        `/reports/departments${query({ from: values.from, to: values.to })}`,
        DepartmentReport,
      );
      if (values.json) print(answer.body);
      else for (const line of departmentLines(answer.body)) io.out(line);
    } else {
      const answer = await api.get(`/reports/costs${query({ key: values.key })}`, CostReport);
      if (values.json) print(answer.body);
      else for (const line of costLines(answer.body)) io.out(line);
    }
    return ExitCode.ok;
  },
};

function departmentLines(report: Static<typeof DepartmentReport>): string[] {
  const rows = report.items.map((row) => [
    row.department,
    String(row.open),
    String(row.overdue),
    String(row.completed),
    row.onTimeRate === null ? '—' : `${Math.round(row.onTimeRate * 1000) / 10}%`,
    cell(row.medianCycleHours),
    row.name,
  ]);
  const headers = ['DEPARTMENT', 'OPEN', 'OVERDUE', 'COMPLETED', 'ON TIME', 'MEDIAN HOURS', 'NAME'];
  return [`from ${report.from} to ${report.to}`, ...table(headers, rows)];
}

function costLines(report: Static<typeof CostReport>): string[] {
  const rows = report.items.map((row) => [
    `${row.key} v${row.version}`,
    String(row.instances),
    String(row.estimated),
    String(row.actual),
    cell(row.budget),
  ]);
  if (rows.length === 0) return ['no instance has cost anything yet'];
  return table(['PROCESS', 'INSTANCES', 'ESTIMATED', 'ACTUAL', 'BUDGET'], rows);
}
