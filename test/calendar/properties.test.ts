import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, subtractDuration } from '../../plan/business-time';
import {
  type CompiledCalendar,
  isBusinessDay,
  workingDayLength,
  workingHoursOf,
  workingTimeBetween,
} from '../../plan/calendar';
import type { CalendarDuration } from '../../plan/calendar-duration';
import { localDate, toLocal } from '../../plan/zoned-time';
import { de, fr, tokyo, us } from './support';

const HOUR = 3_600_000;
const calendars = fc.constantFrom(fr, us, de, tokyo);
/** Any minute from 2026 to 2029: the years the shipped calendars know, DST changes and all. */
const instants = fc
  .integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2029, 11, 31) / 60_000 })
  .map((m) => m * 60_000);
const businessDays = fc.integer({ min: 1, max: 30 }).map((days): CalendarDuration => ({ kind: 'business-days', days }));
const businessHours = fc
  .integer({ min: 1, max: 100 })
  .map((hours): CalendarDuration => ({ kind: 'business-hours', hours }));

/** Working hours, after their start and up to their end, of a business day. */
function isWithinWorkingHours(instantMs: number, calendar: CompiledCalendar): boolean {
  const { start, end } = workingHoursOf(calendar);
  const { ms } = toLocal(instantMs, calendar.timeZone);
  return isBusinessDay(localDate(instantMs, calendar.timeZone), calendar) && ms > start && ms <= end;
}

function amountOf(duration: CalendarDuration, calendar: CompiledCalendar): number {
  if (duration.kind === 'business-days') return duration.days * workingDayLength(calendar);
  if (duration.kind === 'business-hours') return duration.hours * HOUR;
  throw new Error('not a business duration');
}

describe('business durations, for any instant of 2026-2029 on any calendar', () => {
  it('adding leaves exactly that much working time, and lands within working hours', () => {
    fc.assert(
      fc.property(calendars, instants, fc.oneof(businessDays, businessHours), (calendar, instant, duration) => {
        const due = addDuration(instant, duration, calendar);
        expect(workingTimeBetween(instant, due, calendar)).toBe(amountOf(duration, calendar));
        expect(isWithinWorkingHours(due, calendar)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('subtracting leaves exactly that much working time before, and lands within working hours', () => {
    fc.assert(
      fc.property(calendars, instants, fc.oneof(businessDays, businessHours), (calendar, instant, duration) => {
        const due = subtractDuration(instant, duration, calendar);
        expect(workingTimeBetween(due, instant, calendar)).toBe(amountOf(duration, calendar));
        expect(isWithinWorkingHours(due, calendar)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('adding days keeps the local time of day, whatever daylight saving does', () => {
    fc.assert(
      fc.property(calendars, instants, fc.integer({ min: 1, max: 400 }), (calendar, instant, days) => {
        const later = addDuration(instant, { kind: 'days', days }, calendar);
        const [from, to] = [toLocal(instant, calendar.timeZone), toLocal(later, calendar.timeZone)];
        // A time skipped by a spring change is the one exception: it moves forward by the gap.
        if (to.ms !== from.ms) expect(to.ms - from.ms).toBe(HOUR);
        expect(to.day - from.day).toBe(days);
      }),
      { numRuns: 500 },
    );
  });
});
