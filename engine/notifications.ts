import type { DataSource } from 'typeorm';
import { Notification, type NotificationRow } from '../db/entities/notification';
import { InvalidRequestError } from '../errors';
import type { NotificationKind } from '../plan/recipient';
import { isUuid } from './ids';
import { type Page, pageOf } from './pagination';

export interface NotificationFilter {
  readonly instanceId?: string;
  readonly kind?: NotificationKind;
  readonly limit: number;
  readonly cursor?: string;
}

/** The outbox, oldest first. */
export async function listNotifications(db: DataSource, filter: NotificationFilter): Promise<Page<NotificationRow>> {
  const query = db.getRepository(Notification).createQueryBuilder('n');
  if (filter.instanceId) {
    if (!isUuid(filter.instanceId))
      throw new InvalidRequestError(`instance must be an instance id (a UUID); got "${filter.instanceId}"`);
    query.andWhere('n.instance_id = :instanceId', { instanceId: filter.instanceId });
  }
  if (filter.kind) query.andWhere('n.kind = :kind', { kind: filter.kind });
  return pageOf(query, 'n.created_at', 'n.id', 'ASC', filter.limit, filter.cursor, (row) => row.createdAt);
}
