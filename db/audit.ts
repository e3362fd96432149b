import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The audit trail's writing side: every change made through Baton, one `audit_events` row in the
 * change's own transaction where it has one (the table is append-only, see migration 0011). Each
 * action names the kind of thing it changes, its subject.
 */
export const AUDIT_ACTIONS = {
  'definition.deployed': 'definition',
  'instance.started': 'instance',
  'instance.cancelled': 'instance',
  'instance.input-changed': 'instance',
  'step.retried': 'step',
  'step.skipped': 'step',
  'task.claimed': 'task',
  'task.unclaimed': 'task',
  'task.assigned': 'task',
  'task.reassigned': 'task',
  'task.completed': 'task',
  'comment.added': 'comment',
  'user.created': 'user',
  'user.updated': 'user',
  'user.deactivated': 'user',
  'user.token-rotated': 'user',
  'user.token-created': 'user',
  'user.token-revoked': 'user',
  'department.created': 'department',
  'department.updated': 'department',
  'webhook.created': 'webhook',
  'webhook.deleted': 'webhook',
  'delivery.redelivered': 'delivery',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export type AuditSubjectType = (typeof AUDIT_ACTIONS)[AuditAction];

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as readonly AuditAction[];

/** Who acted: a user, the bootstrap admin (`admin`), or Baton itself (`system`, e.g. deploys at start). */
export interface AuditActor {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

/** Changes Baton makes on its own behalf: the definitions `npm start` deploys. */
export const SYSTEM_ACTOR: AuditActor = { id: 'startup', name: 'Baton (start-up)', role: 'system' };

export interface AuditEvent {
  readonly actor: AuditActor;
  readonly action: AuditAction;
  /** The id of what changed: a definition `key@version`, an instance, task, user... id. */
  readonly subjectId: string;
  readonly instanceId?: string | null;
  readonly taskId?: string | null;
  /** What the changed fields were, and became; null where the change has no such side (a creation). */
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The request an API call runs in, so that its audit rows name it (`X-Request-Id`). */
const requestScope = new AsyncLocalStorage<string>();

export function inRequestScope<T>(requestId: string, run: () => T): T {
  return requestScope.run(requestId, run);
}

/** The id of the API request this code runs for; undefined outside one (a timer, the reconciler). */
export function currentRequestId(): string | undefined {
  return requestScope.getStore();
}

/** Writes the event in the caller's transaction (or on its own when given the data source). */
export async function recordAudit(db: EntityManager | DataSource, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (actor_id, actor_name, actor_role, action, subject_type, subject_id, instance_id, task_id,
       before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      event.actor.id,
      event.actor.name,
      event.actor.role,
      event.action,
      AUDIT_ACTIONS[event.action],
      event.subjectId,
      event.instanceId ?? null,
      event.taskId ?? null,
      jsonOrNull(event.before),
      jsonOrNull(event.after),
      requestScope.getStore() ?? null,
    ],
  );
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * SQL for the name and the role of an actor whose id the text expression `idSql` holds, for the
 * writes an activity makes on a person's behalf (a completion), which know only the id.
 */
export function actorColumnsSql(idSql: string): { name: string; role: string } {
  const user = (column: string) =>
    `(SELECT ${column} FROM users WHERE users.id = CASE WHEN ${idSql} ~ '^[0-9a-f-]{36}$' THEN (${idSql})::uuid END)`;
  return {
    name: `CASE WHEN ${idSql} = 'admin' THEN 'bootstrap admin' ELSE coalesce(${user('name')}, ${idSql}) END`,
    role: `CASE WHEN ${idSql} = 'admin' THEN 'admin' ELSE coalesce(${user('role')}, 'unknown') END`,
  };
}
