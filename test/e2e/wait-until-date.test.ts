import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, SHIPPED_DEFINITIONS, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/** A store opens its doors on a date: the countdown ends when that day begins where the store is. */
const OPENING = `
process: doors-open
title: Open the doors
owner: operations
calendar: fr-business
input:
  type: object
  required: [openingDate]
  properties:
    openingDate: { type: string, format: date }
tasks:
  - id: until-opening
    type: wait
    until: input.openingDate
  - id: welcome-customers
    title: Welcome the first customers
    department: operations
    after: [until-opening]
    due: 1d
`;

describe('a wait until a date', () => {
  let t: TestBaton;
  let manager: ApiClient;

  beforeAll(async () => {
    const calendar = fs.readFileSync(path.join(SHIPPED_DEFINITIONS, 'calendars', 'fr-business.yaml'), 'utf8');
    t = await startTestBaton(
      'wait-until-date',
      definitionsFolder({ 'doors-open.yaml': OPENING, 'calendars/fr-business.yaml': calendar }),
    );
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it("ends when the date begins in the calendar's time zone, not at midnight UTC", async () => {
    const started = await manager.post('/definitions/doors-open/instances', { input: { openingDate: '2030-01-15' } });
    expect(started.status).toBe(201);
    const status = await manager.get(`/instances/${started.body.id}`);
    // Paris is UTC+1 in January.
    expect(status.body.steps[0]).toMatchObject({ status: 'open', waitUntil: '2030-01-14T23:00:00.000Z' });
  });

  it('moves with the date when the input changes, still in that zone (summer time: UTC+2)', async () => {
    const started = await manager.post('/definitions/doors-open/instances', { input: { openingDate: '2030-01-15' } });
    const changed = await manager.patch(`/instances/${started.body.id}/input`, {
      input: { openingDate: '2030-07-01' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.steps[0]).toMatchObject({ status: 'open', waitUntil: '2030-06-30T22:00:00.000Z' });
  });
});
