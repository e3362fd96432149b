import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { MailInbox } from '../support/mail-inbox';
import { startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { eventually } from '../support/wait';

const DESK = 'servicedesk@baton.local';

/**
 * The service desk's whole story by mail, on real Temporal, Postgres and SMTP: a requester
 * writes, is acknowledged with a date, the first level takes it and passes it on, the
 * requester's reply joins the request, and the resolution reaches them.
 */
describe('a service-desk request that lives by mail', () => {
  let t: TestBaton;
  let inbox: MailInbox;
  let smtp: Transporter;
  let rita: { id: string; client: ApiClient };
  let desk: ApiClient;
  let it2: ApiClient;
  let finance: ApiClient;

  beforeAll(async () => {
    inbox = await MailInbox.open();
    t = await startTestBaton('service_desk_by_mail', undefined, {
      BATON_SMTP_URL: inbox.url,
      BATON_PUBLIC_URL: 'https://baton.example.com',
      BATON_SMTP_INTAKE_PORT: '2525',
    });
    smtp = createTransport({ host: '127.0.0.1', port: t.baton.intake?.port, secure: false, ignoreTLS: true });
    rita = await person(t.admin, {
      name: 'Rita',
      role: 'requester',
      department: 'finance',
      email: 'rita@example.com',
      timeZone: 'America/New_York',
    });
    desk = (await person(t.admin, { name: 'Dan', role: 'staff', department: 'service-desk' })).client;
    it2 = (await person(t.admin, { name: 'Ivy', role: 'staff', department: 'it', email: 'ivy@example.com' })).client;
    finance = (await person(t.admin, { name: 'Fay', role: 'staff', department: 'finance' })).client;
  });

  afterAll(async () => {
    smtp?.close();
    await t?.stop();
    await inbox?.close();
  });

  it('opens by mail, is acknowledged with a date, escalates, takes the reply as a comment and ends with a resolution mail', async () => {
    await smtp.sendMail({
      from: 'rita@example.com',
      to: DESK,
      subject: 'The VPN drops every hour',
      text: 'Since Monday.',
    });
    const [request] = await eventually(async () => {
      const mine = (await rita.client.get('/requests')).body.items;
      return mine.length === 1 && mine;
    }, 'the request opened by mail');
    const id = request.id;

    const [receipt] = await inbox.waitFor('rita@example.com');
    expect(receipt?.subject).toContain(`[#${id}]`);
    // The expected date is a date in New York time, not "within 2d".
    expect(receipt?.text).toMatch(/\b20\d\d\b/);
    expect(receipt?.text).not.toMatch(/within \d/);

    expect((await desk.post(`/tasks/${id}.first-level/claim`)).status).toBe(200);
    const passedOn = await desk.post(`/tasks/${id}.first-level/complete`, {
      output: { solved: false, resolution: 'Not the client: the concentrator' },
    });
    expect(passedOn.status).toBe(200);
    const [, moved] = await inbox.waitFor('rita@example.com', 2);
    expect(moved?.text).toContain('IT');

    await smtp.sendMail({
      from: 'rita@example.com',
      to: DESK,
      subject: `Re: ${moved?.subject}`,
      inReplyTo: moved?.messageId,
      text: 'It happens at 10:00 sharp.\n\nOn Tuesday, Baton wrote:\n> Your request moved on.',
    });
    const reply = await eventually(async () => {
      const comments = (await it2.get(`/instances/${id}/comments`)).body.items;
      return comments.length === 1 && comments[0];
    }, 'the reply as a comment');
    expect(reply).toMatchObject({ body: 'It happens at 10:00 sharp.', source: 'email', author: { name: 'Rita' } });
    // IT, who hold the open task, hear of it.
    await eventually(
      async () => inbox.to('ivy@example.com').find((mail) => mail.text?.includes('It happens at 10:00 sharp.')),
      "Ivy's mail about the reply",
    );

    expect((await it2.post(`/tasks/${id}.second-level/complete`, { output: { resolution: 'Firmware' } })).status).toBe(
      200,
    );
    expect((await finance.post(`/tasks/${id}.confirmation/complete`, { output: { decision: 'approve' } })).status).toBe(
      200,
    );
    const resolution = await eventually(
      async () => inbox.to('rita@example.com').find((mail) => mail.subject?.startsWith('Request resolved')),
      'the resolution mail',
    );
    expect(resolution?.subject).toContain(`[#${id}]`);
    expect((await rita.client.get(`/requests/${id}`)).body).toMatchObject({ status: 'completed', expectedAt: null });
  });
});
