import { Router } from 'express';
import { TASK_STATUSES } from '../../db/entities/task';
import type { EngineContext } from '../../engine/context';
import { completeTask, getTask, listTasks } from '../../engine/tasks';
import { MAXIMUM_AMOUNT } from '../../plan/amounts';
import type { JsonObject } from '../../plan/types';
import { actorOf } from '../auth';
import { taskJson } from '../presenters';
import {
  acceptsQuery,
  bodyValidator,
  limitOf,
  optionalBoolean,
  optionalEnum,
  optionalString,
  pathParam,
} from '../request';

const parseComplete = bodyValidator({
  type: 'object',
  additionalProperties: false,
  properties: {
    output: { type: 'object', nullable: true },
    actualCost: { type: 'number', minimum: 0, maximum: MAXIMUM_AMOUNT, nullable: true },
  },
});

export function taskRoutes(context: EngineContext): Router {
  const router = Router();
  const noQuery = acceptsQuery();
  const inboxQuery = acceptsQuery('department', 'status', 'overdue', 'instance', 'limit', 'cursor');

  router.get('/tasks', inboxQuery, async (request, response) => {
    const page = await listTasks(
      context.db,
      {
        department: optionalString(request.query, 'department'),
        status: optionalEnum(request.query, 'status', TASK_STATUSES),
        overdue: optionalBoolean(request.query, 'overdue'),
        instanceId: optionalString(request.query, 'instance'),
        limit: limitOf(request.query),
        cursor: optionalString(request.query, 'cursor'),
      },
      actorOf(response),
    );
    response.json({ items: page.items.map(taskJson), nextCursor: page.nextCursor });
  });

  router.get('/tasks/:id', noQuery, async (request, response) => {
    response.json(taskJson(await getTask(context.db, pathParam(request.params, 'id'), actorOf(response))));
  });

  router.post('/tasks/:id/complete', noQuery, async (request, response) => {
    const body = parseComplete(request.body ?? {});
    const task = await completeTask(
      context,
      pathParam(request.params, 'id'),
      // Parsed from JSON and checked to be an object just above.
      { output: (body.output ?? {}) as JsonObject, actualCost: body.actualCost ?? undefined },
      actorOf(response),
    );
    response.json(taskJson(task));
  });

  return router;
}
