import fs from 'node:fs';
import path from 'node:path';
import { readCalendarFile } from '../../calendars/calendar-file';
import type { CompiledCalendar } from '../../plan/calendar';
import { type CalendarDuration, parseCalendarDuration } from '../../plan/calendar-duration';
import { compileCalendar } from '../../plan/holidays';
import { formatLocalIso, parseDateTime } from '../../plan/zoned-time';

export const CALENDARS_FOLDER = path.resolve(__dirname, '../../definitions/calendars');

/** A calendar shipped in definitions/calendars, compiled for 2026 to 2030. */
export function shipped(id: string): CompiledCalendar {
  const file = path.join(CALENDARS_FOLDER, `${id}.yaml`);
  const read = readCalendarFile(fs.readFileSync(file, 'utf8'), file);
  if (!read.ok) throw new Error(`${id}: ${read.errors.map((error) => error.message).join('; ')}`);
  return compileCalendar(read.calendar, { fromYear: 2026, toYear: 2030 });
}

export const fr = shipped('fr-business');
export const us = shipped('us-business');
export const de = shipped('de-business');

/** Monday to Friday 09:00-17:00 in Tokyo, no holidays: for the same instant on another local day. */
export const tokyo: CompiledCalendar = {
  id: 'jp-test',
  title: 'Tokyo, weekdays only',
  country: 'JP',
  timeZone: 'Asia/Tokyo',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '17:00' },
  holidays: [],
  years: { from: 2026, to: 2030 },
};

/** The instant of a date-time in the calendar's zone: `at('2026-03-27T19:00', fr)`; an explicit offset wins. */
export function at(dateTime: string, calendar: CompiledCalendar): number {
  const instant = parseDateTime(dateTime, calendar.timeZone);
  if (instant === undefined) throw new Error(`not a date-time: ${dateTime}`);
  return instant;
}

/** An instant as local time in the calendar's zone, with its offset: `2026-03-30T18:00:00+02:00`. */
export function local(instantMs: number | undefined, calendar: CompiledCalendar): string {
  if (instantMs === undefined) throw new Error('no instant');
  return formatLocalIso(instantMs, calendar.timeZone);
}

export function duration(text: string): CalendarDuration {
  const parsed = parseCalendarDuration(text);
  if (parsed === undefined) throw new Error(`not a duration: ${text}`);
  return parsed;
}
