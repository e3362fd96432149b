import { Router } from 'express';
import { commentOnInstance, commentOnTask, listInstanceComments, listTaskComments } from '../../engine/comments';
import type { EngineContext } from '../../engine/context';
import { actorOf } from '../auth';
import { commentJson } from '../presenters';
import { acceptsQuery, bodyValidator, limitOf, optionalString, pathParam } from '../request';

/** A comment's text is bounded: it is stored, shown and mailed to every participant. */
export const MAXIMUM_COMMENT_LENGTH = 10_000;

const parseComment = bodyValidator({
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  properties: { body: { type: 'string', minLength: 1, maxLength: MAXIMUM_COMMENT_LENGTH, pattern: '\\S' } },
});

/**
 * Comments on an instance (requesters on their own requests, staff on the instances they work
 * on) and on a task; each tells the other participants.
 */
export function commentRoutes(context: EngineContext): Router {
  const router = Router();
  const noQuery = acceptsQuery();
  const pageQuery = acceptsQuery('limit', 'cursor');
  const pageOf = (query: Record<string, unknown>) => ({
    limit: limitOf(query),
    cursor: optionalString(query, 'cursor'),
  });

  for (const base of ['/instances', '/requests']) {
    router.get(`${base}/:id/comments`, pageQuery, async (request, response) => {
      const id = pathParam(request.params, 'id');
      const page = await listInstanceComments(context.db, id, actorOf(response), pageOf(request.query));
      response.json({ items: page.items.map(commentJson), nextCursor: page.nextCursor });
    });
    router.post(`${base}/:id/comments`, noQuery, async (request, response) => {
      const { body } = parseComment(request.body ?? {});
      const comment = await commentOnInstance(context.db, pathParam(request.params, 'id'), { body }, actorOf(response));
      response.status(201).json(commentJson(comment));
    });
  }

  router.get('/tasks/:id/comments', pageQuery, async (request, response) => {
    const id = pathParam(request.params, 'id');
    const page = await listTaskComments(context.db, id, actorOf(response), pageOf(request.query));
    response.json({ items: page.items.map(commentJson), nextCursor: page.nextCursor });
  });
  router.post('/tasks/:id/comments', noQuery, async (request, response) => {
    const { body } = parseComment(request.body ?? {});
    const comment = await commentOnTask(context.db, pathParam(request.params, 'id'), { body }, actorOf(response));
    response.status(201).json(commentJson(comment));
  });

  return router;
}
