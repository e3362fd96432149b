import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { MailInbox } from '../support/mail-inbox';
import { startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';
import { eventually } from '../support/wait';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

/** The shipped service desk, seen from the requester's side: the catalogue, the request, its mail. */
describe('requests from the catalogue', () => {
  let t: TestBaton;
  let inbox: MailInbox;
  let rita: { id: string; client: ApiClient };
  let desk: ApiClient;
  let deskId: string;
  let itStaff: ApiClient;
  let itId: string;
  let finance: ApiClient;
  let manager: ApiClient;

  beforeAll(async () => {
    inbox = await MailInbox.open();
    t = await startTestBaton('requests', undefined, { BATON_SMTP_URL: inbox.url });
    rita = await person(t.admin, {
      name: 'Rita Requester',
      role: 'requester',
      department: 'finance',
      email: 'rita@example.com',
      timeZone: 'Europe/Paris',
    });
    ({ id: deskId, client: desk } = await person(t.admin, {
      name: 'Dan Desk',
      role: 'staff',
      department: 'service-desk',
    }));
    ({ id: itId, client: itStaff } = await person(t.admin, { name: 'Ivy IT', role: 'staff', department: 'it' }));
    finance = (await person(t.admin, { name: 'Fay Finance', role: 'staff', department: 'finance' })).client;
    manager = (await person(t.admin, { name: 'Max Manager', role: 'manager' })).client;
  });

  afterAll(async () => {
    await t?.stop();
    await inbox?.close();
  });

  it('offers each person what its audience includes, with the form they fill', async () => {
    const forRita = (await rita.client.get('/catalogue')).body.items;
    expect(forRita.map((item: { key: string }) => item.key)).toEqual(['service-desk-request']);
    const [desk] = forRita;
    expect(desk).toMatchObject({ category: 'Service desk', email: 'servicedesk@baton.local' });
    expect(Object.keys(desk.form.properties)).not.toContain('requesterEmail');
    expect(desk.form.required).toEqual(['kind', 'category', 'priority', 'summary']);

    const forManager = (await manager.get('/catalogue')).body.items;
    expect(forManager.map((item: { key: string }) => item.key).sort()).toEqual([
      'employee-onboarding',
      'service-desk-request',
    ]);
    const refused = await rita.client.post('/catalogue/employee-onboarding/requests', { input: {} });
    expect(refused.status).toBe(403);
  });

  it('reads one entry of the catalogue as the list shows it, and hides from each what is not offered to them', async () => {
    const forRita = (await rita.client.get('/catalogue')).body.items;
    const one = await rita.client.get('/catalogue/service-desk-request');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(forRita[0]);

    const forManager = (await manager.get('/catalogue')).body.items;
    const onboarding = await manager.get('/catalogue/employee-onboarding');
    expect(onboarding.status).toBe(200);
    expect(onboarding.body).toEqual(forManager.find((item: { key: string }) => item.key === 'employee-onboarding'));

    // Not offered to her, deployed but not in the catalogue, or unknown: the same 404, so nothing can be probed.
    const answers = await Promise.all(
      ['employee-onboarding', 'site-opening', 'no-such-process'].map((key) => rita.client.get(`/catalogue/${key}`)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((answer) => answer.body.detail.replace(/"[^"]+"/, '"…"'))).size).toBe(1);
    expect((await manager.get('/catalogue/site-opening')).status).toBe(404);
    expect((await rita.client.get('/catalogue/service-desk-request?full=1')).status).toBe(400);
  });

  it('follows a request from receipt to resolution, told by mail with the date it is expected', async () => {
    const asked = await rita.client.post('/catalogue/service-desk-request/requests', {
      input: { kind: 'incident', category: 'it', priority: 'normal', summary: 'My screen flickers' },
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id;
    expect(asked.body).toMatchObject({
      status: 'running',
      title: 'Handle a service-desk request',
      subject: 'My screen flickers',
    });
    expect(asked.body.expectedAt).toMatch(ISO_DATE);
    expect(asked.body.waitingOn).toEqual([expect.objectContaining({ department: 'Service desk' })]);

    const [receipt] = await inbox.waitFor('rita@example.com');
    expect(receipt?.subject).toContain('My screen flickers');
    expect(receipt?.subject).toContain(`[#${id}]`);
    // A date, in Rita's zone, not "within 2d".
    expect(receipt?.text).toMatch(/\d{4}/);
    expect(receipt?.text).not.toContain('within');

    const instance = await manager.get(`/instances/${id}`);
    expect(instance.body.input).toMatchObject({ requesterName: 'Rita Requester', requesterEmail: 'rita@example.com' });

    expect((await desk.post(`/tasks/${id}.first-level/claim`)).status).toBe(200);
    const firstLevel = await desk.post(`/tasks/${id}.first-level/complete`, {
      output: { solved: false, resolution: 'Not the cable' },
    });
    expect(firstLevel.status).toBe(200);
    const staged = await inbox.waitFor('rita@example.com', 2);
    expect(staged[1]?.text).toContain('IT');

    const followed = await rita.client.get(`/requests/${id}`);
    expect(followed.body.timeline.map((entry: { event: string; text: string }) => entry.text)).toEqual([
      'You asked: My screen flickers',
      expect.stringMatching(/^Waiting on Service desk: Incident: My screen flickers/),
      expect.stringMatching(/^Done by Dan Desk: Incident: My screen flickers/),
      expect.stringMatching(/^Waiting on IT: Escalated incident: My screen flickers/),
    ]);
    // The same facts, structured, for a page that writes them in its own language.
    const firstLevelTitle = followed.body.timeline[1].text.replace('Waiting on Service desk: ', '');
    const secondLevelTitle = followed.body.timeline[3].text.replace('Waiting on IT: ', '');
    expect(followed.body.timeline).toEqual([
      {
        at: asked.body.startedAt,
        event: 'opened',
        text: 'You asked: My screen flickers',
        actor: { id: rita.id, name: 'Rita Requester' },
        step: null,
        department: null,
        body: null,
      },
      {
        at: expect.stringMatching(ISO_DATE),
        event: 'waiting-on',
        text: expect.any(String),
        actor: null,
        step: { id: 'first-level', title: firstLevelTitle },
        department: { id: 'service-desk', name: 'Service desk' },
        body: null,
      },
      {
        at: firstLevel.body.completedAt,
        event: 'done',
        text: expect.any(String),
        actor: { id: deskId, name: 'Dan Desk' },
        step: { id: 'first-level', title: firstLevelTitle },
        department: null,
        body: null,
      },
      {
        at: expect.stringMatching(ISO_DATE),
        event: 'waiting-on',
        text: expect.any(String),
        actor: null,
        step: { id: 'second-level', title: secondLevelTitle },
        department: { id: 'it', name: 'IT' },
        body: null,
      },
    ]);

    const comment = await rita.client.post(`/requests/${id}/comments`, { body: 'It is worse in the morning.' });
    expect(comment.status).toBe(201);
    const told = (await manager.get(`/notifications?instance=${id}&kind=comment`)).body.items;
    expect(told.map((row: { recipient: string }) => row.recipient)).toEqual(['department:it']);

    expect((await itStaff.post(`/tasks/${id}.second-level/claim`)).status).toBe(200);
    const latest = (await rita.client.get(`/requests/${id}`)).body.timeline.slice(4);
    expect(latest).toEqual([
      {
        at: comment.body.createdAt,
        event: 'comment',
        text: 'Rita Requester: It is worse in the morning.',
        actor: { id: rita.id, name: 'Rita Requester' },
        step: null,
        department: null,
        body: 'It is worse in the morning.',
      },
      {
        at: expect.stringMatching(ISO_DATE),
        event: 'taken',
        text: 'Taken by Ivy IT',
        actor: { id: itId, name: 'Ivy IT' },
        step: { id: 'second-level', title: secondLevelTitle },
        department: null,
        body: null,
      },
    ]);

    expect(
      (await itStaff.post(`/tasks/${id}.second-level/complete`, { output: { resolution: 'New screen' } })).status,
    ).toBe(200);
    expect((await finance.post(`/tasks/${id}.confirmation/complete`, { output: { decision: 'approve' } })).status).toBe(
      200,
    );
    const resolved = await eventually(
      async () => inbox.to('rita@example.com').find((mail) => mail.subject?.includes('resolved')),
      'the resolution mail',
    );
    expect(resolved?.subject).toContain(`[#${id}]`);
    const mine = (await rita.client.get('/requests')).body.items;
    expect(mine).toEqual([expect.objectContaining({ id, status: 'completed' })]);
    recordHistory(id, 'catalogue-request-resolved');
  });

  it("keeps the staff's comments on a task among the staff; the requester reads what is said to them", async () => {
    const asked = await rita.client.post('/catalogue/service-desk-request/requests', {
      input: { kind: 'request', category: 'it', priority: 'low', summary: 'A second screen' },
    });
    const id = asked.body.id;
    expect((await desk.post(`/tasks/${id}.first-level/comments`, { body: 'Stock is low.' })).status).toBe(201);
    expect((await desk.post(`/requests/${id}/comments`, { body: 'We are on it.' })).status).toBe(201);

    const hers = (await rita.client.get(`/requests/${id}/comments`)).body.items;
    expect(hers.map((comment: { body: string }) => comment.body)).toEqual(['We are on it.']);
    const staffs = (await manager.get(`/instances/${id}/comments`)).body.items;
    expect(staffs.map((comment: { body: string }) => comment.body)).toEqual(['Stock is low.', 'We are on it.']);
    const told = (await manager.get(`/notifications?instance=${id}&kind=comment`)).body.items;
    expect(told.map((row: { recipient: string }) => row.recipient)).toEqual(['requester']);
    expect((await manager.get('/instances/not-an-id/comments')).status).toBe(404);
  });

  it('keeps each requester to their own requests', async () => {
    const other = await person(t.admin, { name: 'Otto', role: 'requester', department: 'hr' });
    const input = { kind: 'request', category: 'access', priority: 'low', summary: 'A badge' };
    const unreachable = await other.client.post('/catalogue/service-desk-request/requests', { input });
    expect(unreachable.status).toBe(422);
    expect(unreachable.body.errors).toEqual([
      { field: '/requesterEmail', message: 'is your email: set it with PATCH /users/me' },
    ]);
    expect((await other.client.patch('/users/me', { email: 'otto@example.com' })).status).toBe(200);
    const theirs = await other.client.post('/catalogue/service-desk-request/requests', { input });
    expect(theirs.status).toBe(201);
    expect((await rita.client.get(`/requests/${theirs.body.id}`)).status).toBe(404);
    expect((await rita.client.get(`/requests/${theirs.body.id}/comments`)).status).toBe(404);
    expect((await rita.client.get(`/instances/${theirs.body.id}`)).status).toBe(403);
  });
});
