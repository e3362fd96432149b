import { Router } from 'express';
import { TASK_STATUSES } from '../../db/entities/task';
import type { EngineContext } from '../../engine/context';
import { assignTask, claimTask, reassignTask, unclaimTask } from '../../engine/task-assignment';
import { completeTask, getTask, listTasks } from '../../engine/tasks';
import { MAXIMUM_AMOUNT } from '../../plan/amounts';
import type { JsonObject } from '../../plan/types';
import { actorOf, requireRole } from '../auth';
import { taskJson } from '../presenters';
import {
  acceptsQuery,
  bodyValidator,
  limitOf,
  optionalBoolean,
  optionalEnum,
  optionalString,
  optionalText,
  pathParam,
} from '../request';

/** The longest title search: a few words typed in a box, not a document. */
const MAXIMUM_SEARCH_LENGTH = 200;

const parseComplete = bodyValidator({
  type: 'object',
  additionalProperties: false,
  properties: {
    output: { type: 'object', nullable: true },
    actualCost: { type: 'number', minimum: 0, maximum: MAXIMUM_AMOUNT, nullable: true },
  },
});

const parseAssign = bodyValidator({
  type: 'object',
  required: ['userId'],
  additionalProperties: false,
  properties: { userId: { type: 'string', minLength: 1, maxLength: 64 } },
});

const parseReassign = bodyValidator({
  type: 'object',
  required: ['department'],
  additionalProperties: false,
  properties: { department: { type: 'string', minLength: 1, maxLength: 64 } },
});

export interface TaskRouteHooks {
  /** A task completed through `POST /tasks/:id/complete` (metrics): its department. */
  readonly onCompleted?: (department: string) => void;
}

export function taskRoutes(context: EngineContext, hooks: TaskRouteHooks = {}): Router {
  const router = Router();
  const noQuery = acceptsQuery();
  const inboxQuery = acceptsQuery('department', 'status', 'overdue', 'instance', 'assignee', 'limit', 'cursor', 'q');
  // Requesters see their requests (GET /requests), not the departments' work.
  router.use('/tasks', requireRole('owner', 'manager', 'staff'));

  router.get('/tasks', inboxQuery, async (request, response) => {
    const page = await listTasks(
      context.db,
      {
        department: optionalString(request.query, 'department'),
        status: optionalEnum(request.query, 'status', TASK_STATUSES),
        overdue: optionalBoolean(request.query, 'overdue'),
        instanceId: optionalString(request.query, 'instance'),
        assignee: optionalString(request.query, 'assignee'),
        titleContains: optionalText(request.query, 'q', MAXIMUM_SEARCH_LENGTH),
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
    hooks.onCompleted?.(task.department);
    response.json(taskJson(task));
  });

  router.post('/tasks/:id/claim', noQuery, async (request, response) => {
    response.json(taskJson(await claimTask(context.db, pathParam(request.params, 'id'), actorOf(response))));
  });

  router.post('/tasks/:id/unclaim', noQuery, async (request, response) => {
    response.json(taskJson(await unclaimTask(context.db, pathParam(request.params, 'id'), actorOf(response))));
  });

  router.post('/tasks/:id/assign', noQuery, async (request, response) => {
    const { userId } = parseAssign(request.body ?? {});
    const task = await assignTask(context.db, pathParam(request.params, 'id'), userId, actorOf(response));
    response.json(taskJson(task));
  });

  router.post('/tasks/:id/reassign', noQuery, async (request, response) => {
    const { department } = parseReassign(request.body ?? {});
    const task = await reassignTask(context, pathParam(request.params, 'id'), department, actorOf(response));
    response.json(taskJson(task));
  });

  return router;
}
