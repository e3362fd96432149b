import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { type AuditActor, recordAudit } from '../db/audit';
import { User } from '../db/entities/user';
import { notify } from '../db/listen';
import { ConflictError, NotFoundError } from '../errors';
import { DEFAULT_TOKEN_TTL_DAYS } from '../infra/config';
import { isUuid } from './ids';

/** A user's API token as it is listed: never its secret, which is shown once, when it is made. */
export interface TokenRow {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** The most tokens one person holds at once (neither revoked nor expired). */
export const MAXIMUM_LIVE_TOKENS = 50;

/** API replicas forget the tokens they remember when a user or a token changes (this channel tells them). */
export const TOKENS_CHANGED = 'baton_tokens_changed';

/** What remembers tokens in this process: an authenticator, told of every change. */
export interface TokenCache {
  forget(): void;
  /** True while it hears this channel (its notifications echo back to it). */
  readonly listening: boolean;
}

/** This process's authenticators: they forget at once, other replicas when the notification reaches them. */
const caches = new Set<TokenCache>();
/** Changes waiting to hear their own notification come back, by payload. */
const echoes = new Map<string, () => void>();

/** The longest a change waits for its notification's echo before it answers anyway. */
const ECHO_WAIT_MS = 2_000;

/** Registers a cache this process's changes make forget; returns its unregistering. */
export function onTokensChangedHere(cache: TokenCache): () => void {
  caches.add(cache);
  return () => caches.delete(cache);
}

/** A listener of this process heard a notification of `TOKENS_CHANGED` with this payload. */
export function heardTokensChanged(payload: string): void {
  echoes.get(payload)?.();
}

/**
 * Changes users or tokens and tells every API replica in the same transaction (a NOTIFY is sent
 * when it commits, and only then): no replica keeps accepting a token the change revoked,
 * whatever happens to this process after the commit. This one forgets at once too, and, when
 * it listens, waits (2 s at most) to hear its own notification: Postgres signals every
 * listener at once, so by the time the change is answered, the other replicas have been told.
 */
export async function changeTokens<T>(db: DataSource, change: (tx: EntityManager) => Promise<T>): Promise<T> {
  const payload = randomUUID();
  const echo = [...caches].some((cache) => cache.listening) ? echoOf(payload) : null;
  try {
    const result = await db.transaction(async (tx) => {
      const changed = await change(tx);
      await notify(tx, TOKENS_CHANGED, payload);
      return changed;
    });
    for (const cache of caches) cache.forget();
    await echo?.heard;
    return result;
  } finally {
    echo?.cancel();
  }
}

function echoOf(payload: string): { heard: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const heard = new Promise<void>((resolve) => {
    echoes.set(payload, resolve);
    timer = setTimeout(resolve, ECHO_WAIT_MS);
  });
  return {
    heard,
    cancel: () => {
      clearTimeout(timer);
      echoes.delete(payload);
    },
  };
}

export function newToken(): string {
  return `baton_${randomBytes(24).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Writes a new token for the user (in the caller's transaction) and returns its secret, the one chance to read it. */
export async function issueToken(
  tx: Pick<DataSource, 'query'>,
  userId: string,
  name: string,
  lifeInDays: number = DEFAULT_TOKEN_TTL_DAYS,
): Promise<{ row: TokenRow; token: string }> {
  const token = newToken();
  const [row]: TokenRecord[] = await tx.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))
     RETURNING ${TOKEN_COLUMNS}`,
    [randomUUID(), userId, name, hashToken(token), lifeInDays],
  );
  if (!row) throw new Error('the token was not written');
  return { row: tokenRowOf(row), token };
}

/** The most tokens listed: the working ones are at most MAXIMUM_LIVE_TOKENS, the rest is history. */
export const LISTED_TOKENS = 200;

/** The user's tokens, the newest first, revoked and expired ones included (the newest LISTED_TOKENS). */
export async function listTokens(db: DataSource, userId: string): Promise<TokenRow[]> {
  await userOf(db, userId);
  const rows: TokenRecord[] = await db.query(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [userId, LISTED_TOKENS],
  );
  return rows.map(tokenRowOf);
}

/** A new token for an active user, named by them, working `lifeInDays` (the configured life by default). */
export async function createToken(
  db: DataSource,
  userId: string,
  request: { readonly name: string; readonly lifeInDays: number },
  actor: AuditActor,
): Promise<{ row: TokenRow; token: string }> {
  const user = await userOf(db, userId);
  if (user.deactivatedAt) throw new ConflictError(`user ${userId} is deactivated; they get no new token`);
  return db.transaction(async (tx) => {
    // One at a time per person, so that two requests cannot both pass the count.
    await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const [{ live } = { live: 0 }]: { live: number }[] = await tx.query(
      `SELECT count(*)::int AS live FROM api_tokens
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [userId],
    );
    if (live >= MAXIMUM_LIVE_TOKENS) {
      throw new ConflictError(
        `user ${userId} already holds ${MAXIMUM_LIVE_TOKENS} working tokens; revoke one first (DELETE /users/me/tokens/:tokenId)`,
      );
    }
    const issued = await issueToken(tx, userId, request.name, request.lifeInDays);
    // Never the secret: which token, its name and how long it works.
    const { id, name, expiresAt } = issued.row;
    await recordAudit(tx, {
      actor,
      action: 'user.token-created',
      subjectId: userId,
      after: { tokenId: id, name, expiresAt: expiresAt.toISOString() },
    });
    return issued;
  });
}

/**
 * Revokes one of the user's tokens: it fails at once on every API replica, and the browser
 * sessions it opened end with it. Revoking a revoked token changes nothing.
 */
export async function revokeToken(db: DataSource, userId: string, tokenId: string, actor: AuditActor): Promise<void> {
  await userOf(db, userId);
  const [found]: { revoked_at: Date | null }[] = isUuid(tokenId)
    ? await db.query('SELECT revoked_at FROM api_tokens WHERE id = $1 AND user_id = $2', [tokenId, userId])
    : [];
  if (!found) throw new NotFoundError(`user ${userId} has no token ${tokenId}; see their tokens' list`);
  if (found.revoked_at) return;
  await changeTokens(db, async (tx) => {
    // An UPDATE answers [rows, count].
    const [revoked]: [unknown[], number] = await tx.query(
      'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [tokenId],
    );
    // Another revocation of it got there first: it recorded the change.
    if (revoked.length === 0) return;
    // The same token as the previous release stored it (migration 0010), for its replicas still running.
    await tx.query(
      'UPDATE users SET token_hash = NULL WHERE id = $1 AND token_hash = (SELECT token_hash FROM api_tokens WHERE id = $2)',
      [userId, tokenId],
    );
    await tx.query('DELETE FROM sessions WHERE token_id = $1', [tokenId]);
    await recordAudit(tx, { actor, action: 'user.token-revoked', subjectId: userId, before: { tokenId } });
  });
}

/** Revokes every working token of the user (in the caller's transaction, which must notify: `changeTokens`). */
export async function revokeAllTokens(tx: Pick<DataSource, 'query'>, userId: string): Promise<void> {
  await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
  await tx.query('UPDATE users SET token_hash = NULL WHERE id = $1', [userId]);
}

async function userOf(db: DataSource, userId: string) {
  const user = isUuid(userId) ? await db.getRepository(User).findOneBy({ id: userId }) : null;
  if (!user) throw new NotFoundError(`no user has the id ${userId}; see GET /users`);
  return user;
}

const TOKEN_COLUMNS = 'id, user_id, name, created_at, expires_at, last_used_at, revoked_at';

interface TokenRecord {
  id: string;
  user_id: string;
  name: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function tokenRowOf(record: TokenRecord): TokenRow {
  return {
    id: record.id,
    userId: record.user_id,
    name: record.name,
    createdAt: record.created_at,
    expiresAt: record.expires_at,
    lastUsedAt: record.last_used_at,
    revokedAt: record.revoked_at,
  };
}
