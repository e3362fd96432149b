import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCalendarFile } from '../../calendars/calendar-file';
import { formatCompileError } from '../../errors';
import { compileCalendar } from '../../plan/holidays';
import { CALENDARS_FOLDER } from './support';

const shippedFiles = fs.readdirSync(CALENDARS_FOLDER).filter((name) => name.endsWith('.yaml'));

/** Errors of a calendar file as printed: `file:line:col  code  message  (hint)`, hints left out. */
function errorsOf(source: string, file = 'site.yaml'): string[] {
  const read = readCalendarFile(source, file);
  if (read.ok) return [];
  return read.errors.map((error) => formatCompileError(error).replace(/ {2}\(.*\)$/, ''));
}

const VALID = `title: Test calendar
timeZone: Europe/Paris
workingDays: [monday, tuesday, wednesday, thursday, friday]
workingHours: { start: "09:00", end: "18:00" }
holidays:
  - { date: 12-25, name: Christmas }
`;

describe('the shipped calendar files', () => {
  it('are France, Germany and the US', () => {
    expect(shippedFiles.sort()).toEqual(['de-business.yaml', 'fr-business.yaml', 'us-business.yaml']);
  });

  it.each(shippedFiles)('%s starts with a comment saying what it is', (name) => {
    expect(fs.readFileSync(path.join(CALENDARS_FOLDER, name), 'utf8')).toMatch(/^# \S/);
  });

  it.each([
    ['fr-business.yaml', 'Europe/Paris', 'FR', 55],
    ['de-business.yaml', 'Europe/Berlin', 'DE', 45],
    ['us-business.yaml', 'America/New_York', 'US', 55],
  ])('%s loads and expands for 2026 to 2030 (%s, %s, %i holidays)', (name, timeZone, country, count) => {
    const file = path.join(CALENDARS_FOLDER, name);
    const read = readCalendarFile(fs.readFileSync(file, 'utf8'), file);
    if (!read.ok) throw new Error(read.errors.map(formatCompileError).join('\n'));
    const calendar = compileCalendar(read.calendar, { fromYear: 2026, toYear: 2030 });
    expect(calendar).toMatchObject({ id: name.replace('.yaml', ''), timeZone, country, workingDays: [1, 2, 3, 4, 5] });
    expect(calendar.holidays).toHaveLength(count);
    expect(calendar.holidays.every((date) => date >= '2026-01-01' && date <= '2030-12-31')).toBe(true);
  });

  it('give France its 11 holidays of 2026, Easter-based ones included', () => {
    const read = readCalendarFile(fs.readFileSync(path.join(CALENDARS_FOLDER, 'fr-business.yaml'), 'utf8'), 'fr');
    if (!read.ok) throw new Error('fr-business does not load');
    expect(compileCalendar(read.calendar, { fromYear: 2026, toYear: 2026 }).holidays).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('give the US its federal holidays of 2027 as observed, New Year 2028 on Friday 2027-12-31', () => {
    const read = readCalendarFile(fs.readFileSync(path.join(CALENDARS_FOLDER, 'us-business.yaml'), 'utf8'), 'us');
    if (!read.ok) throw new Error('us-business does not load');
    expect(compileCalendar(read.calendar, { fromYear: 2027, toYear: 2027 }).holidays).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
      '2027-12-31',
    ]);
  });
});

describe('a calendar file', () => {
  it('takes its id from its file name and its zone in canonical spelling', () => {
    const read = readCalendarFile(VALID.replace('Europe/Paris', 'europe/paris'), 'definitions/calendars/fr-lyon.yaml');
    expect(read.ok && [read.calendar.id, read.calendar.timeZone]).toEqual(['fr-lyon', 'Europe/Paris']);
  });

  it('with broken YAML is refused at the line and column of the break', () => {
    expect(
      errorsOf(VALID.replace('timeZone: Europe/Paris\n', 'timeZone: Europe/Paris\ntimeZone: Europe/Berlin\n')),
    ).toEqual(['site.yaml:3:1  yaml-syntax  Map keys must be unique']);
  });

  it('without a time zone is refused at the start of the file', () => {
    expect(errorsOf(VALID.replace('timeZone: Europe/Paris\n', ''))).toEqual([
      'site.yaml:1:1  schema-required  the calendar file has no "timeZone"',
    ]);
  });

  it('with an unknown time zone is refused at its value', () => {
    expect(errorsOf(VALID.replace('Europe/Paris', 'Europe/Lyon'))).toEqual([
      'site.yaml:2:11  unknown-time-zone  "Europe/Lyon" is not an IANA time zone',
    ]);
  });

  it('with a misspelt working day is refused at the day', () => {
    expect(errorsOf(VALID.replace('thursday', 'thurday'))).toEqual([
      'site.yaml:3:43  schema-enum  item 4 of "workingDays" "thurday" is not one of: monday, tuesday, wednesday, thursday, friday, saturday, sunday',
    ]);
  });

  it('with working hours ending before they start is refused at the end', () => {
    expect(errorsOf(VALID.replace('end: "18:00"', 'end: "08:00"'))).toEqual([
      'site.yaml:4:38  invalid-working-hours  working hours end at 08:00, not after they start at 09:00',
    ]);
  });

  it('with an unquoted hour YAML reads as a number is refused, with the fix in the hint', () => {
    const read = readCalendarFile(VALID.replace('end: "18:00"', 'end: 1800'), 'site.yaml');
    expect(read.ok ? [] : read.errors.map(formatCompileError)).toEqual([
      'site.yaml:4:38  schema-type  "end" of "workingHours" must be text, but is a number  (put it in quotes: "1800")',
    ]);
  });

  it('with a holiday date in no known form is refused at that date', () => {
    expect(
      errorsOf(`${VALID}  - { date: 25/12, name: Noël }\n  - { date: second sunday of mai, name: Fête des mères }\n`),
    ).toEqual([
      'site.yaml:7:13  invalid-holiday-date  holiday "Noël" has date "25/12", which is no date or date rule',
      'site.yaml:8:13  invalid-holiday-date  holiday "Fête des mères" has date "second sunday of mai", which is no date or date rule',
    ]);
  });

  it('with an unknown property is refused at its key, naming those allowed', () => {
    const read = readCalendarFile(`${VALID}weekend: [saturday, sunday]\n`, 'site.yaml');
    expect(read.ok ? [] : read.errors.map(formatCompileError)).toEqual([
      'site.yaml:7:1  schema-unknown-property  unknown property "weekend"  (allowed here: title, country, timeZone, workingDays, workingHours, holidays)',
    ]);
  });

  it('named other than in lowercase and dashes is refused', () => {
    expect(errorsOf(VALID, 'calendars/FR Business.yaml')).toEqual([
      'calendars/FR Business.yaml:1:1  invalid-calendar-id  the file name "FR Business" is not a calendar id',
    ]);
  });

  it('that is empty is refused as not a mapping', () => {
    expect(errorsOf('')).toEqual(['site.yaml:1:1  schema-type  the calendar file must be a mapping, but is empty']);
  });
});
