import { Router } from 'express';
import type { EngineContext } from '../../engine/context';
import { listNotifications } from '../../engine/notifications';
import { NOTIFICATION_KINDS } from '../../plan/recipient';
import { requireRole } from '../auth';
import { notificationJson } from '../presenters';
import { acceptsQuery, limitOf, optionalEnum, optionalString } from '../request';

export function notificationRoutes(context: EngineContext): Router {
  const router = Router();
  const outboxQuery = acceptsQuery('instance', 'kind', 'limit', 'cursor');

  router.get('/notifications', requireRole('manager'), outboxQuery, async (request, response) => {
    const page = await listNotifications(context.db, {
      instanceId: optionalString(request.query, 'instance'),
      kind: optionalEnum(request.query, 'kind', NOTIFICATION_KINDS),
      limit: limitOf(request.query),
      cursor: optionalString(request.query, 'cursor'),
    });
    response.json({ items: page.items.map(notificationJson), nextCursor: page.nextCursor });
  });

  return router;
}
