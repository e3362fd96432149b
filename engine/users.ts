import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../db/audit';
import { Department } from '../db/entities/department';
import { type Locale, type Role, User, type UserRow } from '../db/entities/user';
import { type Listener, listen, notify } from '../db/listen';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { canonicalTimeZone } from '../plan/zoned-time';
import type { Actor } from './context';
import { isUuid } from './ids';

export interface UserFields {
  readonly name: string;
  readonly role: Role;
  readonly department?: string | null;
  readonly email?: string | null;
  readonly timeZone?: string;
  readonly locale?: Locale;
}

export type UserChanges = Partial<UserFields>;

/** Returns the user and its bearer token; only the token's hash is stored, so this is the one chance to read it. */
export async function createUser(
  db: DataSource,
  request: UserFields,
  actor: Actor,
): Promise<{ user: UserRow; token: string }> {
  const token = newToken();
  const user: UserRow = {
    id: randomUUID(),
    name: request.name,
    role: request.role,
    department: request.department ?? null,
    tokenHash: hashToken(token),
    createdAt: new Date(),
    email: request.email ?? null,
    timeZone: request.timeZone ?? 'UTC',
    locale: request.locale ?? 'en',
    deactivatedAt: null,
    digestSentAt: null,
  };
  await assertValidUser(db, user);
  await db.transaction(async (tx) => {
    await tx.getRepository(User).insert(user);
    await recordAudit(tx, { actor, action: 'user.created', subjectId: user.id, after: profileOf(user) });
  });
  return { user, token };
}

export async function listUsers(db: DataSource): Promise<UserRow[]> {
  return db.getRepository(User).find({ order: { createdAt: 'ASC' } });
}

export async function getUser(db: DataSource, id: string): Promise<UserRow> {
  const user = isUuid(id) ? await db.getRepository(User).findOneBy({ id }) : null;
  if (!user) throw new NotFoundError(`no user has the id ${id}; see GET /users`);
  return user;
}

/** The caller's own record; the bootstrap admin, which has no row, is described from configuration. */
export async function currentUser(db: DataSource, actor: Actor): Promise<UserRow> {
  if (actor.id === BOOTSTRAP_ADMIN.id) {
    return {
      id: BOOTSTRAP_ADMIN.id,
      name: BOOTSTRAP_ADMIN.name,
      role: 'admin',
      department: null,
      tokenHash: '',
      createdAt: new Date(0),
      email: null,
      timeZone: 'UTC',
      locale: 'en',
      deactivatedAt: null,
      digestSentAt: null,
    };
  }
  return getUser(db, actor.id);
}

export async function updateUser(db: DataSource, id: string, changes: UserChanges, actor: Actor): Promise<UserRow> {
  const user = await getUser(db, id);
  if (user.deactivatedAt) throw new ConflictError(`user ${id} is deactivated; create a new user instead`);
  const updated: UserRow = { ...user, ...withoutUndefined(changes) };
  await assertValidUser(db, updated);
  await changeUser(db, async (tx) => {
    await tx.getRepository(User).update(
      { id },
      {
        name: updated.name,
        role: updated.role,
        department: updated.department,
        email: updated.email,
        timeZone: updated.timeZone,
        locale: updated.locale,
      },
    );
    // A lead leads their own department: one who leaves it leaves its lead to nobody.
    if (updated.department !== user.department) {
      await tx.getRepository(Department).update({ lead: id }, { lead: null });
    }
    const [before, after] = [profileOf(user), profileOf(updated)];
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((field) => before[field] !== after[field]);
    if (changed.length === 0) return;
    await recordAudit(tx, {
      actor,
      action: 'user.updated',
      subjectId: id,
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: Object.fromEntries(changed.map((field) => [field, after[field]])),
    });
  });
  return updated;
}

/** What a person may change about themselves: not their role nor their department. */
export async function updateOwnProfile(
  db: DataSource,
  actor: Actor,
  changes: Pick<UserChanges, 'name' | 'email' | 'timeZone' | 'locale'>,
): Promise<UserRow> {
  if (actor.id === BOOTSTRAP_ADMIN.id) {
    throw new ConflictError('the bootstrap admin comes from BATON_ADMIN_TOKEN and has no record to change');
  }
  return updateUser(db, actor.id, changes, actor);
}

/** The user's token stops working at once; their tasks, comments and history stay. */
export async function deactivateUser(db: DataSource, id: string, actor: Actor): Promise<UserRow> {
  const user = await getUser(db, id);
  if (user.deactivatedAt) return user;
  const deactivatedAt = new Date();
  await changeUser(db, async (tx) => {
    await tx.getRepository(User).update({ id }, { deactivatedAt });
    // Nobody leads a department through a deactivated account; its escalations go to the department.
    await tx.getRepository(Department).update({ lead: id }, { lead: null });
    await tx.query(
      `UPDATE tasks SET assignee_id = NULL, claimed_at = NULL WHERE assignee_id = $1 AND status = 'open'`,
      [id],
    );
    await recordAudit(tx, {
      actor,
      action: 'user.deactivated',
      subjectId: id,
      before: { active: true },
      after: { active: false, deactivatedAt: deactivatedAt.toISOString() },
    });
  });
  return { ...user, deactivatedAt };
}

/** A new token for the user; the old one stops working at once. */
export async function rotateToken(db: DataSource, id: string, actor: Actor): Promise<{ user: UserRow; token: string }> {
  const user = await getUser(db, id);
  if (user.deactivatedAt) throw new ConflictError(`user ${id} is deactivated; their token cannot be renewed`);
  const token = newToken();
  await changeUser(db, async (tx) => {
    await tx.getRepository(User).update({ id }, { tokenHash: hashToken(token) });
    // A replaced token may have leaked: the browsers it signed in are signed out with it.
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    // Never the token: that it changed, and who changed it.
    await recordAudit(tx, { actor, action: 'user.token-rotated', subjectId: id });
  });
  return { user, token };
}

async function assertValidUser(db: DataSource, user: UserRow): Promise<void> {
  const fieldErrors: { field: string; message: string }[] = [];
  if (user.role === 'staff' && user.department === null) {
    fieldErrors.push({ field: '/department', message: 'is required for staff; see GET /departments' });
  }
  if (user.department !== null && !(await db.getRepository(Department).existsBy({ id: user.department }))) {
    fieldErrors.push({
      field: '/department',
      message: `"${user.department}" is not a department; see GET /departments`,
    });
  }
  if (canonicalTimeZone(user.timeZone) === undefined) {
    fieldErrors.push({ field: '/timeZone', message: `"${user.timeZone}" is not an IANA time zone, e.g. Europe/Paris` });
  }
  if (user.email !== null) {
    const [holder]: { id: string }[] = await db.query(
      'SELECT id FROM users WHERE lower(email) = lower($1) AND id <> $2',
      [user.email, user.id],
    );
    if (holder) fieldErrors.push({ field: '/email', message: `${user.email} is already the address of another user` });
  }
  if (fieldErrors.length > 0) throw new ValidationError('the user is not valid', fieldErrors);
}

/** What the audit trail keeps of a user: never a token nor its hash. */
function profileOf(user: UserRow) {
  const { name, role, department, email, timeZone, locale } = user;
  return { name, role, department, email, timeZone, locale };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

export const BOOTSTRAP_ADMIN: Actor = { id: 'admin', name: 'bootstrap admin', role: 'admin', department: null };

/** API replicas forget the tokens they remember when a user changes (this channel tells them). */
const TOKENS_CHANGED = 'baton_tokens_changed';

/** This process's authenticators: they forget at once, other replicas when the notification reaches them. */
const listeningAuthenticators = new Set<Authenticator>();

/**
 * Changes a user and tells every API replica in the same transaction (a NOTIFY is sent when it
 * commits, and only then): no replica keeps accepting a token the change revoked, whatever
 * happens to this process after the commit. This one forgets at once too.
 */
async function changeUser(db: DataSource, change: (tx: EntityManager) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await change(tx);
    await notify(tx, TOKENS_CHANGED);
  });
  for (const authenticator of listeningAuthenticators) authenticator.forget();
}

const KNOWN_TOKENS_MAX = 10_000;

/**
 * Finds who holds a bearer token: the bootstrap admin (from configuration) or an active user.
 * Every request authenticates, so known tokens are remembered, but only while this process
 * hears about user changes: any change (deactivation, rotation, a new role) makes every replica
 * forget what it remembered, and a lost connection to Postgres stops the remembering until it
 * is back. A change is seen at once by the replica that made it, and by the others as soon as
 * its notification reaches them (milliseconds after its commit).
 */
export class Authenticator {
  private readonly knownTokens = new Map<string, Actor>();
  private listener: Listener | null = null;
  /** Raised at every forgetting: a user read before it may be stale and is not remembered. */
  private generation = 0;

  constructor(
    private readonly db: DataSource,
    private readonly adminToken: string,
  ) {}

  /** Starts remembering tokens; without it every request reads the users table. */
  startListening(): void {
    listeningAuthenticators.add(this);
    this.listener ??= listen(this.db, TOKENS_CHANGED, {
      onNotify: () => this.forget(),
      onListening: () => this.forget(),
      onLost: () => this.forget(),
    });
  }

  forget(): void {
    this.generation += 1;
    this.knownTokens.clear();
  }

  async stop(): Promise<void> {
    listeningAuthenticators.delete(this);
    await this.listener?.close();
    this.listener = null;
  }

  async authenticate(token: string): Promise<Actor | null> {
    const hash = hashToken(token);
    if (timingSafeEqual(Buffer.from(hash), Buffer.from(hashToken(this.adminToken)))) return BOOTSTRAP_ADMIN;
    const remembering = this.listener?.listening === true;
    const known = remembering ? this.knownTokens.get(hash) : undefined;
    if (known) return known;
    const generation = this.generation;
    const [user]: Pick<UserRow, 'id' | 'name' | 'role' | 'department'>[] = await this.db.query(
      'SELECT id, name, role, department FROM users WHERE token_hash = $1 AND deactivated_at IS NULL',
      [hash],
    );
    if (!user) return null;
    const actor: Actor = { id: user.id, name: user.name, role: user.role, department: user.department };
    if (remembering && generation === this.generation) {
      if (this.knownTokens.size >= KNOWN_TOKENS_MAX)
        this.knownTokens.delete(this.knownTokens.keys().next().value ?? '');
      this.knownTokens.set(hash, actor);
    }
    return actor;
  }
}

function newToken(): string {
  return `baton_${randomBytes(24).toString('base64url')}`;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
