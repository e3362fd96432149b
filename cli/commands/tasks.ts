import { parseArgs } from 'node:util';
import { TaskPage } from '../../api/contract/schemas';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell, pageLines, time } from './text';

export const tasksCommand: Command = {
  name: 'tasks',
  summary: 'list tasks (an inbox), soonest due first',
  help: `Usage: baton tasks [--department <id>] [--status open|done|cancelled] [--instance <id>] [--overdue]
                   [--limit <n>] [--cursor <cursor>] [--server <url>] [--token <token>] [--json]

Lists tasks by due date (GET /tasks). Staff see their own department's; managers and owners
any department's.

  --department <id>       one department's tasks (staff: their own, the default)
  --status <status>       open, done or cancelled
  --instance <id>         the tasks of one instance
  --overdue               only tasks past their due date
  --limit <n>             at most n tasks (1-200, default 50); the next page is printed as a --cursor
  --cursor <cursor>       the next page of a previous listing
${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values } = parseCommandLine('tasks', () =>
      parseArgs({
        args: [...args],
        options: {
          ...SERVER_FLAGS,
          department: { type: 'string' },
          status: { type: 'string' },
          instance: { type: 'string' },
          overdue: { type: 'boolean' },
          limit: { type: 'string' },
          cursor: { type: 'string' },
        },
        allowPositionals: false,
        strict: true,
      }),
    );
    const query = new URLSearchParams();
    if (values.department !== undefined) query.set('department', values.department);
    if (values.status !== undefined) query.set('status', values.status);
    if (values.instance !== undefined) query.set('instance', values.instance);
    if (values.overdue) query.set('overdue', 'true');
    if (values.limit !== undefined) query.set('limit', values.limit);
    if (values.cursor !== undefined) query.set('cursor', values.cursor);
    const api = new ApiClient(serverSettings(values, io.env));
    const answer = await api.get(`/tasks${query.size > 0 ? `?${query}` : ''}`, TaskPage);
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
      return ExitCode.ok;
    }
    const page = answer.body;
    const rows = page.items.map((task) => {
      const due = `${time(task.dueAt)}${task.overdue ? ' OVERDUE' : ''}`;
      return [cell(task.id), cell(task.department), cell(task.status), due, cell(task.title)];
    });
    const headers = ['TASK', 'DEPARTMENT', 'STATUS', 'DUE', 'TITLE'];
    for (const line of pageLines(headers, rows, page.nextCursor, 'no tasks')) io.out(line);
    return ExitCode.ok;
  },
};
