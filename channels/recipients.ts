import type { EntityManager } from 'typeorm';
import type { DeliveryStatus } from '../db/entities/delivery';
import type { NotificationRow } from '../db/entities/notification';
import type { Locale } from '../db/entities/user';
import { ROLES } from '../db/entities/user';

/** A person (or a shared mailbox) a notification's mail goes to. */
export interface MailTarget {
  readonly userId: string | null;
  /** Null when nobody could be found: the delivery is recorded failed, with why. */
  readonly address: string | null;
  readonly status: Extract<DeliveryStatus, 'pending' | 'held' | 'failed'>;
  readonly lastError: string | null;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly locale: Locale;
  readonly timeZone: string;
  /** How they want this notification's kind. */
  readonly mode: 'immediate' | 'digest';
}

/** What resolving a notification needs to know about its instance. */
interface InstanceFacts {
  readonly owner: string;
  readonly requesterId: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The people and addresses a notification's recipient stands for, read when it is delivered (so
 * a department's new lead or mailbox is used): a department's mailbox, or its members one by
 * one; a lead (their department when it has none); the users of a role (`process-owner`: the
 * owner department; `requester`: the instance's); one user; the requester; an address. Nobody
 * with an address gives one failed target saying whom to fix.
 */
export async function mailTargets(tx: EntityManager, notification: NotificationRow): Promise<MailTarget[]> {
  const instance = await instanceFacts(tx, notification.instanceId);
  const [kind, ...rest] = notification.recipient.split(':');
  const value = rest.join(':');
  switch (kind) {
    case 'department':
      return departmentTargets(tx, value, notification.kind);
    case 'department-lead': {
      const [department]: { lead: string | null }[] = await tx.query('SELECT lead FROM departments WHERE id = $1', [
        value,
      ]);
      if (department?.lead) {
        const lead = await peopleWhere(tx, 'u.id = $2', [department.lead], notification.kind);
        if (lead.some((candidate) => candidate.email !== null)) return peopleTargets(lead, `the lead of ${value}`);
      }
      return departmentTargets(tx, value, notification.kind);
    }
    case 'role':
      if (value === 'process-owner') return departmentTargets(tx, instance.owner, notification.kind);
      if (value === 'requester') return requesterTargets(tx, instance, notification.kind);
      if (!(ROLES as readonly string[]).includes(value)) return [failed(`"${value}" is not a role`)];
      return peopleTargets(await peopleWhere(tx, 'u.role = $2', [value], notification.kind), `the ${value}s`);
    case 'user':
      return peopleTargets(await peopleWhere(tx, 'u.id::text = $2', [value], notification.kind), 'this user');
    case 'requester':
      return requesterTargets(tx, instance, notification.kind);
    case 'address': {
      const address = value.trim();
      if (!EMAIL.test(address)) return [failed(`"${address}" is not an e-mail address`)];
      const [holder] = await peopleWhere(tx, 'lower(u.email) = lower($2)', [address], notification.kind);
      return [
        {
          userId: holder?.id ?? null,
          address,
          status: holder?.mode === 'digest' ? 'held' : 'pending',
          lastError: null,
        },
      ];
    }
    default:
      return [failed(`the recipient "${notification.recipient}" is not one Baton knows`)];
  }
}

/** The person a delivery is for, as their mail is written: their name, language and zone. */
export async function personOf(tx: Pick<EntityManager, 'query'>, userId: string): Promise<Person | null> {
  const [person] = await peopleWhere(tx, 'u.id = $2', [userId], '');
  return person ?? null;
}

async function instanceFacts(tx: EntityManager, instanceId: string): Promise<InstanceFacts> {
  const [row]: { owner: string; requester_id: string | null }[] = await tx.query(
    `SELECT d.owner, i.requester_id FROM instances i
       JOIN definitions d ON d.key = i.definition_key AND d.version = i.definition_version
      WHERE i.id = $1`,
    [instanceId],
  );
  return { owner: row?.owner ?? '', requesterId: row?.requester_id ?? null };
}

async function departmentTargets(tx: EntityManager, id: string, kind: string): Promise<MailTarget[]> {
  const [department]: { email: string | null }[] = await tx.query('SELECT email FROM departments WHERE id = $1', [id]);
  if (!department) return [failed(`"${id}" is not a department`)];
  if (department.email) return [{ userId: null, address: department.email, status: 'pending', lastError: null }];
  const members = await peopleWhere(tx, 'u.department = $2', [id], kind);
  return peopleTargets(members, `${id}, which has no mailbox (PUT /departments/${id} with an email),`);
}

async function requesterTargets(tx: EntityManager, instance: InstanceFacts, kind: string): Promise<MailTarget[]> {
  if (instance.requesterId === null)
    return [failed('the instance was not requested through the catalogue: it has no requester')];
  return peopleTargets(await peopleWhere(tx, 'u.id = $2', [instance.requesterId], kind), 'the requester');
}

function peopleTargets(people: readonly Person[], whom: string): MailTarget[] {
  const reachable = people.filter((candidate) => candidate.email !== null);
  if (reachable.length === 0) {
    return [
      failed(
        people.length === 0
          ? `nobody active is ${whom}`
          : `${whom} has no e-mail address: PATCH /users/:id with an email`,
      ),
    ];
  }
  return reachable.map((candidate) => ({
    userId: candidate.id,
    address: candidate.email,
    status: candidate.mode === 'digest' ? 'held' : 'pending',
    lastError: null,
  }));
}

async function peopleWhere(
  tx: Pick<EntityManager, 'query'>,
  condition: string,
  parameters: readonly unknown[],
  kind: string,
): Promise<Person[]> {
  const rows: {
    id: string;
    name: string;
    email: string | null;
    locale: Locale;
    time_zone: string;
    mode: 'immediate' | 'digest' | null;
  }[] = await tx.query(
    `SELECT u.id, u.name, u.email, u.locale, u.time_zone, p.mode
       FROM users u LEFT JOIN preferences p ON p.user_id = u.id AND p.kind = $1
      WHERE u.deactivated_at IS NULL AND ${condition}
      ORDER BY u.created_at, u.id`,
    [kind, ...parameters],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    timeZone: row.time_zone,
    mode: row.mode ?? 'immediate',
  }));
}

function failed(reason: string): MailTarget {
  return { userId: null, address: null, status: 'failed', lastError: reason };
}
