import { Router } from 'express';
import { createWebhook, deleteWebhook, listWebhooks } from '../../channels/webhooks';
import type { EngineContext } from '../../engine/context';
import { listNotifications, redeliver } from '../../engine/notifications';
import { NOTIFICATION_KINDS } from '../../plan/recipient';
import { actorOf, requireRole } from '../auth';
import { deliveryJson, notificationJson, webhookJson } from '../presenters';
import { acceptsQuery, bodyValidator, limitOf, optionalEnum, optionalString, pathParam } from '../request';

const parseWebhook = bodyValidator({
  type: 'object',
  required: ['url', 'events'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2000 },
    events: {
      type: 'array',
      minItems: 1,
      maxItems: NOTIFICATION_KINDS.length + 1,
      items: { type: 'string', enum: ['*', ...NOTIFICATION_KINDS] },
    },
    secret: { type: 'string', maxLength: 200 },
  },
});

/** The outbox with its deliveries, redeliveries, and the webhooks notifications also go to. */
export function notificationRoutes(context: EngineContext): Router {
  const router = Router();
  const noQuery = acceptsQuery();
  const adminOnly = requireRole();
  const outboxQuery = acceptsQuery('instance', 'kind', 'limit', 'cursor');

  router.get('/notifications', requireRole('manager', 'owner', 'staff'), outboxQuery, async (request, response) => {
    const page = await listNotifications(
      context.db,
      {
        instanceId: optionalString(request.query, 'instance'),
        kind: optionalEnum(request.query, 'kind', NOTIFICATION_KINDS),
        limit: limitOf(request.query),
        cursor: optionalString(request.query, 'cursor'),
      },
      actorOf(response),
    );
    response.json({
      items: page.items.map(({ notification, deliveries }) => ({
        ...notificationJson(notification),
        deliveries: deliveries.map(deliveryJson),
      })),
      nextCursor: page.nextCursor,
    });
  });

  router.post('/deliveries/:id/redeliver', adminOnly, noQuery, async (request, response) => {
    response.json(deliveryJson(await redeliver(context.db, pathParam(request.params, 'id'), actorOf(response))));
  });

  router.post('/webhooks', adminOnly, noQuery, async (request, response) => {
    const webhook = await createWebhook(context.db, parseWebhook(request.body), actorOf(response));
    response.status(201).json({ ...webhookJson(webhook), secret: webhook.secret });
  });

  router.get('/webhooks', adminOnly, noQuery, async (_request, response) => {
    response.json({ items: (await listWebhooks(context.db)).map(webhookJson), nextCursor: null });
  });

  router.delete('/webhooks/:id', adminOnly, noQuery, async (request, response) => {
    await deleteWebhook(context.db, pathParam(request.params, 'id'), actorOf(response));
    response.status(204).end();
  });

  return router;
}
