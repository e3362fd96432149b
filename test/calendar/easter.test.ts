import { describe, expect, it } from 'vitest';
import { easterSunday } from '../../plan/holidays';

describe('Easter Sunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
  ])('falls in %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('is never earlier than 22 March (1818, 2285) nor later than 25 April (1943, 2038)', () => {
    expect([easterSunday(1818), easterSunday(2285)]).toEqual(['1818-03-22', '2285-03-22']);
    expect([easterSunday(1943), easterSunday(2038)]).toEqual(['1943-04-25', '2038-04-25']);
  });
});
