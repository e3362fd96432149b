import { Router } from 'express';
import { AUDIT_ACTION_NAMES } from '../../db/audit';
import { type AuditEntry, listAudit } from '../../engine/audit';
import type { EngineContext } from '../../engine/context';
import { assertMayReadInstance } from '../../engine/instance-access';
import { instanceTimeline } from '../../engine/timeline';
import { actorOf, requireRole } from '../auth';
import { acceptsQuery, limitOf, optionalEnum, optionalString, pathParam } from '../request';

export function auditRoutes(context: EngineContext): Router {
  const router = Router();

  // Who changed what: managers and admins read the whole trail, newest first.
  router.get(
    '/audit',
    requireRole('manager'),
    acceptsQuery('actor', 'instance', 'action', 'from', 'to', 'limit', 'cursor'),
    async (request, response) => {
      const page = await listAudit(context.db, {
        actor: optionalString(request.query, 'actor'),
        instanceId: optionalString(request.query, 'instance'),
        action: optionalEnum(request.query, 'action', AUDIT_ACTION_NAMES),
        from: optionalString(request.query, 'from'),
        to: optionalString(request.query, 'to'),
        limit: limitOf(request.query),
        cursor: optionalString(request.query, 'cursor'),
      });
      response.json({ items: page.items.map(auditJson), nextCursor: page.nextCursor });
    },
  );

  // Read by whoever reads the instance (GET /instances/:id).
  router.get(
    '/instances/:id/timeline',
    requireRole('owner', 'manager', 'staff'),
    acceptsQuery('limit'),
    async (request, response) => {
      const id = pathParam(request.params, 'id');
      const reader = actorOf(response);
      await assertMayReadInstance(context.db, id, reader);
      response.json(await instanceTimeline(context, id, limitOf(request.query, 200, 1_000), reader));
    },
  );

  return router;
}

function auditJson(entry: AuditEntry) {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    instanceId: entry.instanceId,
    taskId: entry.taskId,
    before: entry.before,
    after: entry.after,
    requestId: entry.requestId,
  };
}
