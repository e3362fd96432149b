import type { DataSource } from 'typeorm';
import { recordAudit } from '../db/audit';
import { Delivery, type DeliveryRow } from '../db/entities/delivery';
import { Notification, type NotificationRow, OUTBOX_CHANNEL } from '../db/entities/notification';
import { notify } from '../db/listen';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors';
import type { NotificationKind } from '../plan/recipient';
import type { Actor } from './context';
import { isUuid } from './ids';
import { type Page, pageOf } from './pagination';

export interface NotificationFilter {
  readonly instanceId?: string;
  readonly kind?: NotificationKind;
  readonly limit: number;
  readonly cursor?: string;
}

export interface NotificationWithDeliveries {
  readonly notification: NotificationRow;
  readonly deliveries: readonly DeliveryRow[];
}

/**
 * The outbox, oldest first, each notification with its deliveries. Managers, owners and admins
 * read all of it; others what was sent to them, and staff their department's too.
 */
export async function listNotifications(
  db: DataSource,
  filter: NotificationFilter,
  actor: Actor,
): Promise<Page<NotificationWithDeliveries>> {
  const query = db.getRepository(Notification).createQueryBuilder('n');
  if (filter.instanceId) {
    if (!isUuid(filter.instanceId))
      throw new InvalidRequestError(`instance must be an instance id (a UUID); got "${filter.instanceId}"`);
    query.andWhere('n.instance_id = :instanceId', { instanceId: filter.instanceId });
  }
  if (filter.kind) query.andWhere('n.kind = :kind', { kind: filter.kind });
  if (actor.role !== 'admin' && actor.role !== 'manager' && actor.role !== 'owner') {
    query.andWhere(
      `(n.recipient IN (:...mine) OR EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = n.id AND d.user_id::text = :me))`,
      {
        mine: [`user:${actor.id}`, ...(actor.role === 'staff' ? [`department:${actor.department}`] : [])],
        me: actor.id,
      },
    );
  }
  const page = await pageOf(query, 'n.created_at', 'n.id', 'ASC', filter.limit, filter.cursor, (row) => row.createdAt);
  const deliveries =
    page.items.length === 0
      ? []
      : await db
          .getRepository(Delivery)
          .createQueryBuilder('d')
          .where('d.notification_id IN (:...ids)', { ids: page.items.map((row) => row.id) })
          .orderBy('d.created_at')
          .addOrderBy('d.channel')
          .addOrderBy('d.address')
          .getMany();
  return {
    items: page.items.map((notification) => ({
      notification,
      deliveries: deliveries.filter((delivery) => delivery.notificationId === notification.id),
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * A delivery is tried again now (a failed or dead one, one waiting for its next attempt, or a
 * delivered one sent again), its attempts counted on; admins do this once the cause is fixed.
 */
export async function redeliver(db: DataSource, id: string, actor: Actor): Promise<DeliveryRow> {
  const repository = db.getRepository(Delivery);
  const delivery = isUuid(id) ? await repository.findOneBy({ id }) : null;
  if (!delivery) throw new NotFoundError(`no delivery has the id ${id}; see GET /notifications`);
  if (delivery.address === null) {
    throw new ConflictError(`delivery ${id} has nobody to go to (${delivery.lastError}); fix that, it is not retried`);
  }
  if (delivery.status === 'held') {
    throw new ConflictError(`delivery ${id} waits for its recipient's daily digest, which they chose`);
  }
  if (delivery.status === 'pending' && delivery.leaseUntil !== null && delivery.leaseUntil > new Date()) {
    throw new ConflictError(`delivery ${id} is being sent right now; read it again in a moment`);
  }
  await db.transaction(async (tx) => {
    await tx
      .getRepository(Delivery)
      .update({ id }, { status: 'pending', nextAttemptAt: new Date(), leaseUntil: null, lastError: null });
    await tx.getRepository(Notification).update({ id: delivery.notificationId }, { deliveredAt: null });
    const notification = await tx.getRepository(Notification).findOneBy({ id: delivery.notificationId });
    await recordAudit(tx, {
      actor,
      action: 'delivery.redelivered',
      subjectId: id,
      instanceId: notification?.instanceId ?? null,
      taskId: notification?.taskId ?? null,
      before: { status: delivery.status, lastError: delivery.lastError },
      after: { status: 'pending' },
    });
    await notify(tx, OUTBOX_CHANNEL);
  });
  return { ...delivery, status: 'pending', lastError: null };
}
