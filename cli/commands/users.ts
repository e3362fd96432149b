import { parseArgs } from 'node:util';
import { UserPage, UserWithToken } from '../../api/contract/people-schemas';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { ExitCode } from './report';
import { serverSettings } from './settings';
import { cell, table } from './text';
import { UsageError } from './usage-error';

const USAGE = `Usage: baton users [list] [--server <url>] [--token <token>] [--json]
       baton users create --name <name> --role <role> [--department <id>] [--email <address>] [--time-zone <zone>] [--locale en|fr]
       baton users deactivate <user-id>
       baton users token <user-id>`;

export const usersCommand: Command = {
  name: 'users',
  summary: "list, create and deactivate people, and give them a new token (an admin's)",
  help: `${USAGE}

list (GET /users): everyone, with role, department, address, and whether they are active.
create (POST /users): a person; prints their API token, shown this once (staff need --department;
  roles: admin, owner, manager, staff, requester).
deactivate (DELETE /users/<id>): their token and browser sessions stop working at once, their open
  tasks go back to their department's queue.
token (POST /users/<id>/token): a new token, printed once; the old one stops working at once.
Needs an admin's token.

${SERVER_FLAGS_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('users', () =>
      parseArgs({
        args: [...args],
        options: {
          ...SERVER_FLAGS,
          name: { type: 'string' },
          role: { type: 'string' },
          department: { type: 'string' },
          email: { type: 'string' },
          'time-zone': { type: 'string' },
          locale: { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    const [action = 'list', ...rest] = positionals;
    const api = new ApiClient(serverSettings(values, io.env));
    const print = (body: unknown) => io.out(JSON.stringify(body, null, 2));
    switch (action) {
      case 'list': {
        expectArguments(action, rest, 0);
        const answer = await api.get('/users', UserPage);
        if (values.json) print(answer.body);
        else {
          const rows = answer.body.items.map((user) => [
            user.id,
            user.role,
            cell(user.department),
            cell(user.email),
            user.active ? 'yes' : 'no',
            user.name,
          ]);
          for (const line of table(['USER', 'ROLE', 'DEPARTMENT', 'EMAIL', 'ACTIVE', 'NAME'], rows)) io.out(line);
        }
        return ExitCode.ok;
      }
      case 'create': {
        expectArguments(action, rest, 0);
        if (values.name === undefined || values.role === undefined) {
          throw new UsageError('users create: --name and --role are required', USAGE);
        }
        const answer = await api.post(
          '/users',
          {
            json: {
              name: values.name,
              role: values.role,
              ...(values.department === undefined ? {} : { department: values.department }),
              ...(values.email === undefined ? {} : { email: values.email }),
              ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
              ...(values.locale === undefined ? {} : { locale: values.locale }),
            },
          },
          UserWithToken,
        );
        const user = answer.body;
        if (values.json) print(user);
        else io.out(`created ${user.id} (${user.role}); token, shown once: ${user.token}`);
        return ExitCode.ok;
      }
      case 'deactivate': {
        const [id] = expectArguments(action, rest, 1);
        const answer = await api.delete(`/users/${encodeURIComponent(id ?? '')}`);
        if (values.json) print(answer.body);
        else io.out(`deactivated ${id}`);
        return ExitCode.ok;
      }
      case 'token': {
        const [id] = expectArguments(action, rest, 1);
        const answer = await api.post(`/users/${encodeURIComponent(id ?? '')}/token`, { json: {} }, UserWithToken);
        if (values.json) print(answer.body);
        else io.out(`new token for ${id}, shown once: ${answer.body.token}`);
        return ExitCode.ok;
      }
      default:
        throw new UsageError(`users: unknown action "${action}"`, 'list, create, deactivate or token');
    }
  },
};

function expectArguments(action: string, rest: readonly string[], count: number): readonly string[] {
  if (rest.length !== count) {
    throw new UsageError(
      `users ${action}: ${count === 0 ? 'takes no argument' : 'needs the <user-id>'}${rest.length > count ? `, got "${rest.join(' ')}"` : ''}`,
      USAGE,
    );
  }
  return rest;
}
