import { Type } from '@sinclair/typebox';
import { AUDIT_ACTION_NAMES } from '../../db/audit';
import { type AuditEntry, listAudit } from '../../engine/audit';
import type { EngineContext } from '../../engine/context';
import { assertMayReadInstance } from '../../engine/instance-access';
import { instanceTimeline } from '../../engine/timeline';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import { OneOf, PageQuery } from '../contract/schemas';
import { type AuditEntryJson, AuditPage, InstanceTimeline } from '../contract/service-schemas';

/** An instant or a day: the engine reads either and says which forms it takes when it is neither. */
const Instant = (description: string) => Type.String({ maxLength: 40, description });

const AuditQuery = Type.Object({
  actor: Type.Optional(
    Type.String({ maxLength: 64, description: 'a user id, `admin` (the bootstrap admin) or `startup`' }),
  ),
  instance: Type.Optional(Type.String({ maxLength: 64, description: "an instance's id" })),
  action: Type.Optional(OneOf(AUDIT_ACTION_NAMES)),
  from: Type.Optional(Instant('from this instant on: an RFC 3339 date-time, or a `YYYY-MM-DD` day (UTC)')),
  to: Type.Optional(Instant('before this instant: an RFC 3339 date-time, or a `YYYY-MM-DD` day (UTC), included')),
  ...PageQuery,
});

const TimelineQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000, description: 'entries at most (default 200)' })),
});

export function auditRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();

  api.get(
    '/audit',
    {
      operationId: 'listAudit',
      summary: 'Who changed what, newest first: the audit trail',
      description: 'Every change made through Baton, one entry each, never changed nor deleted.',
      tags: ['audit'],
      roles: ['manager'],
      query: AuditQuery,
      result: AuditPage,
    },
    async ({ query }) => {
      const page = await listAudit(context.db, {
        actor: query.actor,
        instanceId: query.instance,
        action: query.action,
        from: query.from,
        to: query.to,
        limit: query.limit ?? 50,
        cursor: query.cursor,
      });
      return { items: page.items.map(auditJson), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/instances/:id/timeline',
    {
      operationId: 'getInstanceTimeline',
      summary: "An instance's story: Baton's records and the workflow's history, in time order",
      description:
        'Read by whoever reads the instance (`GET /instances/{id}`). Staff see who did what on the tasks of other ' +
        'departments, not what it said (their output, their comments). Temporal out of reach leaves the ' +
        "workflow's side as one `history-unavailable` entry.",
      tags: ['audit'],
      roles: ['owner', 'manager', 'staff'],
      query: TimelineQuery,
      result: InstanceTimeline,
    },
    async ({ params, query }, _request, response) => {
      const reader = actorOf(response);
      await assertMayReadInstance(context.db, params.id, reader);
      return instanceTimeline(context, params.id, query.limit ?? 200, reader);
    },
  );

  return api;
}

function auditJson(entry: AuditEntry): AuditEntryJson {
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
