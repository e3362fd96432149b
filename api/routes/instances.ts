import { Router } from 'express';
import type { EngineContext } from '../../engine/context';
import { assertMayReadInstance } from '../../engine/instance-access';
import {
  cancelInstance,
  changeInstanceInput,
  getInstance,
  listInstances,
  resolveFailedStep,
} from '../../engine/instances';
import { planInputChange, planRunningInstance } from '../../engine/plans';
import { INSTANCE_STATUSES } from '../../plan/instance-view';
import type { JsonObject } from '../../plan/types';
import { actorOf, requireRole } from '../auth';
import { instanceJson, instanceSummaryJson } from '../presenters';
import { acceptsQuery, bodyValidator, limitOf, optionalEnum, optionalString, pathParam } from '../request';

const parseInputChange = bodyValidator({
  type: 'object',
  required: ['input'],
  additionalProperties: false,
  properties: { input: { type: 'object' } },
});

export function instanceRoutes(context: EngineContext): Router {
  const router = Router();
  const readers = requireRole('owner', 'manager');
  // Staff read the instances their department works on.
  const instanceReaders = requireRole('owner', 'manager', 'staff');
  const noQuery = acceptsQuery();
  const listQuery = acceptsQuery('key', 'status', 'limit', 'cursor');

  router.get('/instances', readers, listQuery, async (request, response) => {
    const page = await listInstances(context, {
      key: optionalString(request.query, 'key'),
      status: optionalEnum(request.query, 'status', INSTANCE_STATUSES),
      limit: limitOf(request.query),
      cursor: optionalString(request.query, 'cursor'),
    });
    response.json({ items: page.items.map(instanceSummaryJson), nextCursor: page.nextCursor });
  });

  router.get('/instances/:id', instanceReaders, noQuery, async (request, response) => {
    const id = pathParam(request.params, 'id');
    await assertMayReadInstance(context.db, id, actorOf(response));
    response.json(instanceJson(await getInstance(context, id)));
  });

  // The action plan from where the instance stands: real dates of what ended, the rest scheduled from now.
  router.get('/instances/:id/plan', instanceReaders, noQuery, async (request, response) => {
    const id = pathParam(request.params, 'id');
    await assertMayReadInstance(context.db, id, actorOf(response));
    response.json(await planRunningInstance(context, id));
  });

  // The plan as if the input changed (PATCH /instances/:id/input's preview): nothing changes.
  router.post('/instances/:id/plan', requireRole('owner', 'manager'), noQuery, async (request, response) => {
    const { input } = parseInputChange(request.body);
    // Parsed from JSON: plain JSON values.
    response.json(await planInputChange(context, pathParam(request.params, 'id'), input as JsonObject));
  });

  router.post('/instances/:id/cancel', requireRole('manager'), noQuery, async (request, response) => {
    response.json(instanceJson(await cancelInstance(context, pathParam(request.params, 'id'), actorOf(response))));
  });

  router.patch('/instances/:id/input', requireRole('owner', 'manager'), noQuery, async (request, response) => {
    const { input } = parseInputChange(request.body);
    const id = pathParam(request.params, 'id');
    // Parsed from JSON: plain JSON values.
    response.json(instanceJson(await changeInstanceInput(context, id, input as JsonObject, actorOf(response))));
  });

  for (const action of ['retry', 'skip'] as const) {
    router.post(
      `/instances/:id/steps/:stepId/${action}`,
      requireRole('manager'),
      noQuery,
      async (request, response) => {
        const id = pathParam(request.params, 'id');
        const stepId = pathParam(request.params, 'stepId');
        response.json(instanceJson(await resolveFailedStep(context, id, stepId, action, actorOf(response))));
      },
    );
  }

  return router;
}
