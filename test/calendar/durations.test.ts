import { describe, expect, it } from 'vitest';
import { CALENDAR_DURATION_FORMS, formatCalendarDuration, parseCalendarDuration } from '../../plan/calendar-duration';

const HOUR = 3_600_000;

describe('the duration grammar', () => {
  it('keeps the compact forms as elapsed time: 3d is 72 hours, 2w 336', () => {
    expect(['30s', '15m', '4h', '3d', '2w'].map(parseCalendarDuration)).toEqual([
      { kind: 'clock', ms: 30_000 },
      { kind: 'clock', ms: 15 * 60_000 },
      { kind: 'clock', ms: 4 * HOUR },
      { kind: 'clock', ms: 72 * HOUR },
      { kind: 'clock', ms: 336 * HOUR },
    ]);
  });

  it('reads seconds, minutes and hours written out as elapsed time', () => {
    expect(['45 seconds', '90 minutes', '1 hour', '4 hours'].map(parseCalendarDuration)).toEqual([
      { kind: 'clock', ms: 45_000 },
      { kind: 'clock', ms: 90 * 60_000 },
      { kind: 'clock', ms: HOUR },
      { kind: 'clock', ms: 4 * HOUR },
    ]);
  });

  it('reads days and weeks written out as calendar days', () => {
    expect(['1 day', '3 days', '1 week', '2 weeks'].map(parseCalendarDuration)).toEqual([
      { kind: 'days', days: 1 },
      { kind: 'days', days: 3 },
      { kind: 'days', days: 7 },
      { kind: 'days', days: 14 },
    ]);
  });

  it('reads business days and business hours', () => {
    expect(
      ['1 business day', '5 business days', '1 business hour', '8 business hours'].map(parseCalendarDuration),
    ).toEqual([
      { kind: 'business-days', days: 1 },
      { kind: 'business-days', days: 5 },
      { kind: 'business-hours', hours: 1 },
      { kind: 'business-hours', hours: 8 },
    ]);
  });

  it('refuses zero, fractions, capitals, missing or doubled spaces, unknown units and amounts over 99,999', () => {
    const refused = [
      '0 days',
      '1.5 days',
      '5 Business Days',
      '5days',
      '5  days',
      '5 working days',
      '3 months',
      'business days',
      '100000 days',
      '0d',
      '',
    ];
    expect(refused.map(parseCalendarDuration)).toEqual(refused.map(() => undefined));
  });

  it('lists forms for error hints that are all accepted', () => {
    expect(CALENDAR_DURATION_FORMS.filter((form) => parseCalendarDuration(form) === undefined)).toEqual([]);
  });

  it('writes durations back as a person reads them', () => {
    const texts = ['5 business days', '1 business day', '8 business hours', '2 weeks', '90 minutes', '3d', '30s'];
    expect(
      texts.map((text) => formatCalendarDuration(parseCalendarDuration(text) ?? { kind: 'clock', ms: 0 })),
    ).toEqual([
      '5 business days',
      '1 business day',
      '8 business hours',
      '14 days',
      '1 hour 30 minutes',
      '72 hours',
      '30 seconds',
    ]);
  });
});
