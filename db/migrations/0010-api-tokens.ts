import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a token gets when the API's configuration says nothing (`BATON_TOKEN_TTL_DAYS`). */
const DEFAULT_TTL_DAYS = 90;

/**
 * API tokens expire, and a person may hold several (2026-12-10). Each token is a row of
 * `api_tokens` (only its sha256 is stored) with a name, an expiry, when it was last used (written
 * at most once a minute) and when it was revoked. The one token each user had becomes their
 * `default` token, expiring `tokenTtlDays` after this migration (`migrate` sets it from
 * `BATON_TOKEN_TTL_DAYS`). A browser session remembers the API token that opened it (none for a
 * mailed link), so it ends with that token.
 */
export class ApiTokens1795996800009 implements MigrationInterface {
  name = 'ApiTokens1795996800009';

  tokenTtlDays = DEFAULT_TTL_DAYS;

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query('CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at)');
    await db.query(
      `INSERT INTO api_tokens (id, user_id, name, token_hash, expires_at)
       SELECT gen_random_uuid(), id, 'default', token_hash, now() + make_interval(days => $1) FROM users`,
      [this.tokenTtlDays],
    );
    // Kept, unused by this release (and cleared when the token is revoked), so that the replicas of
    // the previous release still authenticate during a rolling upgrade; a later release drops it.
    await db.query('ALTER TABLE users ALTER COLUMN token_hash DROP NOT NULL');
    await db.query('ALTER TABLE sessions ADD COLUMN token_id uuid REFERENCES api_tokens (id)');
    await db.query('CREATE INDEX sessions_by_token ON sessions (token_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX sessions_by_token');
    await db.query('ALTER TABLE sessions DROP COLUMN token_id');
    // Each user keeps their newest working token; one without any gets a hash no token has.
    await db.query(`
      UPDATE users u SET token_hash = coalesce(
        (SELECT t.token_hash FROM api_tokens t
          WHERE t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now()
          ORDER BY t.created_at DESC LIMIT 1),
        'revoked-' || gen_random_uuid())`);
    await db.query('ALTER TABLE users ALTER COLUMN token_hash SET NOT NULL');
    await db.query('DROP TABLE api_tokens');
  }
}
