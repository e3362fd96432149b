import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { UserRow } from '../db/entities/user';
import { UnauthenticatedError } from '../errors';
import type { Actor } from './context';
import { type Authenticator, BOOTSTRAP_ADMIN, getUser } from './users';

/** How long a mailed sign-in link works, once. */
export const SIGN_IN_LINK_MINUTES = 15;
/** How long a browser stays signed in. */
export const SESSION_HOURS = 12;
/** The most links one person is sent in a quarter of an hour: more are not sent (nobody is told). */
const LINKS_PER_WINDOW = 5;

/** A browser's session: who it is, and the token its writes repeat (`X-CSRF-Token`). */
export interface Session {
  readonly actor: Actor;
  readonly csrfToken: string;
}

/**
 * A one-time sign-in link's token for the active user with this address, or null: nobody has
 * it, or they asked too often. The caller mails it and answers the same either way, so the
 * answer tells nobody which addresses are users'.
 */
export async function createSignInLink(
  db: DataSource,
  email: string,
): Promise<{ user: UserRow; token: string } | null> {
  const [found]: { id: string; recent: number }[] = await db.query(
    `SELECT u.id, (SELECT count(*)::int FROM sign_in_links l
                    WHERE l.user_id = u.id AND l.created_at > now() - interval '${SIGN_IN_LINK_MINUTES} minutes') AS recent
       FROM users u WHERE lower(u.email) = lower($1) AND u.deactivated_at IS NULL`,
    [email],
  );
  if (!found || found.recent >= LINKS_PER_WINDOW) return null;
  const token = `link_${randomBytes(24).toString('base64url')}`;
  await db.query(
    `INSERT INTO sign_in_links (token_hash, user_id, expires_at)
     VALUES ($1, $2, now() + interval '${SIGN_IN_LINK_MINUTES} minutes')`,
    [hash(token), found.id],
  );
  return { user: await getUser(db, found.id), token };
}

/**
 * Opens a browser session for a sign-in link's token (used up by it) or an API token (the
 * bootstrap admin's included: it has no row, so it cannot hold a session, and is refused).
 * A session opened by an API token ends when that token is revoked or expires.
 * Returns the cookie's value, shown once, and the session.
 */
export async function openSession(
  db: DataSource,
  authenticator: Authenticator,
  token: string,
): Promise<{ cookie: string; session: Session }> {
  const { userId, tokenId } = token.startsWith('link_')
    ? { userId: await redeemSignInLink(db, token), tokenId: null }
    : await apiTokenHolder(authenticator, token);
  if (!userId || userId === BOOTSTRAP_ADMIN.id) {
    throw new UnauthenticatedError(
      userId === BOOTSTRAP_ADMIN.id
        ? 'the bootstrap admin signs in to scripts only; create an admin user (POST /users) for the web'
        : 'this link or token is unknown, used or expired; ask for a new link',
    );
  }
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, token_id)
     VALUES ($1, $2, $3, now() + interval '${SESSION_HOURS} hours', $4)`,
    [hash(cookie), userId, csrfToken, tokenId],
  );
  const session = await findSession(db, cookie);
  if (!session) throw new UnauthenticatedError('the session could not be opened; sign in again');
  return { cookie, session };
}

/** Who holds an API token, and which token it is; an expired one is refused saying so. */
async function apiTokenHolder(
  authenticator: Authenticator,
  token: string,
): Promise<{ userId: string | undefined; tokenId: string | null }> {
  const check = await authenticator.check(token);
  if (check.status === 'expired') throw new UnauthenticatedError(expiredTokenMessage(check.expiredAt));
  return check.status === 'valid'
    ? { userId: check.actor.id, tokenId: check.tokenId }
    : { userId: undefined, tokenId: null };
}

/** Why an expired token is refused, and how its holder gets another. */
export function expiredTokenMessage(expiredAt: Date): string {
  return (
    `this token expired on ${expiredAt.toISOString()}; create another with POST /users/me/tokens ` +
    '(signed in at /app with a link by mail, or with another token), or ask an admin for one (POST /users/:id/token)'
  );
}

/**
 * The session a cookie holds, while it lasts, its user is active and the API token that opened
 * it (if any) is neither revoked nor expired.
 */
export async function findSession(db: DataSource, cookie: string): Promise<Session | null> {
  const [row]: { id: string; name: string; role: Actor['role']; department: string | null; csrf_token: string }[] =
    await db.query(
      `SELECT u.id, u.name, u.role, u.department, s.csrf_token
         FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN api_tokens t ON t.id = s.token_id
        WHERE s.id_hash = $1 AND s.expires_at > now() AND u.deactivated_at IS NULL
          AND (s.token_id IS NULL OR (t.revoked_at IS NULL AND t.expires_at > now()))`,
      [hash(cookie)],
    );
  if (!row) return null;
  return {
    actor: { id: row.id, name: row.name, role: row.role, department: row.department },
    csrfToken: row.csrf_token,
  };
}

export async function closeSession(db: DataSource, cookie: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [hash(cookie)]);
}

/** Whether a write repeats its session's CSRF token (compared in constant time). */
export function matchesCsrfToken(session: Session, sent: string | undefined): boolean {
  if (sent === undefined) return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function redeemSignInLink(db: DataSource, token: string): Promise<string | undefined> {
  // One statement: two tabs opening the same link get one session between them.
  const [used]: [{ user_id: string }[], number] = await db.query(
    `UPDATE sign_in_links SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`,
    [hash(token)],
  );
  return used[0]?.user_id;
}

function hash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
