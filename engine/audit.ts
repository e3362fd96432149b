import type { DataSource } from 'typeorm';
import type { AuditAction, AuditSubjectType } from '../db/audit';
import { InvalidRequestError } from '../errors';
import { parseIsoDate } from '../plan/civil-date';
import { isUuid } from './ids';
import { decodeCursor, type Page, pageFromRows } from './pagination';

/** One row of the audit trail, as the API shows it. */
export interface AuditEntry {
  readonly id: string;
  readonly at: Date;
  readonly actor: { readonly id: string; readonly name: string; readonly role: string };
  readonly action: AuditAction;
  readonly subject: { readonly type: AuditSubjectType; readonly id: string };
  readonly instanceId: string | null;
  readonly taskId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string | null;
}

export interface AuditFilter {
  /** A user id, `admin` (the bootstrap admin) or `startup`. */
  readonly actor?: string;
  readonly instanceId?: string;
  readonly action?: AuditAction;
  /** Instants, or `YYYY-MM-DD` days (UTC; a `to` day includes that day); `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly cursor?: string;
}

interface AuditRecord {
  id: string;
  at: Date;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  action: AuditAction;
  subject_type: AuditSubjectType;
  subject_id: string;
  instance_id: string | null;
  task_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

const AUDIT_COLUMNS = `id::text AS id, at, actor_id, actor_name, actor_role, action, subject_type, subject_id,
  instance_id, task_id, before, after, request_id`;

/**
 * The audit trail, newest first, keyset-paginated on (at, id): each filter is served by an index
 * of migration 0011 (by time, actor, instance or action).
 */
export async function listAudit(db: DataSource, filter: AuditFilter): Promise<Page<AuditEntry>> {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const where = (condition: (placeholder: string) => string, value: unknown) => {
    parameters.push(value);
    conditions.push(condition(`$${parameters.length}`));
  };
  if (filter.actor !== undefined) where((p) => `actor_id = ${p}`, filter.actor);
  if (filter.instanceId !== undefined) {
    if (!isUuid(filter.instanceId)) {
      throw new InvalidRequestError(`instance must be an instance id (a UUID); got "${filter.instanceId}"`);
    }
    where((p) => `instance_id = ${p}`, filter.instanceId);
  }
  if (filter.action !== undefined) where((p) => `action = ${p}`, filter.action);
  if (filter.from !== undefined) where((p) => `at >= ${p}`, new Date(instantOf(filter.from, 'from')));
  if (filter.to !== undefined) where((p) => `at < ${p}`, new Date(instantOf(filter.to, 'to')));
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor, (id) => /^[1-9]\d{0,18}$/.test(id));
    parameters.push(after.sort, after.id);
    conditions.push(`(at, id) < ($${parameters.length - 1}, $${parameters.length}::bigint)`);
  }
  parameters.push(filter.limit + 1);
  const rows: AuditRecord[] = await db.query(
    `SELECT ${AUDIT_COLUMNS} FROM audit_events ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY at DESC, id DESC LIMIT $${parameters.length}`,
    parameters,
  );
  return pageFromRows(rows.map(toAuditEntry), filter.limit, (entry) => entry.at);
}

/** Every audit row of one instance, oldest first (its timeline reads them), at most `limit`. */
export async function auditOfInstance(db: DataSource, instanceId: string, limit: number): Promise<AuditEntry[]> {
  const rows: AuditRecord[] = await db.query(
    `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE instance_id = $1 ORDER BY at, id LIMIT $2`,
    [instanceId, limit],
  );
  return rows.map(toAuditEntry);
}

function toAuditEntry(record: AuditRecord): AuditEntry {
  return {
    id: record.id,
    at: record.at,
    actor: { id: record.actor_id, name: record.actor_name, role: record.actor_role },
    action: record.action,
    subject: { type: record.subject_type, id: record.subject_id },
    instanceId: record.instance_id,
    taskId: record.task_id,
    before: record.before,
    after: record.after,
    requestId: record.request_id,
  };
}

/** `YYYY-MM-DD` (UTC midnight; a `to` day counts whole) or an RFC 3339 date-time of years 1 to 9999. */
function instantOf(value: string, name: 'from' | 'to'): number {
  if (parseIsoDate(value) !== undefined) {
    const midnight = Date.parse(`${value}T00:00:00Z`);
    return name === 'to' ? midnight + 86_400_000 : midnight;
  }
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? Date.parse(value)
    : Number.NaN;
  if (Number.isNaN(instant) || value.startsWith('0000')) {
    throw new InvalidRequestError(
      `query parameter ${name} must be a YYYY-MM-DD date or an RFC 3339 date-time such as 2027-03-01T09:00:00Z; got "${value}"`,
    );
  }
  return instant;
}
