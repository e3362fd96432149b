import { describe, expect, it } from 'vitest';
import { addDuration, subtractDuration } from '../../plan/business-time';
import { at, de, duration, fr, local, tokyo, us } from './support';

describe('clock time and calendar days across daylight-saving changes', () => {
  it('Paris, spring (2026-03-29): 1 day after Saturday 10:00 is Sunday 10:00, 24h is Sunday 11:00', () => {
    const saturday = at('2026-03-28T10:00', fr);
    expect(local(addDuration(saturday, duration('1 day'), fr), fr)).toBe('2026-03-29T10:00:00+02:00');
    expect(local(addDuration(saturday, duration('24h'), fr), fr)).toBe('2026-03-29T11:00:00+02:00');
  });

  it('Paris, autumn (2026-10-25): 1 day after Saturday 10:00 is Sunday 10:00, 24h is Sunday 09:00', () => {
    const saturday = at('2026-10-24T10:00', fr);
    expect(local(addDuration(saturday, duration('1 day'), fr), fr)).toBe('2026-10-25T10:00:00+01:00');
    expect(local(addDuration(saturday, duration('24h'), fr), fr)).toBe('2026-10-25T09:00:00+01:00');
  });

  it('New York, spring (2026-03-08): 1 day after Saturday 10:00 is Sunday 10:00, 24h is Sunday 11:00', () => {
    const saturday = at('2026-03-07T10:00', us);
    expect(local(addDuration(saturday, duration('1 day'), us), us)).toBe('2026-03-08T10:00:00-04:00');
    expect(local(addDuration(saturday, duration('24h'), us), us)).toBe('2026-03-08T11:00:00-04:00');
  });

  it('New York, autumn (2026-11-01): 1 day after Saturday 10:00 is Sunday 10:00, 24h is Sunday 09:00', () => {
    const saturday = at('2026-10-31T10:00', us);
    expect(local(addDuration(saturday, duration('1 day'), us), us)).toBe('2026-11-01T10:00:00-05:00');
    expect(local(addDuration(saturday, duration('24h'), us), us)).toBe('2026-11-01T09:00:00-05:00');
  });

  it('3 days before Monday 2026-03-30 10:00 in Paris is Friday 10:00, in winter time', () => {
    expect(local(subtractDuration(at('2026-03-30T10:00', fr), duration('3 days'), fr), fr)).toBe(
      '2026-03-27T10:00:00+01:00',
    );
  });

  it('1 day after 02:30 lands on a time the spring change skips: it moves forward to 03:30', () => {
    expect(local(addDuration(at('2026-03-28T02:30', fr), duration('1 day'), fr), fr)).toBe('2026-03-29T03:30:00+02:00');
  });

  it('1 day after 02:30 lands on a time the autumn change repeats: it is the first 02:30', () => {
    expect(local(addDuration(at('2026-10-24T02:30', fr), duration('1 day'), fr), fr)).toBe('2026-10-25T02:30:00+02:00');
  });

  it('2 weeks is 14 calendar days whatever the holidays: after Friday 2026-12-18 10:00 is Friday 2027-01-01 10:00', () => {
    expect(local(addDuration(at('2026-12-18T10:00', fr), duration('2 weeks'), fr), fr)).toBe(
      '2027-01-01T10:00:00+01:00',
    );
  });
});

describe('adding business days', () => {
  it('keeps the local time: 1 business day after Tuesday 10:00 is Wednesday 10:00', () => {
    expect(local(addDuration(at('2026-03-24T10:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-03-25T10:00:00+01:00',
    );
  });

  it('skips the weekend: 1 business day after Friday 10:00 is Monday 10:00, in summer time after the change', () => {
    expect(local(addDuration(at('2026-03-27T10:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-03-30T10:00:00+02:00',
    );
  });

  it('counts a task opened after hours from the end of the day: Friday 19:00 plus 1 business day is Monday 18:00', () => {
    expect(local(addDuration(at('2026-03-27T19:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-03-30T18:00:00+02:00',
    );
  });

  it('counts a task opened on a Saturday from the Friday before: 1 business day is Monday 18:00', () => {
    expect(local(addDuration(at('2026-03-28T11:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-03-30T18:00:00+02:00',
    );
  });

  it('counts a task opened before hours from the day before: Monday 07:00 plus 1 business day is Monday 18:00', () => {
    expect(local(addDuration(at('2026-03-30T07:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-03-30T18:00:00+02:00',
    );
  });

  it('skips a holiday weekend: 1 business day after Friday 2026-04-03 10:00 is Tuesday 10:00 (Easter Monday off)', () => {
    expect(local(addDuration(at('2026-04-03T10:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-04-07T10:00:00+02:00',
    );
  });

  it('skips Good Friday and Easter Monday in Germany: 1 business day after Thursday 2026-04-02 15:00 is Tuesday 15:00', () => {
    expect(local(addDuration(at('2026-04-02T15:00', de), duration('1 business day'), de), de)).toBe(
      '2026-04-07T15:00:00+02:00',
    );
  });

  it('5 business days after Wednesday 2026-11-25 14:00 in New York is Thursday 2026-12-03 (Thanksgiving off)', () => {
    expect(local(addDuration(at('2026-11-25T14:00', us), duration('5 business days'), us), us)).toBe(
      '2026-12-03T14:00:00-05:00',
    );
  });

  it('reads the weekday in the calendar zone: the same instant, Friday evening in New York and Saturday in Tokyo', () => {
    const instant = at('2026-11-27T23:30:00Z', us);
    expect(local(addDuration(instant, duration('1 business day'), us), us)).toBe('2026-11-30T17:00:00-05:00');
    expect(local(addDuration(instant, duration('1 business day'), tokyo), tokyo)).toBe('2026-11-30T17:00:00+09:00');
  });
});

describe('subtracting business days', () => {
  it('keeps the local time: 1 business day before Monday 10:00 is Friday 10:00, in winter time', () => {
    expect(local(subtractDuration(at('2026-03-30T10:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-03-27T10:00:00+01:00',
    );
  });

  it('skips a holiday: 1 business day before Tuesday 2026-04-07 10:00 is Friday 2026-04-03 10:00', () => {
    expect(local(subtractDuration(at('2026-04-07T10:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-04-03T10:00:00+02:00',
    );
  });

  it('counts from the end of the last working day before: 1 business day before Monday 07:00 is Thursday 18:00', () => {
    expect(local(subtractDuration(at('2026-03-30T07:00', fr), duration('1 business day'), fr), fr)).toBe(
      '2026-03-26T18:00:00+01:00',
    );
  });
});

describe('business hours', () => {
  it('carry over to the next business day: 8 business hours after Friday 16:00 is Monday 15:00', () => {
    expect(local(addDuration(at('2026-03-27T16:00', fr), duration('8 business hours'), fr), fr)).toBe(
      '2026-03-30T15:00:00+02:00',
    );
  });

  it('from outside working hours count from the end of the last ones: 9 after Friday 19:00 is Monday 18:00', () => {
    expect(local(addDuration(at('2026-03-27T19:00', fr), duration('9 business hours'), fr), fr)).toBe(
      '2026-03-30T18:00:00+02:00',
    );
  });

  it('go back over the weekend: 2 business hours before Monday 10:00 is Friday 17:00', () => {
    expect(local(subtractDuration(at('2026-03-30T10:00', fr), duration('2 business hours'), fr), fr)).toBe(
      '2026-03-27T17:00:00+01:00',
    );
  });

  it('never end at the start of working hours: 1 business hour before Monday 10:00 is Friday 18:00, not Monday 09:00', () => {
    expect(local(subtractDuration(at('2026-03-30T10:00', fr), duration('1 business hour'), fr), fr)).toBe(
      '2026-03-27T18:00:00+01:00',
    );
  });
});
