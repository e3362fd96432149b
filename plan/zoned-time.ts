import { dayNumber, formatIsoDate, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, pad, parseIsoDate } from './civil-date';

/**
 * Local dates and times in IANA time zones, read through `Intl.DateTimeFormat` with an explicit
 * `timeZone`: no library and no `Date`. Node and Temporal's workflow sandbox both provide it, and
 * for a given instant and zone it always answers the same (from the tz data Node ships with).
 *
 * Instants are epoch milliseconds; local times are a day number (see `civil-date.ts`) and the
 * milliseconds since that day's midnight.
 */

export interface LocalDateTime {
  /** Days since 1970-01-01 of the local date. */
  readonly day: number;
  /** Milliseconds since local midnight (wall clock). */
  readonly ms: number;
}

// One formatter per zone: building them is the slow part. A cache of pure values is safe in workflow code.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's canonical IANA name (`europe/paris` gives `Europe/Paris`), or undefined if it is not a zone. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return formatterFor(name).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The local date and wall-clock time of an instant in a zone. */
export function toLocal(instantMs: number, timeZone: string): LocalDateTime {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(wholeSecond)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = fields;
  return {
    day: dayNumber(year, month, day),
    // Some ICU versions write midnight as 24 even with h23.
    ms: (hour % 24) * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + (instantMs - wholeSecond),
  };
}

/** Local time minus UTC at an instant, in milliseconds (+3,600,000 for Paris in winter). */
export function offsetAt(instantMs: number, timeZone: string): number {
  const local = toLocal(instantMs, timeZone);
  return local.day * MS_PER_DAY + local.ms - instantMs;
}

/**
 * The instant a local date and wall-clock time names. `ms` may be 24:00, the end of the day.
 * Like `Temporal`'s "compatible" disambiguation: a time skipped when clocks go forward (02:30 on
 * the spring change in Paris) is moved forward by the gap (03:30); a time that happens twice when
 * clocks go back (02:30 on the autumn change) is its first occurrence.
 */
export function fromLocal(day: number, ms: number, timeZone: string): number {
  const wall = day * MS_PER_DAY + ms;
  // Zones change their offset at most once in any two days: one of these is the offset at `wall`.
  const earlier = wall - offsetAt(wall - MS_PER_DAY, timeZone);
  if (wallClock(earlier, timeZone) === wall) return earlier;
  const later = wall - offsetAt(wall + MS_PER_DAY, timeZone);
  if (wallClock(later, timeZone) === wall) return later;
  return earlier;
}

function wallClock(instantMs: number, timeZone: string): number {
  return instantMs + offsetAt(instantMs, timeZone);
}

/** The local date `YYYY-MM-DD` of an instant in a zone. */
export function localDate(instantMs: number, timeZone: string): string {
  return formatIsoDate(toLocal(instantMs, timeZone).day);
}

/** RFC 3339 in the zone's local time: `2026-03-30T18:00:00+02:00` (milliseconds only when there are some). */
export function formatLocalIso(instantMs: number, timeZone: string): string {
  const { day, ms } = toLocal(instantMs, timeZone);
  const offsetMinutes = Math.round(offsetAt(instantMs, timeZone) / MS_PER_MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60), 2)}:${pad(Math.abs(offsetMinutes) % 60, 2)}`;
  const time = `${pad(Math.floor(ms / MS_PER_HOUR), 2)}:${pad(Math.floor(ms / MS_PER_MINUTE) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}`;
  const fraction = ms % 1000 === 0 ? '' : `.${pad(ms % 1000, 3)}`;
  return `${formatIsoDate(day)}T${time}${fraction}${offset}`;
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,9}))?)?([Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

/**
 * The instant of an RFC 3339 date-time (`2027-03-01T10:00:00Z`, `2027-03-01T10:00+01:00`), or of a
 * local date-time without offset (`2027-03-01T10:00`), read in `timeZone`. Undefined for anything else.
 */
export function parseDateTime(text: string, timeZone: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, date = '', hour, minute, second = '0', fraction = '', zone] = match;
  const day = parseIsoDate(date);
  if (day === undefined) return undefined;
  const ms =
    Number(hour) * MS_PER_HOUR +
    Number(minute) * MS_PER_MINUTE +
    Number(second) * 1000 +
    Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (zone === undefined) return fromLocal(day, ms, timeZone);
  if (zone === 'Z' || zone === 'z') return day * MS_PER_DAY + ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = sign * (Number(zone.slice(1, 3)) * MS_PER_HOUR + Number(zone.slice(4, 6)) * MS_PER_MINUTE);
  return day * MS_PER_DAY + ms - offset;
}
