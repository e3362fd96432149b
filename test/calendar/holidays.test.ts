import { describe, expect, it } from 'vitest';
import { type CalendarFile, compileCalendar, parseHolidayRule } from '../../plan/holidays';

/** A Monday-to-Friday calendar holding only the given holidays. */
function withHolidays(holidays: CalendarFile['holidays'], fromYear = 2026, toYear = 2026): readonly string[] {
  const file: CalendarFile = {
    id: 'test',
    title: 'test',
    timeZone: 'Europe/Paris',
    workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    workingHours: { start: '09:00', end: '18:00' },
    holidays,
  };
  return compileCalendar(file, { fromYear, toYear }).holidays;
}

describe('holiday rules', () => {
  it('reads the four forms of a holiday date', () => {
    expect(parseHolidayRule('12-25')).toEqual({ kind: 'annual', month: 12, day: 25 });
    expect(parseHolidayRule('2027-05-07')).toEqual({ kind: 'once', date: '2027-05-07' });
    expect(parseHolidayRule('easter+39')).toEqual({ kind: 'easter', offset: 39 });
    expect(parseHolidayRule('easter-2')).toEqual({ kind: 'easter', offset: -2 });
    expect(parseHolidayRule('easter')).toEqual({ kind: 'easter', offset: 0 });
    expect(parseHolidayRule('third monday of january')).toEqual({ kind: 'nth-weekday', nth: 3, weekday: 1, month: 1 });
    expect(parseHolidayRule('last monday of may')).toEqual({ kind: 'nth-weekday', nth: -1, weekday: 1, month: 5 });
  });

  it('refuses dates that do not exist, other spellings and far Easter offsets', () => {
    const refused = [
      '13-01',
      '02-30',
      '2027-02-29',
      '12/25',
      'Easter+1',
      'easter+201',
      'fifth monday of may',
      'third monday of janvier',
      'christmas',
      '',
    ];
    expect(refused.map(parseHolidayRule)).toEqual(refused.map(() => undefined));
  });
});

describe('holidays expanded for a range of years', () => {
  it('puts a fixed date in every year of the range', () => {
    expect(withHolidays([{ name: 'Christmas', date: '12-25' }], 2026, 2028)).toEqual([
      '2026-12-25',
      '2027-12-25',
      '2028-12-25',
    ]);
  });

  it('keeps 29 February only in leap years', () => {
    expect(withHolidays([{ name: 'Leap day', date: '02-29' }], 2026, 2028)).toEqual(['2028-02-29']);
  });

  it('places Easter Monday, Ascension and Whit Monday 1, 39 and 50 days after Easter Sunday (5 April 2026)', () => {
    const holidays = withHolidays([
      { name: 'Easter Monday', date: 'easter+1' },
      { name: 'Ascension', date: 'easter+39' },
      { name: 'Whit Monday', date: 'easter+50' },
      { name: 'Good Friday', date: 'easter-2' },
    ]);
    expect(holidays).toEqual(['2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25']);
  });

  it('finds the nth and the last weekday of a month', () => {
    const holidays = withHolidays([
      { name: 'Martin Luther King Jr. Day', date: 'third monday of january' },
      { name: 'Memorial Day', date: 'last monday of may' },
      { name: 'Labor Day', date: 'first monday of september' },
      { name: 'Thanksgiving', date: 'fourth thursday of november' },
    ]);
    expect(holidays).toEqual(['2026-01-19', '2026-05-25', '2026-09-07', '2026-11-26']);
  });

  it('keeps a one-off date only in its own year', () => {
    expect(withHolidays([{ name: 'Bridge day', date: '2027-05-07' }], 2026, 2028)).toEqual(['2027-05-07']);
  });

  it('observes a Saturday holiday on the Friday before and a Sunday one on the Monday after', () => {
    // 4 July 2026 is a Saturday; 4 July 2027 a Sunday.
    const holidays = withHolidays(
      [{ name: 'Independence Day', date: '07-04', observed: 'nearest-weekday' }],
      2026,
      2027,
    );
    expect(holidays).toEqual(['2026-07-03', '2027-07-05']);
  });

  it('observes 1 January 2028, a Saturday, on 31 December 2027: in the range when 2027 is', () => {
    const rule = [{ name: "New Year's Day", date: '01-01', observed: 'nearest-weekday' as const }];
    expect(withHolidays(rule, 2027, 2027)).toEqual(['2027-01-01', '2027-12-31']);
    expect(withHolidays(rule, 2028, 2028)).toEqual([]);
  });

  it('lists two holidays on one day once, in date order', () => {
    // Ascension fell on 1 May in 2008.
    const holidays = withHolidays(
      [
        { name: 'Ascension', date: 'easter+39' },
        { name: 'Labour Day', date: '05-01' },
        { name: "New Year's Day", date: '01-01' },
      ],
      2008,
      2008,
    );
    expect(holidays).toEqual(['2008-01-01', '2008-05-01']);
  });

  it('refuses an empty or reversed range of years, and one over a hundred years', () => {
    expect(() => withHolidays([], 2027, 2026)).toThrow(RangeError);
    expect(() => withHolidays([], 2026, 2126)).toThrow(RangeError);
    expect(() => withHolidays([], 2026.5, 2027)).toThrow(RangeError);
  });
});
