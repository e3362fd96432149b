import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCalendarFolder } from '../../calendars/calendar-folder';
import { CALENDAR_DURATION_FORMS, parseCalendarDuration } from '../../plan/calendar-duration';
import type { TaskStep } from '../../plan/types';
import { compileErrors, compilePlan, where, yaml } from './support';

const SHIPPED_CALENDARS = path.resolve(__dirname, '../../definitions/calendars');
const { calendars, errors: shippedErrors } = readCalendarFolder(SHIPPED_CALENDARS, { fromYear: 2026, toYear: 2032 });
const withCalendars = { calendars };

/** A process whose second task, b, is due `due`. */
function withDue(due: string): string {
  return yaml`
    process: p
    title: P
    owner: hr
    input: { type: object, properties: { openingDate: { type: string }, days: { type: integer } } }
    tasks:
      - { id: a, title: A, department: hr, due: 1d }
      - id: b
        title: B
        department: hr
        after: [a]
        due: ${due}
  `;
}

function dueOf(source: string, step = 'b') {
  const found = compilePlan(source, withCalendars).steps.find((each) => each.id === step);
  if (found?.kind !== 'task' && found?.kind !== 'approval') throw new Error(`no task ${step}`);
  return found.due;
}

describe('the shipped calendars', () => {
  it('read without errors, each under its file name', () => {
    expect(shippedErrors).toEqual([]);
    expect(Object.keys(calendars)).toEqual(['de-business', 'fr-business', 'us-business']);
    expect(calendars['fr-business']?.years).toEqual({ from: 2026, to: 2032 });
  });
});

describe('due: durations', () => {
  it('keeps the compact forms as elapsed milliseconds, as before calendars', () => {
    expect(['30s', '15m', '4h', '3d', '2w'].map((due) => dueOf(withDue(due)))).toEqual([
      { ms: 30_000 },
      { ms: 900_000 },
      { ms: 14_400_000 },
      { ms: 259_200_000 },
      { ms: 1_209_600_000 },
    ]);
  });

  it('compiles every long form to its calendar duration, and elapsed time to milliseconds that need no calendar', () => {
    const long = CALENDAR_DURATION_FORMS.filter((form) => form.includes(' '));
    expect(long.map((due) => dueOf(withDue(due)))).toEqual(
      long.map((due) => {
        const duration = parseCalendarDuration(due);
        return duration?.kind === 'clock' ? { ms: duration.ms } : { duration };
      }),
    );
    expect(dueOf(withDue('5 business days'))).toEqual({ duration: { kind: 'business-days', days: 5 } });
    expect(dueOf(withDue('8 business hours'))).toEqual({ duration: { kind: 'business-hours', hours: 8 } });
    expect(dueOf(withDue('2 weeks'))).toEqual({ duration: { kind: 'days', days: 14 } });
    expect(dueOf(withDue('90 minutes'))).toEqual({ ms: 5_400_000 });
  });

  it('leaves a template to run time', () => {
    expect(dueOf(withDue('"{{ input.days }} business days"'))).toEqual({
      template: [{ expression: 'input.days' }, { text: ' business days' }],
    });
  });

  it('is the same on an approval', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: ok, type: approval, title: OK, department: finance, due: 3 business days }
    `);
    expect(plan.steps[0]).toMatchObject({ kind: 'approval', due: { duration: { kind: 'business-days', days: 3 } } });
  });
});

describe('due: anchored to a date', () => {
  it('compiles before/by and after/within to an expression and a calendar duration', () => {
    expect(dueOf(withDue('{ before: input.openingDate, by: 1 business day }'))).toEqual({
      before: 'input.openingDate',
      by: { kind: 'business-days', days: 1 },
    });
    expect(dueOf(withDue('{ after: steps.a.completedAt, within: 8 business hours }'))).toEqual({
      after: 'steps.a.completedAt',
      within: { kind: 'business-hours', hours: 8 },
    });
    expect(dueOf(withDue('{ before: input.openingDate, by: 3d }'))).toEqual({
      before: 'input.openingDate',
      by: { kind: 'clock', ms: 259_200_000 },
    });
  });

  it('reads a bare date or date-time as that date, not as a subtraction', () => {
    expect(dueOf(withDue('{ before: 2027-03-01, by: 2 weeks }'))).toEqual({
      before: '"2027-03-01"',
      by: { kind: 'days', days: 14 },
    });
    expect(dueOf(withDue('{ after: "2027-03-01T10:00:00+01:00", within: 4h }'))).toMatchObject({
      after: '"2027-03-01T10:00:00+01:00"',
    });
    // A quoted date in JSONata is an expression like any other.
    expect(dueOf(withDue(`{ before: "'2027-03-01'", by: 1 day }`))).toMatchObject({ before: "'2027-03-01'" });
  });

  it('reads the item of a forEach step', () => {
    const plan = compilePlan(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - id: deliver
          forEach: input.deliveries
          as: delivery
          title: "Deliver {{ delivery.what }}"
          department: logistics
          due: { before: delivery.neededOn, by: 2 business days }
    `);
    expect((plan.steps[0] as TaskStep).due).toEqual({
      before: 'delivery.neededOn',
      by: { kind: 'business-days', days: 2 },
    });
  });

  it('checks the expression like any other: syntax, names and step order, at line:col', () => {
    const errors = compileErrors(
      yaml`
        process: p
        title: P
        owner: hr
        input: { type: object }
        tasks:
          - { id: a, title: A, department: hr, due: { before: input.openingDate +, by: 1 day } }
          - { id: b, title: B, department: hr, due: { after: inptu.startDate, within: 1 day } }
          - { id: c, title: C, department: hr, due: { after: steps.d.completedAt, within: 1 day } }
          - { id: d, title: D, department: hr, due: { before: "{{ input.openingDate }}", by: 1 day } }
      `,
      withCalendars,
    );
    // At the end of `input.openingDate +`, at `inptu`, at the step read, at the `{{` of the quoted text.
    expect(errors.map(where)).toEqual([
      { code: 'invalid-expression', line: 6, column: 74, path: '/tasks/0/due/before' },
      { code: 'unknown-reference', line: 7, column: 54, path: '/tasks/1/due/after' },
      { code: 'step-not-before', line: 8, column: 60, path: '/tasks/2/due/after' },
      { code: 'invalid-expression', line: 9, column: 56, path: '/tasks/3/due/before' },
    ]);
    expect(errors[1]?.hint).toBe('did you mean "input"?');
    expect(errors[3]?.hint).toBe('write the expression alone, e.g. before: input.openingDate');
  });

  it('wants before with by, or after with within, and a duration: invalid-due', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: { before: input.x, within: 1 day } }
        - { id: b, title: B, department: hr, due: { after: input.x } }
        - { id: c, title: C, department: hr, due: { before: input.x, after: input.y, by: 1d } }
        - { id: d, title: D, department: hr, due: { by: 1 day } }
        - { id: e, title: E, department: hr, due: { before: input.x, by: 1 bizday } }
        - { id: f, title: F, department: hr, due: { after: input.x, within: "{{ input.n }} days" } }
    `);
    // At the key that does not belong, at the mapping lacking a field, at the duration.
    expect(errors.map(where)).toEqual([
      { code: 'invalid-due', line: 6, column: 64, path: '/tasks/0/due/within' },
      { code: 'invalid-due', line: 7, column: 45, path: '/tasks/1/due' },
      { code: 'invalid-due', line: 8, column: 64, path: '/tasks/2/due/after' },
      { code: 'invalid-due', line: 9, column: 45, path: '/tasks/3/due' },
      { code: 'invalid-due', line: 10, column: 68, path: '/tasks/4/due/by' },
      { code: 'invalid-due', line: 11, column: 71, path: '/tasks/5/due/within' },
    ]);
    const [mismatched, noWithin, both, noDate, badBy, templated] = errors;
    expect(mismatched?.message).toBe('"within" goes with "after", not with "before"');
    expect(mismatched?.hint).toBe('write { before: input.openingDate, by: 1 business day }');
    expect(noWithin?.hint).toBe('add within: a duration, as in { after: input.startDate, within: 3 business days }');
    expect(both?.message).toBe('due is both before and after a date');
    expect(noDate?.message).toBe('due gives no date to be due before or after');
    expect(badBy?.message).toBe('by "1 bizday" is not a positive duration');
    expect(badBy?.hint).toContain('1 business day, 5 business days, 8 business hours');
    expect(templated?.hint).toContain('a fixed duration, no {{ expression }} here');
  });

  it('leaves misspelt fields and wrong types to the language schema', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      tasks:
        - { id: a, title: A, department: hr, due: { befor: input.x, by: 1 day } }
        - { id: b, title: B, department: hr, due: 5 }
        - { id: c, title: C, department: hr, due: { before: input.x, by: 5 } }
    `);
    expect(errors.map(where)).toEqual([
      { code: 'schema-unknown-property', line: 6, column: 47, path: '/tasks/0/due/befor' },
      { code: 'schema-type', line: 7, column: 45, path: '/tasks/1/due' },
      { code: 'schema-type', line: 8, column: 68, path: '/tasks/2/due/by' },
    ]);
    expect(errors[0]?.hint).toBe('did you mean "before"?');
    expect(errors[1]?.message).toBe('"due" must be text or a mapping, but is a number');
    expect(errors[2]?.hint).toBe('put it in quotes: "5"');
  });
});

describe('calendar', () => {
  const withCalendar = (calendar: string) => yaml`
    process: p
    title: P
    owner: hr
    calendar: ${calendar}
    input: { type: object, properties: { country: { type: string } } }
    data:
      calendarOfCountry: { FR: fr-business, US: us-business }
    tasks:
      - { id: a, title: A, department: hr, due: 2 business days }
  `;

  it('is absent from plans that name none: they stay as before', () => {
    const plan = compilePlan(
      yaml`
        process: p
        title: P
        owner: hr
        input: { type: object }
        tasks:
          - { id: a, title: A, department: hr, due: 2 business days }
      `,
      withCalendars,
    );
    expect(Object.keys(plan)).toEqual([
      'formatVersion',
      'key',
      'title',
      'owner',
      'description',
      'input',
      'data',
      'departments',
      'steps',
    ]);
  });

  it('carries the one calendar a literal id names, compiled for the years given', () => {
    const plan = compilePlan(withCalendar('fr-business'), withCalendars);
    expect(plan.calendar).toEqual([{ text: 'fr-business' }]);
    expect(plan.calendars).toEqual({ 'fr-business': calendars['fr-business'] });
    expect(plan.calendars?.['fr-business']).toMatchObject({
      timeZone: 'Europe/Paris',
      workingHours: { start: '09:00', end: '18:00' },
    });
    expect(plan.calendars?.['fr-business']?.holidays).toContain('2027-05-06');
  });

  it('carries every calendar when a template chooses one per instance', () => {
    const plan = compilePlan(withCalendar('"{{ $lookup(data.calendarOfCountry, input.country) }}"'), withCalendars);
    expect(plan.calendar).toEqual([{ expression: '$lookup(data.calendarOfCountry, input.country)' }]);
    expect(Object.keys(plan.calendars ?? {})).toEqual(['de-business', 'fr-business', 'us-business']);
  });

  it('refuses an unknown id, with the one meant: unknown-calendar', () => {
    const errors = compileErrors(withCalendar('fr-busines'), withCalendars);
    expect(errors.map(where)).toEqual([{ code: 'unknown-calendar', line: 4, column: 11, path: '/calendar' }]);
    expect(errors[0]?.message).toBe('unknown calendar "fr-busines"');
    expect(errors[0]?.hint).toBe('did you mean "fr-business"?');
    expect(compileErrors(withCalendar('japan'), withCalendars)[0]?.hint).toBe(
      'known calendars: de-business, fr-business, us-business',
    );
  });

  it('refuses any calendar when the compiler is given none', () => {
    expect(compileErrors(withCalendar('fr-business')).map((error) => [error.code, error.hint])).toEqual([
      ['unknown-calendar', 'no calendar is defined: add definitions/calendars/fr-business.yaml'],
    ]);
    expect(compileErrors(withCalendar('"{{ input.country }}"')).map(where)).toEqual([
      { code: 'unknown-calendar', line: 4, column: 11, path: '/calendar' },
    ]);
  });

  it('checks a template like any other, and chooses from what the instance starts with, not from steps', () => {
    const errors = compileErrors(
      withCalendar('"{{ $lookup(data.calendarOfCounty, input.country) }} {{ steps.a.output.calendar }} {{ item }}"'),
      withCalendars,
    );
    // At `calendarOfCounty`, `steps` and `item`, inside the quoted template.
    expect(errors.map(where)).toEqual([
      { code: 'unknown-reference', line: 4, column: 28, path: '/calendar' },
      { code: 'unknown-reference', line: 4, column: 67, path: '/calendar' },
      { code: 'unknown-reference', line: 4, column: 97, path: '/calendar' },
    ]);
    expect(errors[0]?.hint).toBe('did you mean "calendarOfCountry"?');
    expect(errors[1]?.message).toContain('the calendar cannot read "steps"');
    expect(errors[2]?.hint).toContain('"item" exists only in the per-item fields');
  });

  it('must be text', () => {
    const errors = compileErrors(withCalendar('[fr-business]'), withCalendars);
    expect(errors.map(where)).toEqual([{ code: 'schema-type', line: 4, column: 11, path: '/calendar' }]);
  });
});

describe('a calendars folder', () => {
  it('reports each broken file at its line and column, and compiles the others', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-calendars-'));
    fs.copyFileSync(path.join(SHIPPED_CALENDARS, 'fr-business.yaml'), path.join(folder, 'fr-business.yaml'));
    fs.writeFileSync(
      path.join(folder, 'broken.yaml'),
      'title: Broken\ntimeZone: Europe/Pariss\nworkingDays: [monday]\nworkingHours: { start: "09:00", end: "18:00" }\nholidays: []\n',
    );
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a calendar');
    const read = readCalendarFolder(folder, { fromYear: 2026, toYear: 2027 });
    expect(Object.keys(read.calendars)).toEqual(['fr-business']);
    expect(read.errors.map(({ code, file, line, column }) => ({ code, file, line, column }))).toEqual([
      { code: 'unknown-time-zone', file: path.join(folder, 'broken.yaml'), line: 2, column: 11 },
    ]);
  });

  it('that does not exist has no calendars', () => {
    expect(
      readCalendarFolder(path.join(os.tmpdir(), 'baton-no-such-folder'), { fromYear: 2026, toYear: 2027 }),
    ).toEqual({ calendars: {}, errors: [] });
  });
});
