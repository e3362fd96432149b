import { Type } from '@sinclair/typebox';
import type { EngineContext } from '../../engine/context';
import { assertMayReadInstance } from '../../engine/instance-access';
import {
  getCatalogueItem,
  getRequest,
  listCatalogue,
  listRequests,
  type RequestDetails,
  requestFromCatalogue,
} from '../../engine/requests';
import type { JsonObject } from '../../plan/types';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import { PageQuery } from '../contract/schemas';
import {
  CatalogueItem,
  CataloguePage,
  Request,
  RequestBody,
  type RequestJson,
  RequestPage,
} from '../contract/service-schemas';
import { idempotencyKeyHeader, idempotencyKeyOf } from '../request';

/**
 * The requesters' door: what they may ask for, asking, and following what they asked. Every role
 * may use it (a manager requests a laptop too); each sees only their own requests here.
 */
export function requestRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['requests'];

  api.get(
    '/catalogue',
    {
      operationId: 'listCatalogue',
      summary: 'What the caller may request: the catalogue, by category and title',
      description: 'Only the processes whose audience includes the caller (admins see all); one page, never a cursor.',
      tags,
      result: CataloguePage,
      links: {
        getFirstItem: { operationId: 'getCatalogueItem', parameters: { key: '$response.body#/items/0/key' } },
      },
    },
    async (_input, _request, response) => ({
      items: await listCatalogue(context.db, actorOf(response)),
      nextCursor: null,
    }),
  );

  api.get(
    '/catalogue/:key',
    {
      operationId: 'getCatalogueItem',
      summary: 'One process of the catalogue, with the form a request fills',
      description: 'A key unknown, out of the catalogue or not offered to the caller is the same 404.',
      tags,
      result: CatalogueItem,
      links: { request: { operationId: 'requestFromCatalogue', parameters: { key: '$response.body#/key' } } },
    },
    async ({ params }, _request, response) => getCatalogueItem(context.db, params.key, actorOf(response)),
  );

  api.post(
    '/catalogue/:key/requests',
    {
      operationId: 'requestFromCatalogue',
      summary: 'Request a process of the catalogue: the caller becomes its requester',
      description:
        'The fields the catalogue fills from the requester (their email, department...) are theirs, whatever was sent; ' +
        'one Baton does not know is a 422 saying how to set it. Answers 201 with `Location`; a request sent again ' +
        'with the same `Idempotency-Key` answers 200 with the request it made the first time. ' +
        'The bootstrap admin cannot request anything (409).',
      tags,
      body: RequestBody,
      headers: idempotencyKeyHeader('request', 'request'),
      result: Request,
      status: 201,
      alsoAnswers: { 200: 'the Idempotency-Key was sent before: the request it made' },
      links: {
        getRequest: { operationId: 'getRequest', parameters: { id: '$response.body#/id' } },
        commentOnRequest: { operationId: 'commentOnRequest', parameters: { id: '$response.body#/id' } },
      },
    },
    async ({ params, body }, request, response) => {
      const actor = actorOf(response);
      const { row, created } = await requestFromCatalogue(
        context,
        params.key,
        // Parsed from JSON and checked to be an object.
        body.input as JsonObject,
        actor,
        { idempotencyKey: idempotencyKeyOf(request) },
      );
      const made = requestJson(await getRequest(context, row.id, actor));
      response.location(`/requests/${row.id}`);
      if (!created) response.status(200).json(made);
      return made;
    },
  );

  api.get(
    '/requests',
    {
      operationId: 'listRequests',
      summary: "The caller's own requests, newest first",
      tags,
      query: Type.Object(PageQuery),
      result: RequestPage,
      links: { getFirstRequest: { operationId: 'getRequest', parameters: { id: '$response.body#/items/0/id' } } },
    },
    async ({ query }, _request, response) =>
      listRequests(context.db, actorOf(response), { limit: query.limit ?? 50, cursor: query.cursor }),
  );

  api.get(
    '/requests/:id',
    {
      operationId: 'getRequest',
      summary: 'A request: where it stands, what it waits on, when it should be done, its story',
      description:
        "A requester reads their own requests only; others whoever may read the instance. Staff's comments on tasks " +
        "are left out of a requester's timeline.",
      tags,
      result: Request,
      links: {
        listComments: { operationId: 'listRequestComments', parameters: { id: '$request.path.id' } },
        listAttachments: { operationId: 'listRequestAttachments', parameters: { id: '$request.path.id' } },
      },
    },
    async ({ params }, _request, response) => {
      const actor = actorOf(response);
      await assertMayReadInstance(context.db, params.id, actor);
      return requestJson(await getRequest(context, params.id, actor));
    },
  );

  return api;
}

/** The engine keeps its lists read-only; the JSON is a copy. */
function requestJson(details: RequestDetails): RequestJson {
  return { ...details, waitingOn: [...details.waitingOn], timeline: [...details.timeline] };
}
