import { formatIsoDate, type IsoWeekday, isoWeekday, parseClockTime, parseIsoDate } from './civil-date';
import { toLocal } from './zoned-time';

/**
 * A business calendar as the plan carries it: plain JSON, compiled from a file of
 * `definitions/calendars/` by `compileCalendar` (see `holidays.ts`).
 *
 * - A **business day** is a working day of the week that is not a holiday.
 * - **Working hours** are the same on every business day, from `start` to `end` local time; a
 *   business day has `end - start` of working time, measured on the wall clock.
 * - Everything is read in `timeZone`: the same instant can be Friday in New York and Saturday in Tokyo.
 * - `holidays` covers the years `years.from` to `years.to`; outside them only the weekdays count.
 */
export interface CompiledCalendar {
  /** The file's name without `.yaml`, as processes name it: `calendar: fr-business`. */
  readonly id: string;
  readonly title: string;
  /** ISO 3166-1 alpha-2 country the holidays are those of, so an instance can pick its site's calendar. */
  readonly country: string | null;
  /** IANA time zone, e.g. `Europe/Paris`. */
  readonly timeZone: string;
  /** ISO weekdays worked, ascending: `[1, 2, 3, 4, 5]` is Monday to Friday. */
  readonly workingDays: readonly IsoWeekday[];
  readonly workingHours: WorkingHours;
  /** `YYYY-MM-DD` dates off, ascending, no repeats. */
  readonly holidays: readonly string[];
  /** The years `holidays` was expanded for, inclusive. */
  readonly years: { readonly from: number; readonly to: number };
}

export interface WorkingHours {
  /** `HH:MM`, 24-hour local time, before `end`. */
  readonly start: string;
  /** `HH:MM`, up to `24:00`. */
  readonly end: string;
}

/** Whether a `YYYY-MM-DD` date is a business day: a working day of the week and not a holiday. */
export function isBusinessDay(date: string, calendar: CompiledCalendar): boolean {
  return isBusinessDayNumber(dayOf(date), calendar);
}

/** The first business day after `date`. */
export function nextBusinessDay(date: string, calendar: CompiledCalendar): string {
  return formatIsoDate(stepBusinessDays(dayOf(date), 1, calendar));
}

/** The last business day before `date`. */
export function previousBusinessDay(date: string, calendar: CompiledCalendar): string {
  return formatIsoDate(stepBusinessDays(dayOf(date), -1, calendar));
}

/**
 * The `count`th business day after `date` (before it when `count` is negative); `date` itself is
 * never counted. `addBusinessDays('2026-04-03', 1, fr)` is Tuesday 2026-04-07: Easter Monday is off.
 */
export function addBusinessDays(date: string, count: number, calendar: CompiledCalendar): string {
  return formatIsoDate(stepBusinessDays(dayOf(date), count, calendar));
}

/**
 * How many business days lie after `from` up to and including `to` (negative when `to` is
 * earlier): the inverse of `addBusinessDays`. From Friday to the next Monday is 1.
 */
export function businessDaysBetween(from: string, to: string, calendar: CompiledCalendar): number {
  const [start, end] = [dayOf(from), dayOf(to)];
  if (end < start) return -businessDaysBetween(to, from, calendar);
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) {
    if (isBusinessDayNumber(day, calendar)) count += 1;
  }
  return count;
}

/**
 * Working time between two instants, in milliseconds (negative when `toMs` is earlier): the parts
 * of business days' working hours they enclose. What slack and critical-path estimates measure.
 */
export function workingTimeBetween(fromMs: number, toMs: number, calendar: CompiledCalendar): number {
  if (toMs < fromMs) return -workingTimeBetween(toMs, fromMs, calendar);
  const { start, end } = workingHoursOf(calendar);
  const from = toLocal(fromMs, calendar.timeZone);
  const to = toLocal(toMs, calendar.timeZone);
  let total = 0;
  for (let day = from.day; day <= to.day; day += 1) {
    if (!isBusinessDayNumber(day, calendar)) continue;
    const open = Math.max(start, day === from.day ? from.ms : start);
    const close = Math.min(end, day === to.day ? to.ms : end);
    if (close > open) total += close - open;
  }
  return total;
}

/** Working time in one business day, in milliseconds (9 hours for 09:00 to 18:00). */
export function workingDayLength(calendar: CompiledCalendar): number {
  const { start, end } = workingHoursOf(calendar);
  return end - start;
}

// Below, days are day numbers (see civil-date.ts): what the arithmetic of business-time.ts works in.

/** `start` and `end` of the working hours in milliseconds since local midnight. */
export function workingHoursOf(calendar: CompiledCalendar): { readonly start: number; readonly end: number } {
  const start = parseClockTime(calendar.workingHours.start);
  const end = parseClockTime(calendar.workingHours.end);
  if (start === undefined || end === undefined || start >= end) {
    throw new RangeError(
      `calendar ${calendar.id}: working hours ${calendar.workingHours.start}-${calendar.workingHours.end} are not HH:MM, start before end`,
    );
  }
  return { start, end };
}

export function isBusinessDayNumber(day: number, calendar: CompiledCalendar): boolean {
  return calendar.workingDays.includes(isoWeekday(day)) && !calendar.holidays.includes(formatIsoDate(day));
}

/** Longest run of days off a calendar may have: a year and more means it has no working days. */
const MAX_DAYS_OFF = 400;

/** The `count`th business day after `day` (before it when negative); `day` itself is never counted. */
export function stepBusinessDays(day: number, count: number, calendar: CompiledCalendar): number {
  const step = count < 0 ? -1 : 1;
  let current = day;
  for (let remaining = Math.abs(count); remaining > 0; remaining -= 1) {
    let daysOff = 0;
    do {
      current += step;
      daysOff += 1;
      if (daysOff > MAX_DAYS_OFF) {
        throw new RangeError(`calendar ${calendar.id} has no business day in ${MAX_DAYS_OFF} days`);
      }
    } while (!isBusinessDayNumber(current, calendar));
  }
  return current;
}

function dayOf(date: string): number {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
  return day;
}

/** The calendar of a process that names none: every day is a business day, all day long, in UTC. */
export const ALWAYS_OPEN_CALENDAR: CompiledCalendar = {
  id: 'always-open',
  title: 'Every day, all day (UTC)',
  country: null,
  timeZone: 'UTC',
  workingDays: [1, 2, 3, 4, 5, 6, 7],
  workingHours: { start: '00:00', end: '24:00' },
  holidays: [],
  years: { from: 1970, to: 9999 },
};
