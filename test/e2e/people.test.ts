import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { person } from '../support/users';

/** People: who they are, how they are reached, and an admin's hold on their access. */
describe('people', () => {
  let t: TestBaton;

  beforeAll(async () => {
    t = await startTestBaton('people', definitionsFolder({}));
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('have an address, a time zone and a language, and read and edit their own', async () => {
    const amelie = await person(t.admin, {
      name: 'Amélie Martin',
      role: 'staff',
      department: 'it',
      email: 'amelie@example.com',
      timeZone: 'Europe/Paris',
      locale: 'fr',
    });
    const me = await amelie.client.get('/users/me');
    expect(me.body).toMatchObject({
      id: amelie.id,
      name: 'Amélie Martin',
      email: 'amelie@example.com',
      timeZone: 'Europe/Paris',
      locale: 'fr',
      active: true,
    });

    const edited = await amelie.client.patch('/users/me', { timeZone: 'America/Montreal', locale: 'en' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ timeZone: 'America/Montreal', locale: 'en', role: 'staff' });

    const promotion = await amelie.client.patch('/users/me', { role: 'admin' });
    expect(promotion.status).toBe(422);
    expect(promotion.body.errors).toContainEqual({ field: '/role', message: 'is not an allowed field' });
  });

  it('are refused with a zone that is none, or an address another user has', async () => {
    const zone = await t.admin.post('/users', { name: 'Zed', role: 'manager', timeZone: 'Mars/Olympus' });
    expect(zone.status).toBe(422);
    expect(zone.body.errors).toEqual([
      { field: '/timeZone', message: '"Mars/Olympus" is not an IANA time zone, e.g. Europe/Paris' },
    ]);

    await person(t.admin, { name: 'First', role: 'manager', email: 'shared@example.com' });
    const second = await t.admin.post('/users', { name: 'Second', role: 'manager', email: 'SHARED@example.com' });
    expect(second.status).toBe(422);
    expect(second.body.errors).toEqual([
      { field: '/email', message: 'SHARED@example.com is already the address of another user' },
    ]);
  });

  it('lose access at once when an admin deactivates them, though their token worked a moment before', async () => {
    const leaving = await person(t.admin, { name: 'Leaving', role: 'manager' });
    expect((await leaving.client.get('/users/me')).status).toBe(200);

    const deactivated = await t.admin.delete(`/users/${leaving.id}`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    const refused = await leaving.client.get('/users/me');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('deactivated');
  });

  it('get a new token from an admin, and the old one stops working at once', async () => {
    const rotating = await person(t.admin, { name: 'Rotating', role: 'owner' });
    expect((await rotating.client.get('/users/me')).status).toBe(200);

    const rotated = await t.admin.post(`/users/${rotating.id}/token`);
    expect(rotated.status).toBe(200);
    expect((await rotating.client.get('/users/me')).status).toBe(401);
    expect((await t.admin.as(rotated.body.token).get('/users/me')).body.id).toBe(rotating.id);
  });

  it('may lead their department, which may have a shared mailbox', async () => {
    const lead = await person(t.admin, { name: 'Lea Lead', role: 'staff', department: 'security' });
    const put = await t.admin.put('/departments/security', {
      name: 'Security & access',
      email: 'security@example.com',
      lead: lead.id,
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      id: 'security',
      name: 'Security & access',
      email: 'security@example.com',
      lead: lead.id,
    });

    const outsider = await person(t.admin, { name: 'Olaf Outsider', role: 'staff', department: 'it' });
    const refused = await t.admin.put('/departments/security', { name: 'Security & access', lead: outsider.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: '/lead' });
    expect(refused.body.errors[0].message).toContain('belongs to it');
  });

  it('may be requesters, who see neither the departments’ work nor the processes', async () => {
    const requester = await person(t.admin, { name: 'Rita Requester', role: 'requester' });
    expect((await requester.client.get('/users/me')).body.role).toBe('requester');
    for (const path of ['/tasks', '/definitions', '/instances', '/notifications', '/departments']) {
      const answer = await requester.client.get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
    }
  });
});
