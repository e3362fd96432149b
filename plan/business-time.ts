import { assertNever } from './assert-never';
import { type CompiledCalendar, isBusinessDayNumber, stepBusinessDays, workingHoursOf } from './calendar';
import type { CalendarDuration } from './calendar-duration';
import { MS_PER_HOUR, parseIsoDate } from './civil-date';
import { fromLocal, type LocalDateTime, parseDateTime, toLocal } from './zoned-time';

/**
 * Durations added to instants on a business calendar, and deadlines anchored to a date.
 * Pure and deterministic: the compiler (dry-run plans), the API and the interpreter workflow
 * compute the same instants. Instants are epoch milliseconds; local times are read in the
 * calendar's time zone.
 *
 * The rules, all of them:
 *
 * 1. **Clock durations** (`4h`, `90 minutes`, `3d`) are elapsed time.
 * 2. **Days** (`3 days`, `2 weeks`) keep the local wall-clock time: 10:00 plus 3 days is 10:00,
 *    across a daylight-saving change too. A time the change skips moves forward by the gap; a
 *    time it repeats is its first occurrence. Working days and holidays play no part.
 * 3. **Business days and hours** count working time only. An instant outside working hours
 *    (before or at their start, after their end, or on a day off) counts from the end of the last
 *    working hours before it: Friday 19:00, Saturday noon and Monday 07:00 all count from
 *    Friday 18:00, since no work fits in between.
 *    - N business days: that local time on the Nth business day after (or before). Friday 19:00
 *      plus 1 business day is Monday 18:00: one full working day, whenever the task opened.
 *    - N business hours: N hours of working time, carried over business days.
 *    So a result always falls in working hours, after their start and up to their end: a deadline
 *    at the very start of a day's hours is written as the end of the business day before, which
 *    leaves the same working time and reads as the deadline people mean ("by Friday evening").
 * 4. **Anchors** (`before: X, by: D`, `after: X, within: D`): an instant X is rule 1–3 applied
 *    backward or forward. A date X (`2027-03-01`, no time) is that whole day in the calendar's zone:
 *    - day-based durations (days, weeks, business days) count whole days, X itself not counted, and
 *      the deadline is the end of working hours of the day reached: `before: 2027-03-01 (Monday),
 *      by: 1 business day` is Friday 2027-02-26 at 18:00; `after: it, within: 1 business day` is
 *      Tuesday 2027-03-02 at 18:00;
 *    - time-based durations (clock, business hours) count back from the start of X (`before`) or on
 *      from its end (`after`). So before a Monday, `1 business day` names Friday (18:00) while
 *      `9 business hours` measures a day of working time back from Friday 18:00 (Thursday 18:00).
 *
 * Holidays are known for the calendar's `years`; outside them only the weekdays count.
 */

export function addDuration(instantMs: number, duration: CalendarDuration, calendar: CompiledCalendar): number {
  return shift(instantMs, duration, 1, calendar);
}

export function subtractDuration(instantMs: number, duration: CalendarDuration, calendar: CompiledCalendar): number {
  return shift(instantMs, duration, -1, calendar);
}

type Direction = 1 | -1;

function shift(
  instantMs: number,
  duration: CalendarDuration,
  direction: Direction,
  calendar: CompiledCalendar,
): number {
  const { timeZone } = calendar;
  switch (duration.kind) {
    case 'clock':
      return instantMs + direction * duration.ms;
    case 'days': {
      const { day, ms } = toLocal(instantMs, timeZone);
      return fromLocal(day + direction * duration.days, ms, timeZone);
    }
    case 'business-days': {
      const { day, ms } = workingMoment(instantMs, calendar);
      return fromLocal(stepBusinessDays(day, direction * duration.days, calendar), ms, timeZone);
    }
    case 'business-hours':
      return shiftWorkingTime(instantMs, duration.hours * MS_PER_HOUR, direction, calendar);
    default:
      return assertNever(duration);
  }
}

/**
 * The business day and local time an instant counts from (rule 3): itself within working hours
 * (after their start, up to their end), else the end of the last working hours before it.
 */
function workingMoment(instantMs: number, calendar: CompiledCalendar): LocalDateTime {
  const { start, end } = workingHoursOf(calendar);
  const local = toLocal(instantMs, calendar.timeZone);
  if (isBusinessDayNumber(local.day, calendar) && local.ms > start) {
    return { day: local.day, ms: Math.min(local.ms, end) };
  }
  return { day: stepBusinessDays(local.day, -1, calendar), ms: end };
}

function shiftWorkingTime(instantMs: number, ms: number, direction: Direction, calendar: CompiledCalendar): number {
  const { start, end } = workingHoursOf(calendar);
  let { day, ms: time } = workingMoment(instantMs, calendar);
  let remaining = ms;
  if (direction === 1) {
    // `time` is in (start, end]; the result lands in (start, end] too.
    while (remaining > end - time) {
      remaining -= end - time;
      day = stepBusinessDays(day, 1, calendar);
      time = start;
    }
    return fromLocal(day, time + remaining, calendar.timeZone);
  }
  while (remaining >= time - start) {
    remaining -= time - start;
    day = stepBusinessDays(day, -1, calendar);
    time = end;
  }
  return fromLocal(day, time - remaining, calendar.timeZone);
}

/**
 * What an anchor's expression gave: a `YYYY-MM-DD` date, an RFC 3339 date-time (one without an
 * offset is read in the calendar's zone), or epoch milliseconds.
 */
export type AnchorValue = string | number;

export type Anchor = { readonly date: string; readonly day: number } | { readonly instantMs: number };

export const ANCHOR_FORMS = [
  '2027-03-01',
  '2027-03-01T10:00:00Z',
  '2027-03-01T10:00+01:00',
  '2027-03-01T10:00',
] as const;

/** The date or instant an anchor value names, or undefined if it names neither (so the caller can say so). */
export function parseAnchor(value: AnchorValue, timeZone: string): Anchor | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { instantMs: value } : undefined;
  const day = parseIsoDate(value);
  if (day !== undefined) return { date: value, day };
  const instantMs = parseDateTime(value, timeZone);
  return instantMs === undefined ? undefined : { instantMs };
}

/** `due: { before: anchor, by: duration }`: the deadline (rule 4), or undefined if the anchor is no date or instant. */
export function dueBefore(anchor: AnchorValue, by: CalendarDuration, calendar: CompiledCalendar): number | undefined {
  return resolveAnchor(anchor, by, -1, calendar);
}

/** `due: { after: anchor, within: duration }`: the deadline (rule 4), or undefined if the anchor is no date or instant. */
export function dueAfter(
  anchor: AnchorValue,
  within: CalendarDuration,
  calendar: CompiledCalendar,
): number | undefined {
  return resolveAnchor(anchor, within, 1, calendar);
}

function resolveAnchor(
  value: AnchorValue,
  duration: CalendarDuration,
  direction: Direction,
  calendar: CompiledCalendar,
): number | undefined {
  const anchor = parseAnchor(value, calendar.timeZone);
  if (anchor === undefined) return undefined;
  if ('instantMs' in anchor) return shift(anchor.instantMs, duration, direction, calendar);
  const { timeZone } = calendar;
  switch (duration.kind) {
    case 'days':
      return fromLocal(anchor.day + direction * duration.days, workingHoursOf(calendar).end, timeZone);
    case 'business-days': {
      const day = stepBusinessDays(anchor.day, direction * duration.days, calendar);
      return fromLocal(day, workingHoursOf(calendar).end, timeZone);
    }
    case 'clock':
    case 'business-hours': {
      const from = fromLocal(direction === 1 ? anchor.day + 1 : anchor.day, 0, timeZone);
      return shift(from, duration, direction, calendar);
    }
    default:
      return assertNever(duration);
  }
}

/**
 * When a `wait: until:` ends, counted in a calendar: a date (`2027-03-01`) is the start of that day
 * in the calendar's zone (00:00 in UTC for a process without a calendar), as dues anchored on the
 * same date read it; a date-time without an offset is in that zone too. Undefined when the value
 * names no date or instant.
 */
export function waitEnd(value: AnchorValue, calendar: CompiledCalendar): number | undefined {
  const anchor = parseAnchor(value, calendar.timeZone);
  if (anchor === undefined) return undefined;
  return 'instantMs' in anchor ? anchor.instantMs : fromLocal(anchor.day, 0, calendar.timeZone);
}
