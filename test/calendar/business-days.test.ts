import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  nextBusinessDay,
  previousBusinessDay,
  workingDayLength,
  workingTimeBetween,
} from '../../plan/calendar';
import { localDate } from '../../plan/zoned-time';
import { at, de, fr, tokyo, us } from './support';

const HOUR = 3_600_000;

describe('business days', () => {
  it('are Monday to Friday in France: Saturday 2026-03-28 and Sunday 2026-03-29 are not', () => {
    expect(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'].map((date) => isBusinessDay(date, fr))).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('exclude fixed holidays: 14 July 2026, a Tuesday, is off in France', () => {
    expect(isBusinessDay('2026-07-14', fr)).toBe(false);
  });

  it('exclude Easter-based holidays: Easter Monday 2026-04-06 is off in France and Germany, Good Friday only in Germany', () => {
    expect([isBusinessDay('2026-04-06', fr), isBusinessDay('2026-04-06', de)]).toEqual([false, false]);
    expect([isBusinessDay('2026-04-03', fr), isBusinessDay('2026-04-03', de)]).toEqual([true, false]);
  });

  it('exclude nth-weekday holidays: Thanksgiving, Thursday 2026-11-26, is off in the US, the Friday after is not', () => {
    expect([isBusinessDay('2026-11-26', us), isBusinessDay('2026-11-27', us)]).toEqual([false, true]);
  });

  it('follow the next business day over the Easter weekend: after Friday 2026-04-03 comes Tuesday 2026-04-07 in France', () => {
    expect(nextBusinessDay('2026-04-03', fr)).toBe('2026-04-07');
  });

  it('follow the next business day over the Christmas holidays in Germany: after 2026-12-24 comes 2026-12-28', () => {
    expect(nextBusinessDay('2026-12-24', de)).toBe('2026-12-28');
  });

  it('go back over a holiday weekend: before Tuesday 2026-05-26 (after Whit Monday) comes Friday 2026-05-22 in France', () => {
    expect(previousBusinessDay('2026-05-26', fr)).toBe('2026-05-22');
  });

  it('are counted without the starting day: 3 business days after Wednesday 2026-05-13 (Ascension the next day) is Tuesday 2026-05-19', () => {
    expect(addBusinessDays('2026-05-13', 3, fr)).toBe('2026-05-19');
    expect(addBusinessDays('2026-05-19', -3, fr)).toBe('2026-05-13');
  });

  it('between two dates count those after the first up to the second: Friday to Monday is 1, back is -1', () => {
    expect(businessDaysBetween('2026-03-27', '2026-03-30', fr)).toBe(1);
    expect(businessDaysBetween('2026-03-30', '2026-03-27', fr)).toBe(-1);
    expect(businessDaysBetween('2026-03-27', '2026-03-27', fr)).toBe(0);
  });

  it('between 1 and 31 May 2026 in France are 17: 21 weekdays less four holidays (1, 8, 14, 25 May)', () => {
    expect(businessDaysBetween('2026-04-30', '2026-05-31', fr)).toBe(17);
  });
});

describe('working time', () => {
  it('is 9 hours a business day in France (09:00-18:00), 8 in the US (09:00-17:00)', () => {
    expect([workingDayLength(fr), workingDayLength(us)]).toEqual([9 * HOUR, 8 * HOUR]);
  });

  it('between Friday 16:00 and Monday 11:00 is the 2 hours of Friday and the 2 of Monday', () => {
    expect(workingTimeBetween(at('2026-03-27T16:00', fr), at('2026-03-30T11:00', fr), fr)).toBe(4 * HOUR);
  });

  it('is negative when the end comes first, and nothing over a weekend', () => {
    expect(workingTimeBetween(at('2026-03-30T11:00', fr), at('2026-03-27T16:00', fr), fr)).toBe(-4 * HOUR);
    expect(workingTimeBetween(at('2026-03-27T18:00', fr), at('2026-03-30T09:00', fr), fr)).toBe(0);
  });
});

describe('local days in a time zone', () => {
  it('differ for the same instant: 2026-11-27T23:30Z is Friday 18:30 in New York and Saturday 08:30 in Tokyo', () => {
    const instant = at('2026-11-27T23:30:00Z', us);
    expect([localDate(instant, us.timeZone), localDate(instant, tokyo.timeZone)]).toEqual(['2026-11-27', '2026-11-28']);
    expect(isBusinessDay(localDate(instant, us.timeZone), us)).toBe(true);
    expect(isBusinessDay(localDate(instant, tokyo.timeZone), tokyo)).toBe(false);
  });
});
