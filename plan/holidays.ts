import { assertNever } from './assert-never';
import type { CompiledCalendar, WorkingHours } from './calendar';
import {
  dayNumber,
  daysInMonth,
  formatIsoDate,
  type IsoWeekday,
  isoWeekday,
  parseClockTime,
  parseIsoDate,
} from './civil-date';

/**
 * Calendar files (`definitions/calendars/*.yaml`) and their compilation into a `CompiledCalendar`.
 * A file states its holidays as rules; `compileCalendar` expands them into dates for a range of
 * years. Pure: reading and checking the YAML is `calendars/calendar-file.ts`'s job.
 *
 * A holiday's `date` is one of:
 * - `MM-DD`: that day every year (`12-25`; `02-29` only in leap years);
 * - `YYYY-MM-DD`: that one day (`2027-05-07`);
 * - `easter`, `easter+N`, `easter-N`: N days after or before Western Easter Sunday
 *   (`easter+1` Easter Monday, `easter-2` Good Friday, `easter+39` Ascension, `easter+50` Whit Monday);
 * - `<first|second|third|fourth|last> <weekday> of <month>`: `third monday of january`.
 *
 * `observed: nearest-weekday` moves a holiday falling on a Saturday to the Friday before and one
 * falling on a Sunday to the Monday after (US federal practice). A 1 January observed on
 * 31 December counts in the year it is observed.
 */

export const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

export const OBSERVANCES = ['nearest-weekday'] as const;
export type Observance = (typeof OBSERVANCES)[number];

/** A calendar file once read and checked. */
export interface CalendarFile {
  /** The file's name without `.yaml`. */
  readonly id: string;
  readonly title: string;
  readonly country?: string;
  readonly timeZone: string;
  readonly workingDays: readonly WeekdayName[];
  readonly workingHours: WorkingHours;
  readonly holidays: readonly HolidayEntry[];
}

export interface HolidayEntry {
  readonly name: string;
  /** A holiday rule, in one of the forms `HOLIDAY_RULE_FORMS` lists. */
  readonly date: string;
  readonly observed?: Observance;
}

export type HolidayRule =
  | { readonly kind: 'annual'; readonly month: number; readonly day: number }
  | { readonly kind: 'once'; readonly date: string }
  | { readonly kind: 'easter'; readonly offset: number }
  /** `nth` is 1 to 4, or -1 for the last. */
  | { readonly kind: 'nth-weekday'; readonly nth: number; readonly weekday: IsoWeekday; readonly month: number };

export const HOLIDAY_RULE_FORMS = [
  '12-25',
  '2027-05-07',
  'easter+1',
  'easter-2',
  'third monday of january',
  'last monday of may',
] as const;

const ORDINALS: Readonly<Record<string, number>> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
const ANNUAL = /^(\d{2})-(\d{2})$/;
const EASTER = /^easter(?:([+-])(\d{1,3}))?$/;
const NTH_WEEKDAY = /^(first|second|third|fourth|last) ([a-z]+) of ([a-z]+)$/;

/** The rule a holiday's `date` states, or undefined if it is none of the accepted forms. */
export function parseHolidayRule(text: string): HolidayRule | undefined {
  if (parseIsoDate(text) !== undefined) return { kind: 'once', date: text };
  const annual = ANNUAL.exec(text);
  if (annual !== null) {
    const [month, day] = [Number(annual[1]), Number(annual[2])];
    // 2000 is a leap year: 02-29 is a valid rule, kept only in leap years.
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month)
      ? { kind: 'annual', month, day }
      : undefined;
  }
  const easter = EASTER.exec(text);
  if (easter !== null) {
    const offset = easter[1] === undefined ? 0 : Number(easter[2]) * (easter[1] === '-' ? -1 : 1);
    return Math.abs(offset) <= 200 ? { kind: 'easter', offset } : undefined;
  }
  const nth = NTH_WEEKDAY.exec(text);
  if (nth !== null) {
    const weekday = WEEKDAY_NAMES.indexOf(nth[2] as WeekdayName);
    const month = MONTH_NAMES.indexOf(nth[3] as (typeof MONTH_NAMES)[number]);
    if (weekday < 0 || month < 0) return undefined;
    return {
      kind: 'nth-weekday',
      nth: ORDINALS[nth[1] ?? ''] ?? 1,
      weekday: (weekday + 1) as IsoWeekday,
      month: month + 1,
    };
  }
  return undefined;
}

/**
 * Western Easter Sunday of a Gregorian year, `YYYY-MM-DD`: the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher).
 */
export function easterSunday(year: number): string {
  return formatIsoDate(easterDay(year));
}

function easterDay(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

/** The day (number) a rule falls on in a year, before observance; undefined when it has none that year. */
function ruleDay(rule: HolidayRule, year: number): number | undefined {
  switch (rule.kind) {
    case 'annual':
      return rule.day <= daysInMonth(year, rule.month) ? dayNumber(year, rule.month, rule.day) : undefined;
    case 'once': {
      const day = parseIsoDate(rule.date);
      return rule.date.startsWith(`${year}-`) ? day : undefined;
    }
    case 'easter':
      return easterDay(year) + rule.offset;
    case 'nth-weekday': {
      if (rule.nth < 0) {
        const last = dayNumber(year, rule.month, daysInMonth(year, rule.month));
        return last - ((isoWeekday(last) - rule.weekday + 7) % 7);
      }
      const first = dayNumber(year, rule.month, 1);
      return first + ((rule.weekday - isoWeekday(first) + 7) % 7) + (rule.nth - 1) * 7;
    }
    default:
      return assertNever(rule);
  }
}

function observe(day: number, observance: Observance | undefined): number {
  if (observance === undefined) return day;
  const weekday = isoWeekday(day);
  if (weekday === 6) return day - 1;
  if (weekday === 7) return day + 1;
  return day;
}

export interface YearRange {
  readonly fromYear: number;
  readonly toYear: number;
}

/** Most years one compiled calendar covers: enough for any plan, small enough to travel in one. */
export const MAX_CALENDAR_YEARS = 100;

/**
 * The calendar a plan carries: rules expanded into the holidays of `fromYear` to `toYear`
 * (inclusive). Throws a RangeError on what `calendars/calendar-file.ts` refuses (an unknown
 * zone is the one thing it cannot check here: `canonicalTimeZone` does).
 */
export function compileCalendar(file: CalendarFile, { fromYear, toYear }: YearRange): CompiledCalendar {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear < 1 || toYear > 9999) {
    throw new RangeError(`calendar ${file.id}: years ${fromYear}-${toYear} are not whole years from 1 to 9999`);
  }
  if (toYear < fromYear || toYear - fromYear >= MAX_CALENDAR_YEARS) {
    throw new RangeError(`calendar ${file.id}: years ${fromYear}-${toYear} must be 1 to ${MAX_CALENDAR_YEARS} years`);
  }
  const start = parseClockTime(file.workingHours.start);
  const end = parseClockTime(file.workingHours.end);
  if (start === undefined || end === undefined || start >= end) {
    throw new RangeError(`calendar ${file.id}: working hours must be HH:MM with start before end`);
  }
  const workingDays = WEEKDAY_NAMES.flatMap((name, index) =>
    file.workingDays.includes(name) ? [(index + 1) as IsoWeekday] : [],
  );
  if (workingDays.length === 0) throw new RangeError(`calendar ${file.id}: no working days`);

  const [first, last] = [dayNumber(fromYear, 1, 1), dayNumber(toYear, 12, 31)];
  const days = new Set<number>();
  for (const entry of file.holidays) {
    const rule = parseHolidayRule(entry.date);
    if (rule === undefined) throw new RangeError(`calendar ${file.id}: holiday "${entry.name}" has no date rule`);
    // A year either side: an observed 1 January can fall on the 31 December before.
    for (let year = fromYear - 1; year <= toYear + 1; year += 1) {
      const day = ruleDay(rule, year);
      if (day === undefined) continue;
      const observed = observe(day, entry.observed);
      if (observed >= first && observed <= last) days.add(observed);
    }
  }
  return {
    id: file.id,
    title: file.title,
    country: file.country ?? null,
    timeZone: file.timeZone,
    workingDays,
    workingHours: { start: file.workingHours.start, end: file.workingHours.end },
    holidays: [...days].sort((a, b) => a - b).map(formatIsoDate),
    years: { from: fromYear, to: toYear },
  };
}
