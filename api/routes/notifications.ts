import { Type } from '@sinclair/typebox';
import { createWebhook, deleteWebhook, listWebhooks } from '../../channels/webhooks';
import type { EngineContext } from '../../engine/context';
import { listNotifications, redeliver } from '../../engine/notifications';
import { NOTIFICATION_KINDS } from '../../plan/recipient';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import { Delivery, OneOf, PageQuery } from '../contract/schemas';
import { CreatedWebhook, NotificationPage, WebhookBody, WebhookPage } from '../contract/service-schemas';
import { deliveryJson, notificationJson, webhookJson } from '../presenters';

const OutboxQuery = Type.Object({
  instance: Type.Optional(Type.String({ maxLength: 64, description: "an instance's id" })),
  kind: Type.Optional(OneOf(NOTIFICATION_KINDS)),
  ...PageQuery,
});

/** The outbox with its deliveries, redeliveries, and the webhooks notifications also go to. */
export function notificationRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const adminOnly = [] as const;

  api.get(
    '/notifications',
    {
      operationId: 'listNotifications',
      summary: 'The outbox: what Baton told whom, oldest first, each with its deliveries',
      description: 'Managers, owners and admins read all of it; staff what was sent to them or to their department.',
      tags: ['notifications'],
      roles: ['manager', 'owner', 'staff'],
      query: OutboxQuery,
      result: NotificationPage,
      links: {
        redeliverFirst: {
          operationId: 'redeliver',
          parameters: { id: '$response.body#/items/0/deliveries/0/id' },
        },
      },
    },
    async ({ query }, _request, response) => {
      const page = await listNotifications(
        context.db,
        { instanceId: query.instance, kind: query.kind, limit: query.limit ?? 50, cursor: query.cursor },
        actorOf(response),
      );
      return {
        items: page.items.map(({ notification, deliveries }) => ({
          ...notificationJson(notification),
          deliveries: deliveries.map(deliveryJson),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  api.post(
    '/deliveries/:id/redeliver',
    {
      operationId: 'redeliver',
      summary: 'Try a delivery again now (once its cause is fixed); its attempts count on',
      description:
        'A failed, dead, waiting or delivered one. 409: it has nobody to go to, it waits for its ' +
        "recipient's daily digest, or it is being sent right now.",
      tags: ['notifications'],
      roles: adminOnly,
      result: Delivery,
    },
    async ({ params }, _request, response) => deliveryJson(await redeliver(context.db, params.id, actorOf(response))),
  );

  const tags = ['webhooks'];

  api.post(
    '/webhooks',
    {
      operationId: 'createWebhook',
      summary: 'Send notifications to a URL too, signed (Standard Webhooks)',
      description: "The answer holds the webhook's secret, shown this once.",
      tags,
      roles: adminOnly,
      body: WebhookBody,
      result: CreatedWebhook,
      status: 201,
      links: { delete: { operationId: 'deleteWebhook', parameters: { id: '$response.body#/id' } } },
    },
    async ({ body }, _request, response) => {
      const webhook = await createWebhook(context.db, body, actorOf(response));
      return { ...webhookJson(webhook), secret: webhook.secret };
    },
  );

  api.get(
    '/webhooks',
    {
      operationId: 'listWebhooks',
      summary: 'The webhooks notifications go to, oldest first (never their secrets)',
      tags,
      roles: adminOnly,
      result: WebhookPage,
    },
    async () => ({ items: (await listWebhooks(context.db)).map(webhookJson), nextCursor: null }),
  );

  api.delete(
    '/webhooks/:id',
    {
      operationId: 'deleteWebhook',
      summary: 'Stop sending to a webhook; its past deliveries stay readable',
      tags,
      roles: adminOnly,
    },
    async ({ params }, _request, response) => {
      await deleteWebhook(context.db, params.id, actorOf(response));
    },
  );

  return api;
}
