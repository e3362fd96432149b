import { Router } from 'express';
import type { EngineContext } from '../../engine/context';
import { assertMayReadInstance } from '../../engine/instance-access';
import { getCatalogueItem, getRequest, listCatalogue, listRequests, requestFromCatalogue } from '../../engine/requests';
import type { JsonObject } from '../../plan/types';
import { actorOf } from '../auth';
import { acceptsQuery, bodyValidator, idempotencyKeyOf, limitOf, optionalString, pathParam } from '../request';

const parseRequest = bodyValidator({
  type: 'object',
  required: ['input'],
  additionalProperties: false,
  properties: { input: { type: 'object' } },
});

/**
 * The requesters' door: what they may ask for, asking, and following what they asked. Every role
 * may use it (a manager requests a laptop too); each sees only their own requests here.
 */
export function requestRoutes(context: EngineContext): Router {
  const router = Router();
  const noQuery = acceptsQuery();

  router.get('/catalogue', noQuery, async (_request, response) => {
    response.json({ items: await listCatalogue(context.db, actorOf(response)), nextCursor: null });
  });

  router.get('/catalogue/:key', noQuery, async (request, response) => {
    response.json(await getCatalogueItem(context.db, pathParam(request.params, 'key'), actorOf(response)));
  });

  router.post('/catalogue/:key/requests', noQuery, async (request, response) => {
    const { input } = parseRequest(request.body ?? {});
    const actor = actorOf(response);
    const { row, created } = await requestFromCatalogue(
      context,
      pathParam(request.params, 'key'),
      // Parsed from JSON and checked to be an object just above.
      input as JsonObject,
      actor,
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    response
      .status(created ? 201 : 200)
      .location(`/requests/${row.id}`)
      .json(await getRequest(context, row.id, actor));
  });

  router.get('/requests', acceptsQuery('limit', 'cursor'), async (request, response) => {
    const page = await listRequests(context.db, actorOf(response), {
      limit: limitOf(request.query),
      cursor: optionalString(request.query, 'cursor'),
    });
    response.json(page);
  });

  router.get('/requests/:id', noQuery, async (request, response) => {
    const id = pathParam(request.params, 'id');
    const actor = actorOf(response);
    await assertMayReadInstance(context.db, id, actor);
    response.json(await getRequest(context, id, actor));
  });

  return router;
}
