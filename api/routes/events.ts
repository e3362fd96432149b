import { Type } from '@sinclair/typebox';
import { ServiceUnavailableError } from '../../errors';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import type { TaskEventHub } from '../task-events';

/** Live updates for open pages; `taskEvents` absent: they are off in this API process (503). */
export function eventRoutes(taskEvents: TaskEventHub | undefined): ContractRouter {
  const api = new ContractRouter();

  api.get(
    '/events',
    {
      operationId: 'streamTaskEvents',
      summary: 'Live task changes as Server-Sent Events, held open until the client goes',
      description:
        "Each change of a task the caller may see (staff: their department's and their own; owners, managers and " +
        "admins: all; requesters: none) is an event `task` whose data is a JSON object of the task's `id`, " +
        '`instanceId`, `department`, `assigneeId` and `status`: read the task for the rest. An event `resync` says ' +
        'changes may have been missed (reload what is shown). A comment line every 25 s keeps proxies from closing ' +
        'the stream. 503 when live updates are off in this process or it serves too many pages already.',
      tags: ['tasks'],
      resultMediaType: {
        mediaType: 'text/event-stream',
        schema: Type.String(),
        description: 'a stream of `task` and `resync` events, until the client closes it',
      },
    },
    (_input, request, response) => {
      if (!taskEvents) throw new ServiceUnavailableError('live updates are off in this API process', 'postgres');
      taskEvents.open(request, response, actorOf(response));
    },
  );

  return api;
}
