/**
 * The Gantt chart's time axis: ticks at midnights (or whole hours) of the user's time zone, with
 * `Intl` alone (no date library): a zone's offset at an instant is read from how it formats it.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** A formatter of a zone's wall-clock time, made once per zone (making one costs far more than using it). */
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/** The zone's offset from UTC at `ms`, in ms (Paris in winter: +3,600,000). */
export function zoneOffset(ms: number, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant of a wall-clock date's midnight in the zone (`day` may overflow: Date.UTC normalises it). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month, day);
  const first = guess - zoneOffset(guess, timeZone);
  // Once more, in case the offset changed between the guess and the answer (a change of time overnight).
  return guess - zoneOffset(first, timeZone);
}

/** The wall-clock date (in the zone) of an instant: [year, month (0-11), day]. */
function localDate(ms: number, timeZone: string): [number, number, number] {
  const wall = new Date(ms + zoneOffset(ms, timeZone));
  return [wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()];
}

export interface Tick {
  readonly at: number;
  /** A tick that opens a larger unit (a new month, a new day): drawn darker. */
  readonly major: boolean;
}

type Rule =
  | { readonly unit: 'hour'; readonly every: number }
  | { readonly unit: 'day'; readonly every: number }
  | { readonly unit: 'week' }
  | { readonly unit: 'month'; readonly every: number };

const RULES: readonly { readonly rule: Rule; readonly ms: number }[] = [
  { rule: { unit: 'hour', every: 1 }, ms: HOUR },
  { rule: { unit: 'hour', every: 3 }, ms: 3 * HOUR },
  { rule: { unit: 'hour', every: 6 }, ms: 6 * HOUR },
  { rule: { unit: 'hour', every: 12 }, ms: 12 * HOUR },
  { rule: { unit: 'day', every: 1 }, ms: DAY },
  { rule: { unit: 'day', every: 2 }, ms: 2 * DAY },
  { rule: { unit: 'week' }, ms: 7 * DAY },
  { rule: { unit: 'month', every: 1 }, ms: 30 * DAY },
  { rule: { unit: 'month', every: 3 }, ms: 91 * DAY },
  { rule: { unit: 'month', every: 12 }, ms: 365 * DAY },
];

export interface Axis {
  readonly ticks: readonly Tick[];
  /** How a tick is labelled. */
  readonly format: Intl.DateTimeFormatOptions;
}

/** Ticks between `from` and `to` at least `minGapMs` apart, on boundaries of the user's zone. */
export function axisTicks(from: number, to: number, minGapMs: number, timeZone: string): Axis {
  const chosen = RULES.find((entry) => entry.ms >= minGapMs) ?? RULES[RULES.length - 1];
  const rule = chosen?.rule ?? { unit: 'month', every: 12 };
  const ticks: Tick[] = [];
  if (rule.unit === 'hour') {
    // Whole hours of the zone's clock (India's are half past UTC's).
    const offset = zoneOffset(from, timeZone);
    for (let at = Math.ceil((from + offset) / HOUR) * HOUR - offset; at <= to && ticks.length < 500; at += HOUR) {
      const hour = Math.round(((at + zoneOffset(at, timeZone)) % DAY) / HOUR);
      if (hour % rule.every === 0) ticks.push({ at, major: hour === 0 });
    }
    return { ticks, format: { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short', timeZone } };
  }
  const [year, month, day] = localDate(from, timeZone);
  for (let index = 0; ticks.length < 500; index += 1) {
    const at = localMidnight(year, month, day + index, timeZone);
    if (at > to) break;
    if (at < from) continue;
    const [, tickMonth, tickDay] = localDate(at, timeZone);
    const weekday = new Date(Date.UTC(year, month, day + index)).getUTCDay();
    const keep =
      rule.unit === 'day'
        ? index % rule.every === 0
        : rule.unit === 'week'
          ? weekday === 1
          : tickDay === 1 && tickMonth % rule.every === 0;
    if (keep) ticks.push({ at, major: tickDay === 1 });
  }
  const format: Intl.DateTimeFormatOptions =
    rule.unit === 'month'
      ? { month: 'short', year: 'numeric', timeZone }
      : { day: 'numeric', month: 'short', timeZone };
  return { ticks, format };
}
