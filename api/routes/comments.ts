import { Router } from 'express';
import { commentOnInstance, commentOnTask, listInstanceComments, listTaskComments } from '../../engine/comments';
import type { EngineContext } from '../../engine/context';
import { actorOf } from '../auth';
import { commentJson } from '../presenters';
import { acceptsQuery, bodyValidator, pathParam } from '../request';

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

  for (const base of ['/instances', '/requests']) {
    router.get(`${base}/:id/comments`, noQuery, async (request, response) => {
      const comments = await listInstanceComments(context.db, pathParam(request.params, 'id'), actorOf(response));
      response.json({ items: comments.map(commentJson), nextCursor: null });
    });
    router.post(`${base}/:id/comments`, noQuery, async (request, response) => {
      const { body } = parseComment(request.body ?? {});
      const comment = await commentOnInstance(context.db, pathParam(request.params, 'id'), { body }, actorOf(response));
      response.status(201).json(commentJson(comment));
    });
  }

  router.get('/tasks/:id/comments', noQuery, async (request, response) => {
    const comments = await listTaskComments(context.db, pathParam(request.params, 'id'), actorOf(response));
    response.json({ items: comments.map(commentJson), nextCursor: null });
  });
  router.post('/tasks/:id/comments', noQuery, async (request, response) => {
    const { body } = parseComment(request.body ?? {});
    const comment = await commentOnTask(context.db, pathParam(request.params, 'id'), { body }, actorOf(response));
    response.status(201).json(commentJson(comment));
  });

  return router;
}
