import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { MailInbox } from '../support/mail-inbox';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';

const LAPTOP = `
process: laptop
title: Set up a laptop
owner: it
input: { type: object, properties: {} }
tasks:
  - { id: setup, title: Set up the laptop, department: it, due: 2d }
`;

/** A browser signs in with a mailed link or a token, keeps a cookie, and proves its writes are its own. */
describe('signing in a browser', () => {
  let t: TestBaton;
  let inbox: MailInbox;

  beforeAll(async () => {
    inbox = await MailInbox.open();
    t = await startTestBaton('web_sign_in', definitionsFolder({ 'laptop.yaml': LAPTOP }), {
      BATON_SMTP_URL: inbox.url,
      BATON_PUBLIC_URL: 'https://baton.example.com',
    });
  });

  afterAll(async () => {
    await t?.stop();
    await inbox?.close();
  });

  /** Requests as a browser holding a session cookie (and, for writes, the CSRF token). */
  function browser(cookie: string, csrfToken?: string) {
    return (method: string, path: string, body?: unknown) =>
      t.api.request(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json', {
        cookie,
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      });
  }

  async function signIn(token: string): Promise<{ cookie: string; csrfToken: string; setCookie: string }> {
    const response = await fetch(`${t.baton.apiUrl}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    const body = (await response.json()) as { csrfToken: string };
    return { cookie: setCookie.split(';')[0] ?? '', csrfToken: body.csrfToken, setCookie };
  }

  it('mails a one-time link to a known address, which opens a session once', async () => {
    const rita = await person(t.admin, { name: 'Rita', role: 'requester', email: 'rita@example.com', locale: 'fr' });
    const asked = await t.api.post('/auth/sign-in-link', { email: 'RITA@example.com' });
    expect(asked).toMatchObject({ status: 202, body: { sent: true } });
    const [mail] = await inbox.waitFor('rita@example.com');
    expect(mail?.subject).toBe('Votre lien de connexion à Baton');
    const token = /#token=(\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(mail?.text).toContain('https://baton.example.com/app/sign-in#token=');

    const { cookie, csrfToken, setCookie } = await signIn(token);
    expect(setCookie).toMatch(/^baton_session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const me = await browser(cookie)('GET', '/users/me');
    expect(me.body).toMatchObject({ id: rita.id, name: 'Rita' });
    expect((await browser(cookie)('GET', '/auth/session')).body).toMatchObject({ user: { id: rita.id }, csrfToken });

    const again = await t.api.post('/auth/session', { token });
    expect(again.status).toBe(401);
  });

  it('answers a link request for an unknown address as for a known one, and mails nothing', async () => {
    const before = inbox.mails.length;
    expect(await t.api.post('/auth/sign-in-link', { email: 'nobody@example.com' })).toMatchObject({
      status: 202,
      body: { sent: true },
    });
    expect(inbox.mails.length).toBe(before);
  });

  it('refuses a write by cookie without the session’s CSRF token, and takes it with', async () => {
    const staff = await person(t.admin, { name: 'Ines', role: 'staff', department: 'it' });
    const { cookie, csrfToken } = await signIn(staff.client.token ?? '');
    const id = (await t.admin.post('/definitions/laptop/instances', { input: {} })).body.id;

    const forged = await browser(cookie)('POST', `/tasks/${id}.setup/claim`);
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('csrf-failed');
    const claimed = await browser(cookie, csrfToken)('POST', `/tasks/${id}.setup/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee.name).toBe('Ines');
  });

  it('signs out, and a deactivated person’s sessions end with them', async () => {
    const leaving = await person(t.admin, { name: 'Leo', role: 'manager' });
    const first = await signIn(leaving.client.token ?? '');
    const signedOut = await browser(first.cookie, first.csrfToken)('DELETE', '/auth/session');
    expect(signedOut.status).toBe(204);
    expect((await browser(first.cookie)('GET', '/users/me')).status).toBe(401);

    const second = await signIn(leaving.client.token ?? '');
    expect((await t.admin.delete(`/users/${leaving.id}`)).status).toBe(200);
    expect((await browser(second.cookie)('GET', '/users/me')).status).toBe(401);
  });

  it('does not open a browser session for the bootstrap admin, whose token is for scripts', async () => {
    const refused = await t.api.post('/auth/session', { token: t.baton.adminToken });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('bootstrap admin');
  });

  it('streams the changes of the tasks a person may see, as server-sent events', async () => {
    const staff = await person(t.admin, { name: 'Sam', role: 'staff', department: 'it' });
    const controller = new AbortController();
    const stream = await fetch(`${t.baton.apiUrl}/events`, {
      headers: { authorization: `Bearer ${staff.client.token}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const id = (await t.admin.post('/definitions/laptop/instances', { input: {} })).body.id;
    let received = '';
    const deadline = Date.now() + 10_000;
    while (!received.includes(`"id":"${id}.setup"`) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(received).toContain('event: task');
    expect(received).toContain(`"id":"${id}.setup"`);
    expect(received).toContain('"department":"it"');
  });

  it('lets a bearer token keep working for scripts, whatever the case of its scheme', async () => {
    const script = new ApiClient(t.baton.apiUrl);
    const answer = await script.request('GET', '/users/me', undefined, undefined, {
      authorization: `bearer ${t.baton.adminToken}`,
    });
    expect(answer.status).toBe(200);
  });
});
