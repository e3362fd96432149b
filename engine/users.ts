import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../db/audit';
import { Department } from '../db/entities/department';
import { type Locale, type Role, User, type UserRow } from '../db/entities/user';
import { type Listener, listen } from '../db/listen';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { canonicalTimeZone } from '../plan/zoned-time';
import type { Actor } from './context';
import { isUuid } from './ids';
import {
  changeTokens,
  hashToken,
  heardTokensChanged,
  issueToken,
  onTokensChangedHere,
  revokeAllTokens,
  TOKENS_CHANGED,
} from './tokens';

export interface UserFields {
  readonly name: string;
  readonly role: Role;
  readonly department?: string | null;
  readonly email?: string | null;
  readonly timeZone?: string;
  readonly locale?: Locale;
}

export type UserChanges = Partial<UserFields>;

export interface TokenLife {
  /** How many days the token works (`BATON_TOKEN_TTL_DAYS`); 90 when not given. */
  readonly tokenTtlDays?: number;
}

/** A token's `expiresAt` beside the secret shown once. */
export interface IssuedToken {
  readonly token: string;
  readonly tokenExpiresAt: Date;
}

/**
 * Returns the user and its first bearer token (named `default`, working `tokenTtlDays`); only the
 * token's hash is stored, so this is the one chance to read it.
 */
export async function createUser(
  db: DataSource,
  request: UserFields,
  actor: Actor,
  life: TokenLife = {},
): Promise<{ user: UserRow } & IssuedToken> {
  const user: UserRow = {
    id: randomUUID(),
    name: request.name,
    role: request.role,
    department: request.department ?? null,
    createdAt: new Date(),
    email: request.email ?? null,
    timeZone: request.timeZone ?? 'UTC',
    locale: request.locale ?? 'en',
    deactivatedAt: null,
    digestSentAt: null,
  };
  await assertValidUser(db, user);
  const { row, token } = await db.transaction(async (tx) => {
    await tx.getRepository(User).insert(user);
    await recordAudit(tx, { actor, action: 'user.created', subjectId: user.id, after: profileOf(user) });
    return issueToken(tx, user.id, 'default', life.tokenTtlDays);
  });
  return { user, token, tokenExpiresAt: row.expiresAt };
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

/** A new token for the user (named `rotated`); every other token of theirs stops working at once. */
export async function rotateToken(
  db: DataSource,
  id: string,
  actor: Actor,
  life: TokenLife = {},
): Promise<{ user: UserRow } & IssuedToken> {
  const user = await getUser(db, id);
  if (user.deactivatedAt) throw new ConflictError(`user ${id} is deactivated; their token cannot be renewed`);
  const { row, token } = await changeUser(db, async (tx) => {
    await revokeAllTokens(tx, id);
    // A replaced token may have leaked: the browsers it signed in are signed out with it.
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    // Never the token: that it changed, and who changed it.
    await recordAudit(tx, { actor, action: 'user.token-rotated', subjectId: id });
    return issueToken(tx, id, 'rotated', life.tokenTtlDays);
  });
  return { user, token, tokenExpiresAt: row.expiresAt };
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

/**
 * Changes a user and tells every API replica in the same transaction (`changeTokens`): no replica
 * keeps accepting a token the change revoked, and this one forgets at once.
 */
function changeUser<T>(db: DataSource, change: (tx: EntityManager) => Promise<T>): Promise<T> {
  return changeTokens(db, change);
}

const KNOWN_TOKENS_MAX = 10_000;

/** A token's `last_used_at` is written at most this often (per replica), not on every request. */
export const LAST_USED_PRECISION_MS = 60_000;

/** What a bearer token is worth: who holds it, or why it no longer works. */
export type TokenCheck =
  | { readonly status: 'valid'; readonly actor: Actor; readonly tokenId: string | null }
  | { readonly status: 'expired'; readonly expiredAt: Date }
  | { readonly status: 'revoked'; readonly revokedAt: Date }
  /** Never issued, or its user deactivated. */
  | { readonly status: 'unknown' };

interface KnownToken {
  readonly actor: Actor;
  readonly tokenId: string;
  readonly expiresAt: number;
  /** When this replica last wrote (or read) the token's `last_used_at`. */
  lastUsedAt: number | null;
}

export interface AuthenticatorOptions {
  /** The clock (ms since the epoch); tests move it. */
  readonly now?: () => number;
}

/**
 * Finds who holds a bearer token: the bootstrap admin (from configuration) or an active user's
 * API token that is neither expired nor revoked. Every request authenticates, so known tokens
 * are remembered, but only while this process hears about changes: any change (a revocation, a
 * deactivation, a rotation, a new role) makes every replica forget what it remembered, and a
 * lost connection to Postgres stops the remembering until it is back. A change is seen at once
 * by the replica that made it, and by the others as soon as its notification reaches them
 * (milliseconds after its commit). A remembered token still expires on time.
 */
export class Authenticator {
  private readonly knownTokens = new Map<string, KnownToken>();
  private listener: Listener | null = null;
  private stopHearing: (() => void) | null = null;
  /** Raised at every forgetting: a user read before it may be stale and is not remembered. */
  private generation = 0;
  private readonly now: () => number;

  constructor(
    private readonly db: DataSource,
    private readonly adminToken: string,
    options: AuthenticatorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Starts remembering tokens; without it every request reads the tokens table. */
  startListening(): void {
    this.stopHearing ??= onTokensChangedHere(this);
    this.listener ??= listen(this.db, TOKENS_CHANGED, {
      onNotify: (payload) => {
        this.forget();
        heardTokensChanged(payload);
      },
      onListening: () => this.forget(),
      onLost: () => this.forget(),
    });
  }

  /** Whether changes made elsewhere reach this authenticator (tests wait for it). */
  get listening(): boolean {
    return this.listener?.listening === true;
  }

  forget(): void {
    this.generation += 1;
    this.knownTokens.clear();
  }

  async stop(): Promise<void> {
    this.stopHearing?.();
    this.stopHearing = null;
    await this.listener?.close();
    this.listener = null;
  }

  /** Who holds the token, or null whatever the reason it does not work. */
  async authenticate(token: string): Promise<Actor | null> {
    const check = await this.check(token);
    return check.status === 'valid' ? check.actor : null;
  }

  async check(token: string): Promise<TokenCheck> {
    const hash = hashToken(token);
    if (timingSafeEqual(Buffer.from(hash), Buffer.from(hashToken(this.adminToken)))) {
      return { status: 'valid', actor: BOOTSTRAP_ADMIN, tokenId: null };
    }
    const remembering = this.listener?.listening === true;
    const known = (remembering ? this.knownTokens.get(hash) : undefined) ?? (await this.read(hash, remembering));
    if ('status' in known) return known;
    if (known.expiresAt <= this.now()) return { status: 'expired', expiredAt: new Date(known.expiresAt) };
    await this.noteUse(known);
    return { status: 'valid', actor: known.actor, tokenId: known.tokenId };
  }

  private async read(
    hash: string,
    remembering: boolean,
  ): Promise<KnownToken | Exclude<TokenCheck, { status: 'valid' }>> {
    const generation = this.generation;
    const [row]: {
      token_id: string;
      expires_at: Date;
      revoked_at: Date | null;
      last_used_at: Date | null;
      id: string;
      name: string;
      role: Role;
      department: string | null;
    }[] = await this.db.query(
      `SELECT t.id AS token_id, t.expires_at, t.revoked_at, t.last_used_at, u.id, u.name, u.role, u.department
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND u.deactivated_at IS NULL`,
      [hash],
    );
    if (!row) return { status: 'unknown' };
    if (row.revoked_at) return { status: 'revoked', revokedAt: row.revoked_at };
    const known: KnownToken = {
      actor: { id: row.id, name: row.name, role: row.role, department: row.department },
      tokenId: row.token_id,
      expiresAt: row.expires_at.getTime(),
      lastUsedAt: row.last_used_at?.getTime() ?? null,
    };
    if (remembering && generation === this.generation) {
      if (this.knownTokens.size >= KNOWN_TOKENS_MAX)
        this.knownTokens.delete(this.knownTokens.keys().next().value ?? '');
      this.knownTokens.set(hash, known);
    }
    return known;
  }

  /** Records when the token was used, at most once a minute: a write per request would cost every request. */
  private async noteUse(known: KnownToken): Promise<void> {
    const now = this.now();
    if (known.lastUsedAt !== null && now - known.lastUsedAt < LAST_USED_PRECISION_MS) return;
    known.lastUsedAt = now;
    const usedAt = new Date(now);
    await this.db
      .query(
        `UPDATE api_tokens SET last_used_at = $2
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`,
        [known.tokenId, usedAt, new Date(now - LAST_USED_PRECISION_MS)],
      )
      // A date missed is no reason to refuse the request.
      .catch(() => {});
  }
}
