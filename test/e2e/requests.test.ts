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
  let itStaff: ApiClient;
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
    desk = (await person(t.admin, { name: 'Dan Desk', role: 'staff', department: 'service-desk' })).client;
    itStaff = (await person(t.admin, { name: 'Ivy IT', role: 'staff', department: 'it' })).client;
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

    const comment = await rita.client.post(`/requests/${id}/comments`, { body: 'It is worse in the morning.' });
    expect(comment.status).toBe(201);
    const told = (await manager.get(`/notifications?instance=${id}&kind=comment`)).body.items;
    expect(told.map((row: { recipient: string }) => row.recipient)).toEqual(['department:it']);

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
