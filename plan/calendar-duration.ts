import { assertNever } from './assert-never';
import { MS_PER_HOUR, MS_PER_MINUTE } from './civil-date';
import { parseDuration } from './duration';

/**
 * The durations a process can state, and what each measures:
 *
 * | written                                        | kind             | measures                            |
 * |------------------------------------------------|------------------|-------------------------------------|
 * | `30s` `15m` `4h` `3d` `2w`                     | `clock`          | elapsed time: `3d` is 72 hours      |
 * | `45 seconds` `90 minutes` `4 hours`            | `clock`          | elapsed time                        |
 * | `1 day` `3 days` `2 weeks`                     | `days`           | calendar days in the calendar's zone|
 * | `1 business day` `5 business days`             | `business-days`  | business days                       |
 * | `1 business hour` `8 business hours`           | `business-hours` | working time                        |
 *
 * The compact forms keep the meaning they always had (elapsed time), so plans compiled before
 * calendars existed read the same. "3 days" from 10:00 in Paris is 10:00 three days later even
 * across a daylight-saving change; "72h" or "3d" is then 09:00 or 11:00. How each kind is added
 * to an instant is `business-time.ts`'s business.
 *
 * Amounts are whole numbers from 1; long forms up to `MAX_AMOUNT`. Units are lower case,
 * singular or plural, one space after the number.
 */
export type CalendarDuration =
  | { readonly kind: 'clock'; readonly ms: number }
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'business-days'; readonly days: number }
  | { readonly kind: 'business-hours'; readonly hours: number };

/** Examples of every accepted form, for error hints. */
export const CALENDAR_DURATION_FORMS = [
  '30s',
  '15m',
  '4h',
  '3d',
  '2w',
  '90 minutes',
  '4 hours',
  '1 day',
  '3 days',
  '2 weeks',
  '1 business day',
  '5 business days',
  '8 business hours',
] as const;

/** Largest amount of a long form: 99,999 business days is past any plan, and keeps the arithmetic quick. */
export const MAX_AMOUNT = 99_999;

const LONG_FORM = /^(\d+) (seconds?|minutes?|hours?|days?|weeks?|business days?|business hours?)$/;

/** The duration a text states, or undefined if it is not one of `CALENDAR_DURATION_FORMS`' forms. */
export function parseCalendarDuration(text: string): CalendarDuration | undefined {
  const compact = parseDuration(text);
  if (compact !== undefined) return { kind: 'clock', ms: compact };
  const match = LONG_FORM.exec(text);
  if (match === null) return undefined;
  const amount = Number(match[1]);
  if (amount < 1 || amount > MAX_AMOUNT) return undefined;
  switch ((match[2] ?? '').replace(/s$/, '')) {
    case 'second':
      return { kind: 'clock', ms: amount * 1000 };
    case 'minute':
      return { kind: 'clock', ms: amount * MS_PER_MINUTE };
    case 'hour':
      return { kind: 'clock', ms: amount * MS_PER_HOUR };
    case 'day':
      return { kind: 'days', days: amount };
    case 'week':
      return { kind: 'days', days: amount * 7 };
    case 'business day':
      return { kind: 'business-days', days: amount };
    case 'business hour':
      return { kind: 'business-hours', hours: amount };
    default:
      return undefined;
  }
}

/** A duration as a person reads it: `5 business days`, `3 days`, `1 hour 30 minutes`. */
export function formatCalendarDuration(duration: CalendarDuration): string {
  switch (duration.kind) {
    case 'clock':
      return formatClock(duration.ms);
    case 'days':
      return plural(duration.days, 'day');
    case 'business-days':
      return plural(duration.days, 'business day');
    case 'business-hours':
      return plural(duration.hours, 'business hour');
    default:
      return assertNever(duration);
  }
}

function formatClock(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [size, unit] of [
    [MS_PER_HOUR, 'hour'],
    [MS_PER_MINUTE, 'minute'],
    [1000, 'second'],
  ] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(plural(amount, unit));
  }
  if (rest > 0 || parts.length === 0) parts.push(plural(rest, 'millisecond'));
  return parts.join(' ');
}

function plural(amount: number, unit: string): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
