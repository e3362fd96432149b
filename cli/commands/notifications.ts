import { parseArgs } from 'node:util';
import { NotificationPage } from '../../api/contract/service-schemas';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell, pageLines, query, time } from './text';

export const notificationsCommand: Command = {
  name: 'notifications',
  summary: 'list notifications and how each was delivered',
  help: `Usage: baton notifications [--instance <id>] [--kind <kind>] [--limit <n>] [--cursor <cursor>] [--server <url>] [--token <token>] [--json]

Lists the outbox newest first (GET /notifications): kind, recipient, when it was made and
delivered, each delivery's channel, address and status (mail or webhook: delivered, pending,
failed, dead-letter...), and the subject. Managers and owners see all; staff theirs and their
department's.

  --instance <id>         one instance's notifications
  --kind <kind>           overdue, notify, step-failed, replanned, escalation, budget, assigned,
                          reassigned, comment, request-received, request-updated, request-resolved
  --limit <n>             at most n (default 50); the last line gives the --cursor of the next page
  --cursor <cursor>       the page after the one that printed it
${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values } = parseCommandLine('notifications', () =>
      parseArgs({
        args: [...args],
        options: {
          ...SERVER_FLAGS,
          instance: { type: 'string' },
          kind: { type: 'string' },
          limit: { type: 'string' },
          cursor: { type: 'string' },
        },
        allowPositionals: false,
        strict: true,
      }),
    );
    const api = new ApiClient(serverSettings(values, io.env));
    const answer = await api.get(
      `/notifications${query({ instance: values.instance, kind: values.kind, limit: values.limit, cursor: values.cursor })}`,
      NotificationPage,
    );
    if (values.json) {
      io.out(JSON.stringify(answer.body, null, 2));
      return ExitCode.ok;
    }
    const page = answer.body;
    const rows = page.items.map((notification) => {
      const deliveries = notification.deliveries
        .map(({ channel, to, status }) => `${channel}:${cell(to)} ${status}`)
        .join(', ');
      return [
        notification.kind,
        notification.recipient,
        time(notification.createdAt),
        deliveries || '—',
        cell(notification.subject),
      ];
    });
    const headers = ['KIND', 'RECIPIENT', 'CREATED', 'DELIVERIES', 'SUBJECT'];
    for (const line of pageLines(headers, rows, page.nextCursor, 'no notification')) io.out(line);
    return ExitCode.ok;
  },
};
