import { Type } from '@sinclair/typebox';
import {
  commentOnInstance,
  commentOnTask,
  listInstanceComments,
  listTaskComments,
  MAXIMUM_COMMENTS_PER_INSTANCE,
} from '../../engine/comments';
import type { EngineContext } from '../../engine/context';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import { Comment, PageQuery } from '../contract/schemas';
import { CommentBody, CommentPage } from '../contract/service-schemas';
import { commentJson } from '../presenters';

/** `/instances/:id/comments` and `/requests/:id/comments` are one thread, under each of the names a reader knows. */
const INSTANCE_THREADS = [
  { base: '/instances', noun: 'Instance', what: 'an instance' },
  { base: '/requests', noun: 'Request', what: 'a request (its instance)' },
] as const;

/**
 * Comments on an instance (requesters on their own requests, staff on the instances they work
 * on) and on a task; each tells the other participants.
 */
export function commentRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['comments'];
  const query = Type.Object(PageQuery);
  const pageOf = (page: { limit?: number; cursor?: string }) => ({ limit: page.limit ?? 50, cursor: page.cursor });

  for (const { base, noun, what } of INSTANCE_THREADS) {
    api.get(
      `${base}/:id/comments`,
      {
        operationId: `list${noun}Comments`,
        summary: `The comments on ${what}, oldest first`,
        description:
          "Whoever may read the instance reads them; a requester's list leaves out the staff's comments on its tasks.",
        tags,
        query,
        result: CommentPage,
      },
      async ({ params, query }, _request, response) => {
        const page = await listInstanceComments(context.db, params.id, actorOf(response), pageOf(query));
        return { items: page.items.map(commentJson), nextCursor: page.nextCursor };
      },
    );
    api.post(
      `${base}/:id/comments`,
      {
        operationId: `commentOn${noun}`,
        summary: `Comment on ${what}; the other participants are told`,
        description:
          'Whoever holds each open task (its department when nobody does) and the requester are told. ' +
          `409: the instance holds ${MAXIMUM_COMMENTS_PER_INSTANCE} comments, the most it keeps.`,
        tags,
        body: CommentBody,
        result: Comment,
        status: 201,
        links: { listComments: { operationId: `list${noun}Comments`, parameters: { id: '$request.path.id' } } },
      },
      async ({ params, body }, _request, response) =>
        commentJson(await commentOnInstance(context.db, params.id, { body: body.body }, actorOf(response))),
    );
  }

  api.get(
    '/tasks/:id/comments',
    {
      operationId: 'listTaskComments',
      summary: 'The comments on a task, oldest first',
      description: 'Read by whoever may read the task (`GET /tasks/{id}`).',
      tags,
      query,
      result: CommentPage,
    },
    async ({ params, query }, _request, response) => {
      const page = await listTaskComments(context.db, params.id, actorOf(response), pageOf(query));
      return { items: page.items.map(commentJson), nextCursor: page.nextCursor };
    },
  );
  api.post(
    '/tasks/:id/comments',
    {
      operationId: 'commentOnTask',
      summary: 'Comment on a task; the other participants are told',
      description:
        'A comment on a task stays among the staff: the requester is not told, and requesters may not write one (403; ' +
        `they comment on their request). 409: the instance holds ${MAXIMUM_COMMENTS_PER_INSTANCE} comments, the most it keeps.`,
      tags,
      body: CommentBody,
      result: Comment,
      status: 201,
      links: { listComments: { operationId: 'listTaskComments', parameters: { id: '$request.path.id' } } },
    },
    async ({ params, body }, _request, response) =>
      commentJson(await commentOnTask(context.db, params.id, { body: body.body }, actorOf(response))),
  );

  return api;
}
