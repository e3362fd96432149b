import { describe, expect, it } from 'vitest';
import { dueAfter, dueBefore, parseAnchor } from '../../plan/business-time';
import { at, duration, fr, local } from './support';

// 2027-03-01 is a Monday; Paris is on winter time (+01:00) until 2027-03-28.

describe('due before a date', () => {
  it('by 10 business days: the end of working hours on the 10th business day before, Monday 2027-02-15 18:00', () => {
    expect(local(dueBefore('2027-03-01', duration('10 business days'), fr), fr)).toBe('2027-02-15T18:00:00+01:00');
  });

  it('by 1 business day: the end of the business day before, Friday 2027-02-26 18:00', () => {
    expect(local(dueBefore('2027-03-01', duration('1 business day'), fr), fr)).toBe('2027-02-26T18:00:00+01:00');
  });

  it('by 1 business day, the date a Saturday: Friday 2027-03-05 18:00', () => {
    expect(local(dueBefore('2027-03-06', duration('1 business day'), fr), fr)).toBe('2027-03-05T18:00:00+01:00');
  });

  it('by 1 business day, over Easter Monday: before Tuesday 2026-04-07 is Friday 2026-04-03 18:00', () => {
    expect(local(dueBefore('2026-04-07', duration('1 business day'), fr), fr)).toBe('2026-04-03T18:00:00+02:00');
  });

  it('by 2 weeks: the end of working hours 14 days before, Monday 2027-02-15 18:00', () => {
    expect(local(dueBefore('2027-03-01', duration('2 weeks'), fr), fr)).toBe('2027-02-15T18:00:00+01:00');
  });

  it('by 4h: 4 hours before the day starts, Sunday 2027-02-28 20:00', () => {
    expect(local(dueBefore('2027-03-01', duration('4h'), fr), fr)).toBe('2027-02-28T20:00:00+01:00');
  });

  it('by 8 business hours: working time before the day starts, Friday 2027-02-26 10:00', () => {
    expect(local(dueBefore('2027-03-01', duration('8 business hours'), fr), fr)).toBe('2027-02-26T10:00:00+01:00');
  });
});

describe('due after a date', () => {
  it('within 1 business day: the end of the business day after, Tuesday 2027-03-02 18:00', () => {
    expect(local(dueAfter('2027-03-01', duration('1 business day'), fr), fr)).toBe('2027-03-02T18:00:00+01:00');
  });

  it('within 1 business day of a Friday: Monday 2027-03-01 18:00', () => {
    expect(local(dueAfter('2027-02-26', duration('1 business day'), fr), fr)).toBe('2027-03-01T18:00:00+01:00');
  });

  it('within 2 weeks: the end of working hours 14 days after, Monday 2027-03-15 18:00', () => {
    expect(local(dueAfter('2027-03-01', duration('2 weeks'), fr), fr)).toBe('2027-03-15T18:00:00+01:00');
  });

  it('within 4h: 4 hours after the day ends, Tuesday 2027-03-02 04:00', () => {
    expect(local(dueAfter('2027-03-01', duration('4h'), fr), fr)).toBe('2027-03-02T04:00:00+01:00');
  });

  it('within 8 business hours: working time after the day ends, Tuesday 2027-03-02 17:00', () => {
    expect(local(dueAfter('2027-03-01', duration('8 business hours'), fr), fr)).toBe('2027-03-02T17:00:00+01:00');
  });
});

describe('due relative to an instant', () => {
  it('after a step completed Friday 2026-03-27 19:00, within 2 weeks: Friday 2026-04-10 19:00, in summer time', () => {
    expect(local(dueAfter('2026-03-27T18:00:00Z', duration('2 weeks'), fr), fr)).toBe('2026-04-10T19:00:00+02:00');
  });

  it('after a step completed Friday 2026-03-27 19:00, within 1 business day: Monday 18:00', () => {
    expect(local(dueAfter('2026-03-27T19:00+01:00', duration('1 business day'), fr), fr)).toBe(
      '2026-03-30T18:00:00+02:00',
    );
  });

  it('before an opening at Monday 2027-03-01 10:00, by 1 business day: Friday 10:00', () => {
    expect(local(dueBefore('2027-03-01T10:00', duration('1 business day'), fr), fr)).toBe('2027-02-26T10:00:00+01:00');
  });

  it('given in epoch milliseconds', () => {
    const completed = at('2026-03-24T10:00', fr);
    expect(local(dueAfter(completed, duration('4 hours'), fr), fr)).toBe('2026-03-24T14:00:00+01:00');
  });
});

describe('anchor values', () => {
  it('are a date, a date-time (one without offset read in the calendar zone) or epoch milliseconds', () => {
    expect(parseAnchor('2027-03-01', fr.timeZone)).toEqual({ date: '2027-03-01', day: 20_878 });
    expect(parseAnchor('2027-03-01T10:00', fr.timeZone)).toEqual({ instantMs: Date.UTC(2027, 2, 1, 9) });
    expect(parseAnchor(0, fr.timeZone)).toEqual({ instantMs: 0 });
  });

  it('give no deadline when they name no date: an empty field, a made-up date, words', () => {
    for (const value of ['', '2027-02-30', 'next week', Number.NaN]) {
      expect(dueBefore(value, duration('1 business day'), fr)).toBeUndefined();
    }
  });
});
