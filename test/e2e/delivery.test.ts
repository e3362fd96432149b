import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailInbox } from '../support/mail-inbox';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { eventually } from '../support/wait';

/** A kiosk to install: IT and the store are told at once; a task overdue in 2 s goes to IT's lead. */
const KIOSK = `
process: kiosk
title: Install a kiosk
owner: it
input:
  type: object
  required: [store]
  properties:
    store: { type: string }
tasks:
  - id: announce
    type: notify
    to:
      departments: [it]
      addresses: ["{{ input.store }}@stores.example.com"]
    subject: "Kiosk for {{ input.store }}"
    text: "A kiosk is coming to {{ input.store }}."
  - id: install
    title: Install the kiosk
    department: it
    due: 2s
    escalation:
      - { at: due, notify: [department-lead] }
`;

describe('delivery of notifications to people', () => {
  let t: TestBaton;
  let inbox: MailInbox;
  let lead: string;

  beforeAll(async () => {
    inbox = await MailInbox.open();
    t = await startTestBaton('delivery', definitionsFolder({ 'kiosk.yaml': KIOSK }), {
      BATON_SMTP_URL: inbox.url,
      BATON_MAIL_FROM: 'Baton <baton@example.com>',
      BATON_PUBLIC_URL: 'https://baton.example.com',
    });
    lead = (
      await person(t.admin, {
        name: 'Amélie Martin',
        role: 'staff',
        department: 'it',
        email: 'amelie@example.com',
        timeZone: 'Pacific/Auckland',
        locale: 'fr',
      })
    ).id;
    await person(t.admin, { name: 'Ben', role: 'staff', department: 'it', email: 'ben@example.com' });
    await person(t.admin, { name: 'Nobody reachable', role: 'staff', department: 'it' });
    expect((await t.admin.put('/departments/it', { name: 'IT', lead })).status).toBe(200);
  });

  afterAll(async () => {
    await t?.stop();
    await inbox?.close();
  });

  it("mails a department's people one by one in their language, and an address as written", async () => {
    const started = await t.admin.post('/definitions/kiosk/instances', { input: { store: 'lyon' } });
    expect(started.status).toBe(201);
    const id = started.body.id;

    const [toAmelie] = await inbox.waitFor('amelie@example.com');
    const [toBen] = await inbox.waitFor('ben@example.com');
    const [toStore] = await inbox.waitFor('lyon@stores.example.com');
    expect(toBen?.subject).toBe(`Kiosk for lyon [#${id}]`);
    expect(toBen?.text).toContain('A kiosk is coming to lyon.');
    expect(toBen?.text).toContain(`https://baton.example.com/app/instances/${id}`);
    expect(toAmelie?.text).toContain('Bonjour Amélie Martin');
    expect(toStore?.from?.value).toEqual([{ name: 'Baton', address: 'baton@example.com' }]);
    expect(toBen?.messageId).not.toBe(toAmelie?.messageId);

    const outbox = await eventually(async () => {
      const answer = await t.admin.get(`/notifications?instance=${id}&kind=notify`);
      const delivered = answer.body.items.every((row: { deliveredAt: string | null }) => row.deliveredAt !== null);
      return delivered && answer.body.items;
    }, 'the notify rows delivered');
    const toIt = outbox.find((row: { recipient: string }) => row.recipient === 'department:it');
    expect(toIt.deliveries).toEqual([
      expect.objectContaining({ channel: 'email', to: 'amelie@example.com', status: 'delivered', attempts: 1 }),
      expect.objectContaining({ channel: 'email', to: 'ben@example.com', status: 'delivered', attempts: 1 }),
    ]);
  });

  it("reaches the department's lead when a task is due and not done, dated in the lead's zone", async () => {
    const started = await t.admin.post('/definitions/kiosk/instances', { input: { store: 'nice' } });
    const id = started.body.id;
    const escalation = await eventually(
      async () =>
        inbox
          .to('amelie@example.com')
          .find((mail) => mail.subject?.includes('Install the kiosk') && mail.subject.includes(`[#${id}]`)),
      "the escalation's mail",
    );
    expect(escalation?.text).toContain(`https://baton.example.com/app/tasks/${id}.install`);
    // The due date, in Auckland, in French: a weekday name is written out.
    expect(escalation?.text).toMatch(/(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)/);
  });

  it('holds what a person wants in a digest, then mails it all at once at their digest hour', async () => {
    const dora = await person(t.admin, { name: 'Dora', role: 'staff', department: 'it', email: 'dora@example.com' });
    const preferences = await dora.client.put('/users/me/preferences', { comment: 'digest' });
    expect(preferences.body).toMatchObject({ comment: 'digest', overdue: 'immediate' });
    const manager = (await person(t.admin, { name: 'Mia', role: 'manager' })).client;

    const id = (await t.admin.post('/definitions/kiosk/instances', { input: { store: 'metz' } })).body.id;
    expect((await dora.client.post(`/tasks/${id}.install/claim`)).status).toBe(200);
    for (const body of ['Bring the stand.', 'And the screws.']) {
      expect((await manager.post(`/tasks/${id}.install/comments`, { body })).status).toBe(201);
    }
    const held = await eventually(async () => {
      const rows = (await dora.client.get(`/notifications?instance=${id}&kind=comment`)).body.items;
      const statuses = rows.flatMap((row: { deliveries: { status: string }[] }) => row.deliveries.map((d) => d.status));
      return statuses.length === 2 && statuses.every((status: string) => status === 'held') && rows;
    }, 'two comments held for the digest');
    expect(held).toHaveLength(2);
    expect(inbox.to('dora@example.com').filter((mail) => mail.subject?.includes('summary'))).toEqual([]);

    // A night passes: the digest hour (08:00 in Dora's zone) comes after the oldest held notification.
    await t.baton.context.db.query(
      "UPDATE deliveries SET created_at = created_at - interval '1 day' WHERE status = 'held' AND address = $1",
      ['dora@example.com'],
    );
    t.baton.dispatcher.wake();
    const digest = await eventually(
      async () => inbox.to('dora@example.com').find((mail) => mail.subject?.startsWith('Your daily summary')),
      'the digest',
    );
    expect(digest?.subject).toBe('Your daily summary: 2 notifications');
    expect(digest?.text).toContain('Bring the stand.');
    expect(digest?.text).toContain('And the screws.');
    const delivered = (await dora.client.get(`/notifications?instance=${id}&kind=comment`)).body.items;
    expect(delivered.every((row: { deliveredAt: string | null }) => row.deliveredAt !== null)).toBe(true);
  });

  it("shows staff the notifications sent to them and to their department, no one else's", async () => {
    const hr = await person(t.admin, { name: 'Hugo', role: 'staff', department: 'hr' });
    const id = (await t.admin.post('/definitions/kiosk/instances', { input: { store: 'caen' } })).body.id;
    expect((await hr.client.get(`/notifications?instance=${id}`)).body.items).toEqual([]);
    const itStaff = await person(t.admin, { name: 'Ian', role: 'staff', department: 'it' });
    const mine = (await itStaff.client.get(`/notifications?instance=${id}&kind=notify`)).body.items;
    expect(mine.map((row: { recipient: string }) => row.recipient)).toEqual(['department:it']);
    expect((await itStaff.client.get(`/instances/${id}`)).status).toBe(200);
    expect((await hr.client.get(`/instances/${id}`)).status).toBe(403);
  });

  it('signs webhooks per the Standard Webhooks spec and retries, on its schedule, a receiver that failed once', async () => {
    const received: { type: string; data: { instanceId: string } }[] = [];
    const attempts: string[] = [];
    const answers = [500];
    let secret = '';
    const receiver = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        attempts.push(String(request.headers['webhook-id']));
        const status = answers.shift() ?? 204;
        if (status < 300) {
          received.push(new Webhook(secret).verify(body, request.headers as Record<string, string>) as never);
        }
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const created = await t.admin.post('/webhooks', { url: `http://127.0.0.1:${port}/hook`, events: ['notify'] });
      expect(created.status).toBe(201);
      secret = created.body.secret;
      expect(secret).toMatch(/^whsec_/);
      expect((await t.admin.get('/webhooks')).body.items[0]).not.toHaveProperty('secret');

      const started = await t.admin.post('/definitions/kiosk/instances', { input: { store: 'brest' } });
      const id = started.body.id;
      const failedOnce = await eventually(async () => {
        const rows = (await t.admin.get(`/notifications?instance=${id}&kind=notify`)).body.items;
        const hooks = rows.flatMap((row: { deliveries: { channel: string }[] }) =>
          row.deliveries.filter((delivery) => delivery.channel === 'webhook'),
        );
        return hooks.find((hook: { lastError: string | null }) => hook.lastError?.includes('500')) ?? null;
      }, 'a webhook delivery refused with a 500');
      expect(failedOnce).toMatchObject({ status: 'pending', attempts: 1 });
      expect(Date.parse(failedOnce.nextAttemptAt) - Date.now()).toBeGreaterThan(20_000);

      // The schedule's first retry comes 30 s after the failure, by itself.
      const delivered = await eventually(
        async () => {
          const rows = (await t.admin.get(`/notifications?instance=${id}&kind=notify`)).body.items;
          const hooks = rows.flatMap((row: { deliveries: { id: string; status: string }[] }) => row.deliveries);
          return hooks.find(
            (hook: { id: string; status: string }) => hook.id === failedOnce.id && hook.status === 'delivered',
          );
        },
        'the retried webhook delivered',
        45_000,
      );
      expect(delivered).toMatchObject({ attempts: 2, lastError: null });
      expect(received.every((event) => event.type === 'notify' && event.data.instanceId === id)).toBe(true);
      // The receiver can drop a duplicate: every attempt of a delivery carries its id.
      expect(attempts.filter((webhookId) => webhookId === failedOnce.id)).toHaveLength(2);

      const redelivered = await t.admin.post(`/deliveries/${failedOnce.id}/redeliver`);
      expect(redelivered.body).toMatchObject({ status: 'pending', attempts: 2 });
      await eventually(
        async () => attempts.filter((webhookId) => webhookId === failedOnce.id).length === 3,
        'the redelivery',
      );
    } finally {
      receiver.close();
    }
  });
});
