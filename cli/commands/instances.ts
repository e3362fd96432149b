import { parseArgs } from 'node:util';
import { InstancePage } from '../../api/contract/schemas';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { pageLines, query, time } from './text';

export const instancesCommand: Command = {
  name: 'instances',
  summary: 'list instances, newest first, by process and status',
  help: `Usage: baton instances [--key <process-key>] [--status <status>] [--limit <n>] [--cursor <cursor>] [--server <url>] [--token <token>] [--json]

Lists instances newest first (GET /instances): id, process and version, status, when each
started and ended. Needs an owner's or a manager's token.

  --key <process-key>     one process's instances
  --status <status>       running, completed, cancelled, rejected, failed or terminated
  --limit <n>             at most n (default 50); the last line gives the --cursor of the next page
  --cursor <cursor>       the page after the one that printed it
${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values } = parseCommandLine('instances', () =>
      parseArgs({
        args: [...args],
        options: {
          ...SERVER_FLAGS,
          key: { type: 'string' },
          status: { type: 'string' },
          limit: { type: 'string' },
          cursor: { type: 'string' },
        },
        allowPositionals: false,
        strict: true,
      }),
    );
    const api = new ApiClient(serverSettings(values, io.env));
    const answer = await api.get(
      `/instances${query({ key: values.key, status: values.status, limit: values.limit, cursor: values.cursor })}`,
      InstancePage,
    );
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
      return ExitCode.ok;
    }
    const page = answer.body;
    const rows = page.items.map((instance) => [
      instance.id,
      `${instance.key} v${instance.version}`,
      instance.status,
      time(instance.startedAt),
      time(instance.completedAt),
    ]);
    const headers = ['INSTANCE', 'PROCESS', 'STATUS', 'STARTED', 'ENDED'];
    for (const line of pageLines(headers, rows, page.nextCursor, 'no instance')) io.out(line);
    return ExitCode.ok;
  },
};
