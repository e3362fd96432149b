import type { DataSource } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Actor } from './context';
import { isUuid } from './ids';

/**
 * Who reads an instance: owners, managers and admins any; staff one a task of their department
 * belongs to (a sub-process's tasks belong to its parent too); a requester their own request.
 */
export async function assertMayReadInstance(db: DataSource, instanceId: string, actor: Actor): Promise<void> {
  if (!isUuid(instanceId)) throw new NotFoundError(`no instance has the id ${instanceId}`);
  if (actor.role === 'admin' || actor.role === 'owner' || actor.role === 'manager') return;
  if (actor.role === 'requester') {
    const [own]: unknown[] = await db.query('SELECT 1 FROM instances WHERE id = $1 AND requester_id = $2', [
      instanceId,
      actor.id,
    ]);
    if (!own) throw new NotFoundError(`you have no request ${instanceId}; see GET /requests`);
    return;
  }
  const [involved]: unknown[] = await db.query(
    `SELECT 1 FROM tasks WHERE (instance_id = $1 OR parent_instance_id = $1) AND department = $2 LIMIT 1`,
    [instanceId, actor.department],
  );
  if (!involved) {
    throw new ForbiddenError(
      `no task of instance ${instanceId} is ${actor.department}'s; staff read the instances they work on`,
    );
  }
}
