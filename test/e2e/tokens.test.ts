import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailedAuthThrottle } from '../../api/auth-throttle';
import { migrate, openDatabase } from '../../db/data-source';
import { hashToken, newToken, revokeToken } from '../../engine/tokens';
import { Authenticator } from '../../engine/users';
import { findFreePort } from '../../infra/ports';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startApiProcess } from '../support/api-process';
import { definitionsFolder, startTestBaton, type TestBaton, testDatabaseUrl } from '../support/test-baton';
import { person } from '../support/users';

const DAY_MS = 24 * 3600 * 1000;

/**
 * An API client whose requests come from a client address of its own (`X-Forwarded-For`, which
 * this Baton trusts from loopback): each test's failed authentications are counted apart.
 */
class AddressedClient extends ApiClient {
  constructor(
    baseUrl: string,
    token: string | null,
    readonly address: string,
  ) {
    super(baseUrl, token);
  }

  override as(token: string): AddressedClient {
    return new AddressedClient(this.baseUrl, token, this.address);
  }

  override request<T>(
    method: string,
    path: string,
    body?: string,
    contentType?: string,
    extraHeaders: Readonly<Record<string, string>> = {},
  ): Promise<ApiResponse<T>> {
    return super.request(method, path, body, contentType, { 'x-forwarded-for': this.address, ...extraHeaders });
  }
}

/** API tokens: several per person, expiring, listed and revoked; failed authentications throttled. */
describe('API tokens', () => {
  let t: TestBaton;
  let lastAddress = 0;
  /** The admin, from an address of the test's own. */
  let admin: AddressedClient;

  beforeAll(async () => {
    t = await startTestBaton('tokens', definitionsFolder({}), {
      BATON_TOKEN_TTL_DAYS: '30',
      BATON_TRUST_PROXY: 'loopback',
    });
  });

  afterAll(async () => {
    await t?.stop();
  });

  /** A client from a fresh documentation address (192.0.2.0/24), acting as the admin. */
  function fromNewAddress(): AddressedClient {
    lastAddress += 1;
    admin = new AddressedClient(t.baton.apiUrl, t.baton.adminToken, `192.0.2.${lastAddress}`);
    return admin;
  }

  function daysFromNow(iso: string): number {
    return (Date.parse(iso) - Date.now()) / DAY_MS;
  }

  /** Opens a browser session with an API token: the cookie to send. */
  async function signIn(token: string): Promise<string> {
    const opened = await fetch(`${t.baton.apiUrl}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(opened.status).toBe(200);
    return (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  async function sessionStatus(cookie: string): Promise<number> {
    return (await t.api.request('GET', '/auth/session', undefined, undefined, { cookie })).status;
  }

  it('gives a new user one token, shown once, working BATON_TOKEN_TTL_DAYS, and lists it without its secret', async () => {
    fromNewAddress();
    const created = await admin.post('/users', { name: 'Nadia', role: 'manager' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^baton_/);
    expect(daysFromNow(created.body.tokenExpiresAt)).toBeCloseTo(30, 1);

    const nadia = admin.as(created.body.token);
    const listed = await nadia.get('/users/me/tokens');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    const [only] = listed.body.items;
    expect(Object.keys(only).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt']);
    expect(only).toMatchObject({ name: 'default', expiresAt: created.body.tokenExpiresAt, revokedAt: null });
    expect(only.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const asAdmin = await admin.get(`/users/${created.body.id}/tokens`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.items).toEqual(listed.body.items);
  });

  it('lets a person make a second token, and revoking one fails it at once while the other works', async () => {
    fromNewAddress();
    const olga = await person(admin, { name: 'Olga', role: 'owner' });
    const made = await olga.client.post('/users/me/tokens', { name: 'ci pipeline', expiresInDays: 7 });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'ci pipeline', lastUsedAt: null, revokedAt: null });
    expect(daysFromNow(made.body.expiresAt)).toBeCloseTo(7, 1);
    const ci = olga.client.as(made.body.token);
    expect((await ci.get('/users/me')).body.id).toBe(olga.id);
    expect((await olga.client.get('/users/me')).status).toBe(200);

    const revoked = await olga.client.delete(`/users/me/tokens/${made.body.id}`);
    expect(revoked.status).toBe(204);
    const refused = await ci.get('/users/me');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/^this token was revoked on \d{4}-\d\d-\d\dT/);
    expect((await olga.client.get('/users/me')).status).toBe(200);

    const listed = await olga.client.get('/users/me/tokens');
    expect(listed.body.items.map((token: { name: string }) => token.name)).toEqual(['ci pipeline', 'default']);
    expect(listed.body.items[0].revokedAt).not.toBeNull();
    expect(listed.body.items[1].revokedAt).toBeNull();
    expect((await olga.client.delete(`/users/me/tokens/${made.body.id}`)).status).toBe(204);

    // Audited, once each, by whom and which token; never its secret.
    const trail = (await admin.get(`/audit?actor=${olga.id}`)).body.items;
    expect(trail.map((row: { action: string }) => row.action)).toEqual(['user.token-revoked', 'user.token-created']);
    expect(trail[0]).toMatchObject({ subject: { type: 'user', id: olga.id }, before: { tokenId: made.body.id } });
    expect(trail[1]).toMatchObject({
      subject: { type: 'user', id: olga.id },
      after: { tokenId: made.body.id, name: 'ci pipeline', expiresAt: made.body.expiresAt },
    });
    expect(JSON.stringify(trail)).not.toContain(made.body.token);
  });

  it('gives a token the configured life by default, and refuses a life outside 1 to 365 days', async () => {
    fromNewAddress();
    const pia = await person(admin, { name: 'Pia', role: 'staff', department: 'it' });
    const plain = await pia.client.post('/users/me/tokens', { name: 'laptop' });
    expect(plain.status).toBe(201);
    expect(daysFromNow(plain.body.expiresAt)).toBeCloseTo(30, 1);

    for (const expiresInDays of [0, 366, 2.5]) {
      const refused = await pia.client.post('/users/me/tokens', { name: 'bad', expiresInDays });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe('/expiresInDays');
    }
    const unnamed = await pia.client.post('/users/me/tokens', { expiresInDays: 3 });
    expect(unnamed.status).toBe(422);
    const extra = await pia.client.post('/users/me/tokens', { name: 'x', scope: 'all' });
    expect(extra.body.errors).toContainEqual({ field: '/scope', message: 'is not an allowed field' });
  });

  it('lets an admin list and revoke anyone’s token, and nobody else touch another person’s', async () => {
    fromNewAddress();
    const quentin = await person(admin, { name: 'Quentin', role: 'staff', department: 'hr' });
    const rosa = await person(admin, { name: 'Rosa', role: 'staff', department: 'hr' });
    const [quentinsToken] = (await quentin.client.get('/users/me/tokens')).body.items;

    expect((await rosa.client.delete(`/users/me/tokens/${quentinsToken.id}`)).status).toBe(404);
    expect((await rosa.client.delete(`/users/${quentin.id}/tokens/${quentinsToken.id}`)).status).toBe(403);
    expect((await rosa.client.get(`/users/${quentin.id}/tokens`)).status).toBe(403);
    expect((await admin.delete(`/users/${rosa.id}/tokens/${quentinsToken.id}`)).status).toBe(404);
    expect((await admin.delete(`/users/${quentin.id}/tokens/not-a-token`)).status).toBe(404);
    expect((await quentin.client.get('/users/me')).status).toBe(200);

    expect((await admin.delete(`/users/${quentin.id}/tokens/${quentinsToken.id}`)).status).toBe(204);
    expect((await quentin.client.get('/users/me')).status).toBe(401);
    const listed = await admin.get(`/users/${quentin.id}/tokens`);
    expect(listed.body.items[0].revokedAt).not.toBeNull();
    expect((await admin.get('/users/me/tokens')).status).toBe(409);
  });

  it('refuses an expired token with 401, saying when it expired and how to get another', async () => {
    fromNewAddress();
    const sam = await person(admin, { name: 'Sam', role: 'manager' });
    const made = await sam.client.post('/users/me/tokens', { name: 'expiring', expiresInDays: 1 });
    const expiredAt = new Date(Date.now() - 3_600_000);
    // As if a day had passed: the row says so (the token was never used, so no replica remembers it).
    await t.baton.context.db.query('UPDATE api_tokens SET expires_at = $2 WHERE id = $1', [made.body.id, expiredAt]);

    const refused = await sam.client.as(made.body.token).get('/users/me');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('unauthenticated');
    expect(refused.body.detail).toContain(`this token expired on ${expiredAt.toISOString()}`);
    expect(refused.body.detail).toContain('POST /users/me/tokens');
    const session = await admin.post('/auth/session', { token: made.body.token });
    expect(session.status).toBe(401);
    expect(session.body.detail).toContain('expired on');
    expect((await sam.client.get('/users/me')).status).toBe(200);
  });

  it('rotates: an admin’s POST /users/:id/token revokes every other token of the user and shows the new one once', async () => {
    fromNewAddress();
    const tom = await person(admin, { name: 'Tom', role: 'owner' });
    const second = admin.as((await tom.client.post('/users/me/tokens', { name: 'script' })).body.token);

    const rotated = await admin.post(`/users/${tom.id}/token`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: tom.id, name: 'Tom' });
    expect(daysFromNow(rotated.body.tokenExpiresAt)).toBeCloseTo(30, 1);
    expect((await tom.client.get('/users/me')).status).toBe(401);
    expect((await second.get('/users/me')).status).toBe(401);
    const fresh = admin.as(rotated.body.token);
    expect((await fresh.get('/users/me')).body.id).toBe(tom.id);

    const listed = (await fresh.get('/users/me/tokens')).body.items;
    expect(
      listed.map((token: { name: string; revokedAt: string | null }) => [token.name, token.revokedAt === null]),
    ).toEqual([
      ['rotated', true],
      ['script', false],
      ['default', false],
    ]);
  });

  it('ends a browser session with the token that opened it, and keeps the others until a rotation', async () => {
    fromNewAddress();
    const uma = await person(admin, { name: 'Uma', role: 'manager' });
    const [defaultToken] = (await uma.client.get('/users/me/tokens')).body.items;
    const laptop = await uma.client.post('/users/me/tokens', { name: 'laptop' });
    const byDefault = await signIn(uma.client.token ?? '');
    const byLaptop = await signIn(laptop.body.token);
    expect(await sessionStatus(byDefault)).toBe(200);
    expect(await sessionStatus(byLaptop)).toBe(200);

    expect((await uma.client.delete(`/users/me/tokens/${laptop.body.id}`)).status).toBe(204);
    expect(await sessionStatus(byLaptop)).toBe(401);
    expect(await sessionStatus(byDefault)).toBe(200);

    expect((await admin.post(`/users/${uma.id}/token`)).status).toBe(200);
    expect(await sessionStatus(byDefault)).toBe(401);
    expect(defaultToken.name).toBe('default');
  });

  it('writes a token’s last use at most once a minute, not on every request', async () => {
    fromNewAddress();
    const vera = await person(admin, { name: 'Vera', role: 'manager' });
    const db = t.baton.context.db;
    const start = Math.floor(Date.now() / 1000) * 1000;
    let now = start;
    // Outside any API process, with a clock of its own; it reads the row each time (not listening).
    const authenticator = new Authenticator(db, 'x'.repeat(32), { now: () => now });
    const lastUsed = async () => {
      const [row]: { last_used_at: Date }[] = await db.query('SELECT last_used_at FROM api_tokens WHERE user_id = $1', [
        vera.id,
      ]);
      return row?.last_used_at.toISOString();
    };
    const token = vera.client.token ?? '';

    expect((await authenticator.check(token)).status).toBe('valid');
    expect(await lastUsed()).toBe(new Date(start).toISOString());
    now += 30_000;
    expect((await authenticator.check(token)).status).toBe('valid');
    expect(await lastUsed()).toBe(new Date(start).toISOString());
    now += 31_000;
    expect((await authenticator.check(token)).status).toBe('valid');
    expect(await lastUsed()).toBe(new Date(start + 61_000).toISOString());
    now += 31 * DAY_MS;
    expect(await authenticator.check(token)).toMatchObject({ status: 'expired' });
  });

  it('fails a revoked token at once on another API process of the same database, which remembered it', async () => {
    fromNewAddress();
    const port = await findFreePort();
    const other = await startApiProcess({
      port,
      databaseUrl: await testDatabaseUrl('baton_test_tokens'),
      adminToken: 'tokens-second-replica-admin-token-0123456789',
      taskQueue: `test-tokens-${process.pid}`,
    });
    try {
      const wanda = await person(admin, { name: 'Wanda', role: 'manager' });
      const made = await wanda.client.post('/users/me/tokens', { name: 'both replicas' });
      const elsewhere = new ApiClient(`http://127.0.0.1:${port}`, made.body.token);
      // Used twice there: the second answer comes from what that process remembers.
      expect((await elsewhere.get('/users/me')).body.id).toBe(wanda.id);
      expect((await elsewhere.get('/users/me')).status).toBe(200);

      expect((await wanda.client.delete(`/users/me/tokens/${made.body.id}`)).status).toBe(204);
      const refused = await elsewhere.get('/users/me');
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toContain('revoked');
    } finally {
      other.child.kill('SIGTERM');
      await other.exited();
    }
  });

  it('answers 429 with Retry-After past 10 failed authentications from one address', async () => {
    const throttled = fromNewAddress();
    const wrong = throttled.as('baton_not-a-token-of-anybody');
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect((await wrong.get('/users/me')).status).toBe(401);
    }
    const response = await fetch(`${t.baton.apiUrl}/users/me`, {
      headers: { authorization: 'Bearer baton_still-not-a-token', 'x-forwarded-for': throttled.address },
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 429, code: 'too-many-requests' });
    expect((await throttled.post('/auth/session', { token: 'baton_guess' })).status).toBe(429);

    const neighbour = fromNewAddress().as('baton_not-a-token-either');
    expect((await neighbour.get('/users/me')).status).toBe(401);
  });

  it('refuses a throttled address even the right token, without looking it up: a guesser learns nothing from it', async () => {
    const guessed = await person(fromNewAddress(), { name: 'Quentin', role: 'staff', department: 'it' });
    const made = await guessed.client.post('/users/me/tokens', { name: 'never used' });
    expect(made.body.lastUsedAt).toBeNull();

    const guesser = fromNewAddress();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect((await guesser.as(`baton_wrong-guess-${attempt}`).get('/users/me')).status).toBe(401);
    }
    expect((await guesser.as(made.body.token).get('/users/me')).status).toBe(429);
    expect((await guesser.post('/auth/session', { token: made.body.token })).status).toBe(429);
    expect((await guesser.get('/users/me')).status).toBe(429);

    const [listed] = (await guessed.client.get('/users/me/tokens')).body.items.filter(
      (token: { id: string }) => token.id === made.body.id,
    );
    expect(listed.lastUsedAt).toBeNull();
  });

  it('counts failures in a window: once it passes, an address is answered 401 again', () => {
    let now = 0;
    const throttle = new FailedAuthThrottle({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => throttle.fail('192.0.2.200'))).toEqual([null, null, null]);
    now = 15_000;
    expect(throttle.fail('192.0.2.200')).toBe(45);
    expect(throttle.fail('192.0.2.201')).toBeNull();
    now = 60_000;
    expect(throttle.fail('192.0.2.200')).toBeNull();
  });

  it('bars an address from authenticating once it has failed the limit, until its window passes', () => {
    let now = 0;
    const throttle = new FailedAuthThrottle({ limit: 3, windowMs: 60_000, now: () => now });
    throttle.fail('192.0.2.210');
    throttle.fail('192.0.2.210');
    expect(throttle.retryAfter('192.0.2.210')).toBeNull();
    throttle.fail('192.0.2.210');
    now = 15_000;
    expect(throttle.retryAfter('192.0.2.210')).toBe(45);
    expect(throttle.retryAfter('192.0.2.211')).toBeNull();
    now = 60_000;
    expect(throttle.retryAfter('192.0.2.210')).toBeNull();
  });

  it('turns the token each user had before migration 0010 into their default one, expiring BATON_TOKEN_TTL_DAYS later', async (context) => {
    const url = await testDatabaseUrl('baton_test_tokens_upgrade');
    // A run given one shared database (DATABASE_URL without the right to create others) cannot spare it.
    if (url === (await testDatabaseUrl('baton_test_tokens'))) context.skip();
    const db = await openDatabase(url);
    try {
      await migrate(db);
      // Back to the schema before 0010 (and the migrations after it), where a user's one token was a column.
      for (let undone = 0; undone < 5; undone += 1) {
        const [tables]: { present: boolean }[] = await db.query(
          "SELECT to_regclass('api_tokens') IS NOT NULL AS present",
        );
        if (!tables?.present) break;
        await db.undoLastMigration();
      }
      const token = newToken();
      const id = '0b6e4a52-8f4c-4d59-9d7e-3c1f9d2a7b10';
      await db.query(`INSERT INTO users (id, name, role, token_hash) VALUES ($1, 'Yves', 'manager', $2)`, [
        id,
        hashToken(token),
      ]);

      await migrate(db, { tokenTtlDays: 12 });
      const check = await new Authenticator(db, 'x'.repeat(32)).check(token);
      expect(check).toMatchObject({ status: 'valid', actor: { id, name: 'Yves', role: 'manager' } });
      const rows: { name: string; expires_at: Date; revoked_at: Date | null }[] = await db.query(
        'SELECT name, expires_at, revoked_at FROM api_tokens WHERE user_id = $1',
        [id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ name: 'default', revoked_at: null });
      expect(daysFromNow(rows[0]?.expires_at.toISOString() ?? '')).toBeCloseTo(12, 1);

      // The previous release's column stays for its replicas during a rolling upgrade, and forgets a revoked token.
      const column = async () =>
        ((await db.query('SELECT token_hash FROM users WHERE id = $1', [id])) as { token_hash: string | null }[])[0]
          ?.token_hash;
      expect(await column()).toBe(hashToken(token));
      const [tokenRow]: { id: string }[] = await db.query('SELECT id FROM api_tokens WHERE user_id = $1', [id]);
      await revokeToken(db, id, tokenRow?.id ?? '', { id: 'admin', name: 'bootstrap admin', role: 'admin' });
      expect(await column()).toBeNull();
    } finally {
      await db.destroy();
    }
  });

  it('takes the Authorization scheme in any case', async () => {
    fromNewAddress();
    const xavier = await person(admin, { name: 'Xavier', role: 'staff', department: 'it' });
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const answer = await t.api.request('GET', '/users/me', undefined, undefined, {
        authorization: `${scheme} ${xavier.client.token}`,
      });
      expect(answer.status).toBe(200);
    }
  });
});
