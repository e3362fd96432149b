import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, SHIPPED_DEFINITIONS, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';
import { eventually } from '../support/wait';

/** A message to every department, in a calendar each start chooses among those the plan carries. */
const ANNOUNCE = `
process: announce-everywhere
title: Announce everywhere
owner: operations
calendar: "{{ input.calendar }}"
input:
  type: object
  required: [calendar]
  properties:
    calendar: { type: string }
tasks:
  - id: tell-everyone
    type: notify
    to: { departments: all }
    subject: Opening
    text: The site opens on Monday.
  - { id: follow-up, title: Follow up, department: operations, after: [tell-everyone], due: 1 business day }
`;

const REGISTRY: string[] = parse(
  fs.readFileSync(path.join(SHIPPED_DEFINITIONS, 'departments.yaml'), 'utf8'),
).departments.map((department: { id: string }) => department.id);

describe('departments: all, and ids named like Object.prototype members, over HTTP', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    const calendar = fs.readFileSync(path.join(SHIPPED_DEFINITIONS, 'calendars', 'fr-business.yaml'), 'utf8');
    const folder = definitionsFolder({ 'announce.yaml': ANNOUNCE, 'calendars/fr-business.yaml': calendar });
    t = await startTestBaton('prototype_names', folder);
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(() => t?.stop());

  it('writes one outbox row per department of the registry for a notify to all departments', async () => {
    const started = await manager.post('/definitions/announce-everywhere/instances', {
      input: { calendar: 'fr-business' },
    });
    expect(started.status).toBe(201);
    const messages = await eventually(async () => {
      const response = await manager.get(`/notifications?instance=${started.body.id}&kind=notify`);
      const items: { recipient: string; subject: string }[] = response.body.items;
      return items.length >= REGISTRY.length && items;
    }, 'the notify step to write its messages');
    expect(messages).toHaveLength(REGISTRY.length);
    expect(messages.map((message) => message.recipient).sort()).toEqual(
      REGISTRY.map((department) => `department:${department}`).sort(),
    );
    expect(new Set(messages.map((message) => message.subject))).toEqual(new Set(['Opening']));
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'answers 422 naming /calendar for calendar "%s", on a plan and on a start',
    async (calendar) => {
      const plan = await manager.post('/definitions/announce-everywhere/plan', {
        input: { calendar: 'fr-business' },
        calendar,
      });
      expect([plan.status, plan.body.errors?.[0]?.field]).toEqual([422, '/calendar']);
      const chosenByTheInput = await manager.post('/definitions/announce-everywhere/plan', { input: { calendar } });
      expect([chosenByTheInput.status, chosenByTheInput.body.errors?.[0]?.field]).toEqual([422, '/calendar']);
      const start = await manager.post('/definitions/announce-everywhere/instances', {
        input: { calendar: 'fr-business' },
        calendar,
      });
      expect([start.status, start.body.errors?.[0]?.field]).toEqual([422, '/calendar']);
    },
  );
});
