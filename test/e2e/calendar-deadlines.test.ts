import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarInvalidError, startFailureLines } from '../../errors';
import type { ApiClient } from '../support/api-client';
import { definitionsFolder, SHIPPED_DEFINITIONS, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/**
 * Deadlines counted in business calendars, on real Temporal through the API. Every expected
 * instant below is worked out by hand from the rules of plan/business-time.ts, not by calling it.
 */

const CALENDAR_DEADLINES = `
process: calendar-deadlines
title: Deadlines in French business days
owner: operations
calendar: fr-business
input:
  type: object
  required: [openingDate]
  properties:
    openingDate: { type: string, format: date }
tasks:
  - id: paperwork
    title: Paperwork
    department: hr
    due: 2 business days
  - id: keys
    title: Hand over the keys
    department: maintenance
    due: { before: input.openingDate, by: 1 business day }
`;

const SITE_DEADLINES = `
process: site-deadlines
title: Deadlines in the site's country's business days
owner: operations
calendar: "{{ $lookup(data.calendarOfCountry, input.country) }}"
data:
  calendarOfCountry: { FR: fr-business, US: us-business, DE: de-business }
input:
  type: object
  required: [country, openingDate]
  properties:
    country: { enum: [FR, US, DE] }
    openingDate: { type: string, format: date }
tasks:
  - id: keys
    title: Hand over the keys
    department: maintenance
    due: { before: input.openingDate, by: 1 business day }
`;

const calendarFile = (id: string) => fs.readFileSync(path.join(SHIPPED_DEFINITIONS, 'calendars', `${id}.yaml`), 'utf8');

/** French public holidays (fr-business.yaml's rules, written out by hand; Easter from published tables). */
const FRENCH_HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2026: ['04-06', '05-14', '05-25'],
  2027: ['03-29', '05-06', '05-17'],
  2028: ['04-17', '05-25', '06-05'],
  2029: ['04-02', '05-10', '05-21'],
  2030: ['04-22', '05-30', '06-10'],
};
const FRENCH_FIXED_HOLIDAYS = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];

function isFrenchBusinessDay(date: string): boolean {
  const year = Number(date.slice(0, 4));
  const movable = FRENCH_HOLIDAYS[year];
  if (movable === undefined) throw new Error(`add the French holidays of ${year} to this test`);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const monthDay = date.slice(5);
  return weekday >= 1 && weekday <= 5 && !FRENCH_FIXED_HOLIDAYS.includes(monthDay) && !movable.includes(monthDay);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function stepBusinessDays(date: string, count: number): string {
  let day = date;
  for (let left = Math.abs(count); left > 0; left -= 1) {
    do day = addDays(day, Math.sign(count));
    while (!isFrenchBusinessDay(day));
  }
  return day;
}

/** Paris wall-clock date and time of an instant: `{ date: '2027-02-26', time: '18:00:00.000' }`. */
function inParis(iso: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}.${parts.fractionalSecond}`,
  };
}

/**
 * `2 business days` from an opening, in Paris: within working hours (after 09:00, up to 18:00 of a
 * business day) the same time two business days on; otherwise counted from 18:00 of the last
 * business day that ended before the opening, so 18:00 two business days after that one.
 */
function twoFrenchBusinessDaysAfter(openedAt: string): { date: string; time: string } {
  const { date, time } = inParis(openedAt);
  if (isFrenchBusinessDay(date) && time > '09:00:00.000' && time <= '18:00:00.000') {
    return { date: stepBusinessDays(date, 2), time };
  }
  const from = isFrenchBusinessDay(date) && time > '18:00:00.000' ? date : stepBusinessDays(date, -1);
  return { date: stepBusinessDays(from, 2), time: '18:00:00.000' };
}

/** A calendar file whose time zone (line 2, column 11) is no IANA zone. */
const BROKEN_CALENDAR =
  'title: Broken\ntimeZone: Europe/Pariss\nworkingDays: [monday]\nworkingHours: { start: "09:00", end: "18:00" }\nholidays: []\n';

describe('deadlines in business calendars', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let folder: string;

  beforeAll(async () => {
    folder = definitionsFolder({
      'calendar-deadlines.yaml': CALENDAR_DEADLINES,
      'site-deadlines.yaml': SITE_DEADLINES,
      'calendars/fr-business.yaml': calendarFile('fr-business'),
      'calendars/us-business.yaml': calendarFile('us-business'),
      'calendars/de-business.yaml': calendarFile('de-business'),
    });
    t = await startTestBaton('calendar-deadlines', folder);
    manager = await userClient(t.admin, 'manager');
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function start(key: string, body: object) {
    const started = await manager.post(`/definitions/${key}/instances`, body);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    return started.body.id as string;
  }

  async function task(instanceId: string, stepId: string) {
    const found = await manager.get(`/tasks/${instanceId}.${stepId}`);
    expect(found.status).toBe(200);
    return found.body as { dueAt: string; openedAt: string };
  }

  it('deploys plans carrying the calendars each process can use, compiled for the years ahead', async () => {
    const literal = await manager.get('/definitions/calendar-deadlines');
    expect(literal.body.plan.calendar).toEqual([{ text: 'fr-business' }]);
    expect(Object.keys(literal.body.plan.calendars)).toEqual(['fr-business']);
    const year = new Date().getUTCFullYear();
    expect(literal.body.plan.calendars['fr-business'].years).toEqual({ from: year - 1, to: year + 5 });
    const chosen = await manager.get('/definitions/site-deadlines');
    expect(Object.keys(chosen.body.plan.calendars)).toEqual(['de-business', 'fr-business', 'us-business']);
  });

  it('counts `2 business days` and `before: openingDate, by: 1 business day` in French business time', async () => {
    // 2027-03-01 is a Monday: the business day before it is Friday 26 February, due at the end of
    // its working hours, 18:00 in Paris (CET, UTC+1).
    const instanceId = await start('calendar-deadlines', { input: { openingDate: '2027-03-01' } });
    expect((await task(instanceId, 'keys')).dueAt).toBe('2027-02-26T17:00:00.000Z');

    const paperwork = await task(instanceId, 'paperwork');
    const due = inParis(paperwork.dueAt);
    expect(due).toEqual(twoFrenchBusinessDaysAfter(paperwork.openedAt));
    expect(isFrenchBusinessDay(due.date)).toBe(true);
    expect(due.time >= '09:00:00.000' && due.time <= '18:00:00.000').toBe(true);
    // Two full working days: at least Monday 18:00 to Wednesday 18:00 apart, whenever it opened.
    expect(Date.parse(paperwork.dueAt) - Date.parse(paperwork.openedAt)).toBeGreaterThan(24 * 3_600_000);
  });

  it('skips holidays, across a daylight-saving change', async () => {
    // Friday 7 May 2027: the day before is Ascension (6 May), a French holiday, so Wednesday 5 May,
    // 18:00 in Paris (CEST, UTC+2).
    const instanceId = await start('calendar-deadlines', { input: { openingDate: '2027-05-07' } });
    expect((await task(instanceId, 'keys')).dueAt).toBe('2027-05-05T16:00:00.000Z');
  });

  it("chooses the calendar of each instance's country with a template", async () => {
    const dueIn = async (country: string, openingDate: string) =>
      (await task(await start('site-deadlines', { input: { country, openingDate } }), 'keys')).dueAt;
    // Friday 26 February 2027 at the end of the working day: 18:00 Paris (UTC+1), 17:00 New York
    // (EST, UTC-5), 17:00 Berlin (UTC+1).
    expect(await dueIn('FR', '2027-03-01')).toBe('2027-02-26T17:00:00.000Z');
    expect(await dueIn('US', '2027-03-01')).toBe('2027-02-26T22:00:00.000Z');
    expect(await dueIn('DE', '2027-03-01')).toBe('2027-02-26T16:00:00.000Z');
    // Ascension is no US holiday: Thursday 6 May 2027, 17:00 New York (EDT, UTC-4).
    expect(await dueIn('US', '2027-05-07')).toBe('2027-05-06T21:00:00.000Z');
  });

  it('lets a start choose another of the calendars the plan carries', async () => {
    const instanceId = await start('site-deadlines', {
      input: { country: 'FR', openingDate: '2027-03-01' },
      calendar: 'us-business',
    });
    // The start's choice wins over the template's: Friday 17:00 in New York.
    expect((await task(instanceId, 'keys')).dueAt).toBe('2027-02-26T22:00:00.000Z');
  });

  it('refuses with 422 a calendar the plan does not carry, naming the field, and starts nothing', async () => {
    const count = async (key: string) => (await manager.get(`/instances?key=${key}&limit=100`)).body.items.length;
    const before = [await count('site-deadlines'), await count('calendar-deadlines')];
    const unknown = await manager.post('/definitions/site-deadlines/instances', {
      input: { country: 'FR', openingDate: '2027-03-01' },
      calendar: 'us-busines',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.contentType).toContain('application/problem+json');
    expect(unknown.body.code).toBe('validation-failed');
    expect(unknown.body.errors).toEqual([
      { field: '/calendar', message: 'is not one of the process\'s calendars: did you mean "us-business"?' },
    ]);

    // A process naming one calendar counts in that one only.
    const fixed = await manager.post('/definitions/calendar-deadlines/instances', {
      input: { openingDate: '2027-03-01' },
      calendar: 'us-business',
    });
    expect(fixed.status).toBe(422);
    expect(fixed.body.errors[0].field).toBe('/calendar');

    const empty = await manager.post('/definitions/calendar-deadlines/instances', {
      input: { openingDate: '2027-03-01' },
      calendar: '',
    });
    expect(empty.status).toBe(422);

    expect([await count('site-deadlines'), await count('calendar-deadlines')]).toEqual(before);
  });

  it('refuses a deploy naming an unknown calendar, at its line and column', async () => {
    const owner = await userClient(t.admin, 'owner');
    const refused = await owner.postYaml(
      '/definitions',
      CALENDAR_DEADLINES.replace('calendar: fr-business', 'calendar: fr-busines'),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ code: 'unknown-calendar', line: 5, column: 11, hint: 'did you mean "fr-business"?' }),
    ]);
  });

  it('reads the calendars again at each deploy: a file broken since the start refuses it with its errors', async () => {
    const owner = await userClient(t.admin, 'owner');
    const broken = path.join(folder, 'calendars', 'broken.yaml');
    fs.writeFileSync(broken, BROKEN_CALENDAR);
    try {
      const refused = await owner.postYaml(
        '/definitions',
        SITE_DEADLINES.replace('title: Deadlines', 'title: New deadlines'),
      );
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('calendar-invalid');
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ code: 'unknown-time-zone', file: broken, line: 2, column: 11 }),
      ]);
    } finally {
      fs.rmSync(broken);
    }
  });
});

describe('a calendar file edited after a deploy', () => {
  it('makes a new version of an unchanged process that carries it', async () => {
    const folder = definitionsFolder({
      'calendar-deadlines.yaml': CALENDAR_DEADLINES,
      'calendars/fr-business.yaml': calendarFile('fr-business'),
    });
    const t = await startTestBaton('calendar-edited', folder);
    try {
      const owner = await userClient(t.admin, 'owner');
      const manager = await userClient(t.admin, 'manager');
      const keysDue = async () => {
        const started = await manager.post('/definitions/calendar-deadlines/instances', {
          input: { openingDate: '2027-03-01' },
        });
        expect(started.status).toBe(201);
        return {
          version: started.body.version,
          dueAt: (await manager.get(`/tasks/${started.body.id}.keys`)).body.dueAt,
        };
      };
      expect((await owner.postYaml('/definitions', CALENDAR_DEADLINES)).status).toBe(200);
      expect(await keysDue()).toEqual({ version: 1, dueAt: '2027-02-26T17:00:00.000Z' });

      const file = path.join(folder, 'calendars', 'fr-business.yaml');
      fs.appendFileSync(file, '  - { date: 2027-02-26, name: Company day }\n');
      const redeployed = await owner.postYaml('/definitions', CALENDAR_DEADLINES);
      expect(redeployed.status).toBe(201);
      expect(redeployed.body.version).toBe(2);
      // Friday 26 February is now off: the business day before Monday 1 March is Thursday 25.
      expect(await keysDue()).toEqual({ version: 2, dueAt: '2027-02-25T17:00:00.000Z' });
    } finally {
      await t.stop();
    }
  });
});

describe('a calendar file that does not read', () => {
  it('stops the start, naming the file, line and column', async () => {
    const folder = definitionsFolder({
      'calendar-deadlines.yaml': CALENDAR_DEADLINES,
      'calendars/fr-business.yaml': BROKEN_CALENDAR,
    });
    const failure: unknown = await startTestBaton('calendar-broken', folder).then(
      async (started) => {
        await started.stop();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CalendarInvalidError);
    const file = path.join(folder, 'calendars', 'fr-business.yaml');
    expect(startFailureLines(failure)).toEqual([
      'the calendar files have 1 error',
      `  ${file}:2:11  unknown-time-zone  "Europe/Pariss" is not an IANA time zone  (write a zone of the tz database, e.g. Europe/Paris or America/New_York)`,
    ]);
  });
});
