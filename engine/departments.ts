import type { DataSource } from 'typeorm';
import { recordAudit, SYSTEM_ACTOR } from '../db/audit';
import { Department, type DepartmentRow } from '../db/entities/department';
import { User } from '../db/entities/user';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from './context';
import { readDepartmentRegistry } from './department-registry';
import { isUuid } from './ids';

/** Adds the departments of `definitions/departments.yaml` that are missing; never overwrites API edits. */
export async function seedDepartments(db: DataSource, file: string): Promise<void> {
  const departments = readDepartmentRegistry(file);
  await db.transaction(async (tx) => {
    const added: Pick<DepartmentRow, 'id' | 'name'>[] = await tx.query(
      `INSERT INTO departments (id, name) SELECT d.id, d.name FROM jsonb_to_recordset($1::jsonb) AS d(id text, name text)
       ON CONFLICT (id) DO NOTHING RETURNING id, name`,
      [JSON.stringify(departments.map(({ id, name }) => ({ id, name })))],
    );
    for (const department of added) {
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: 'department.created',
        subjectId: department.id,
        after: { name: department.name, email: null, lead: null },
      });
    }
  });
}

export async function listDepartments(db: DataSource): Promise<DepartmentRow[]> {
  return db.getRepository(Department).find({ order: { id: 'ASC' } });
}

export async function listDepartmentIds(db: DataSource): Promise<string[]> {
  return (await listDepartments(db)).map((department) => department.id);
}

/** A person a department's task may be given to. */
export interface DepartmentMember {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
}

/**
 * The active people of a department, by name: whom its lead may give its tasks to. Read by its
 * own staff, its lead, owners, managers and admins; requesters who belong to it are not among them
 * (they cannot see nor do its tasks).
 */
export async function listDepartmentMembers(db: DataSource, id: string, actor: Actor): Promise<DepartmentMember[]> {
  const department = await db.getRepository(Department).findOneBy({ id });
  if (!department) throw new NotFoundError(`no department has the id ${id}; see GET /departments`);
  const mayRead =
    actor.role === 'admin' ||
    actor.role === 'owner' ||
    actor.role === 'manager' ||
    department.lead === actor.id ||
    (actor.role === 'staff' && actor.department === id);
  if (!mayRead) {
    throw new ForbiddenError(`staff of ${actor.department ?? 'no department'} cannot read the people of ${id}`);
  }
  const members: DepartmentMember[] = await db.query(
    `SELECT id, name, email FROM users
      WHERE department = $1 AND deactivated_at IS NULL AND role <> 'requester'
      ORDER BY name, id`,
    [id],
  );
  // By name as people read it (É with E), not by byte.
  return members.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export interface DepartmentFields {
  readonly name: string;
  /** Its shared mailbox; null: its members are mailed one by one. */
  readonly email: string | null;
  /** A user of the department who leads it (escalations to `department-lead` reach them). */
  readonly lead: string | null;
}

export async function putDepartment(
  db: DataSource,
  id: string,
  { name, email, lead }: DepartmentFields,
  actor: Actor,
): Promise<{ department: DepartmentRow; created: boolean }> {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) {
    throw new ValidationError('invalid department', [
      { field: '/id', message: 'must be lowercase letters, digits and dashes, starting with a letter' },
    ]);
  }
  if (lead !== null) await assertMayLead(db, lead, id);
  return db.transaction(async (tx) => {
    const repository = tx.getRepository(Department);
    // Locked, so that two changes at once each record what the other left.
    const [existing]: Pick<DepartmentRow, 'name' | 'email' | 'lead'>[] = await tx.query(
      'SELECT name, email, lead FROM departments WHERE id = $1 FOR UPDATE',
      [id],
    );
    await repository.upsert({ id, name, email, lead }, ['id']);
    const department = await repository.findOneBy({ id });
    if (!department) throw new NotFoundError(`department ${id} vanished while being saved`);
    await recordAudit(tx, {
      actor,
      action: existing ? 'department.updated' : 'department.created',
      subjectId: id,
      before: existing ? { name: existing.name, email: existing.email, lead: existing.lead } : null,
      after: { name: department.name, email: department.email, lead: department.lead },
    });
    return { department, created: existing === undefined };
  });
}

async function assertMayLead(db: DataSource, userId: string, department: string): Promise<void> {
  const user = isUuid(userId) ? await db.getRepository(User).findOneBy({ id: userId }) : null;
  const problem = !user
    ? `no user has the id ${userId}; see GET /users`
    : user.deactivatedAt
      ? `${user.name} is deactivated`
      : user.department !== department
        ? `${user.name} belongs to ${user.department ?? 'no department'}; a lead belongs to the department (PATCH /users/${userId} first)`
        : null;
  if (problem) throw new ValidationError('the lead is not valid', [{ field: '/lead', message: problem }]);
}
