import { describe, expect, it } from 'vitest';
import { waitEnd } from '../../plan/business-time';
import { ALWAYS_OPEN_CALENDAR } from '../../plan/calendar';
import { resolveWaitUntil, StepError } from '../../plan/render-step';
import type { WaitStep } from '../../plan/types';
import { fr, us } from './support';

const utc = (iso: string) => Date.parse(iso);

describe('waitEnd: when a wait until a date ends', () => {
  it("starts a date's day in the calendar's zone, as dues anchored on it do", () => {
    // Paris is UTC+1 in winter, UTC+2 in summer; New York UTC-5 in winter.
    expect(waitEnd('2027-03-01', fr)).toBe(utc('2027-02-28T23:00:00Z'));
    expect(waitEnd('2027-07-01', fr)).toBe(utc('2027-06-30T22:00:00Z'));
    expect(waitEnd('2027-03-01', us)).toBe(utc('2027-03-01T05:00:00Z'));
    expect(waitEnd('2027-03-01', ALWAYS_OPEN_CALENDAR)).toBe(utc('2027-03-01T00:00:00Z'));
  });

  it('reads a date-time without offset in the zone, and one with an offset as it is', () => {
    expect(waitEnd('2027-03-01T10:00', fr)).toBe(utc('2027-03-01T09:00:00Z'));
    expect(waitEnd('2027-03-01T10:00:00Z', fr)).toBe(utc('2027-03-01T10:00:00Z'));
    expect(waitEnd('2027-03-01T10:00+05:00', fr)).toBe(utc('2027-03-01T05:00:00Z'));
    expect(waitEnd('next monday', fr)).toBeUndefined();
  });
});

describe('resolveWaitUntil', () => {
  const step: WaitStep = {
    kind: 'wait',
    id: 'until-opening',
    after: [],
    when: null,
    forEach: null,
    source: { line: 1, column: 1, path: '/tasks/0' },
    wait: { until: 'input.openingDate' },
  };
  const values = (value: unknown) => new Map([['input.openingDate', { value: value as string }]]);

  it('counts in the calendar when given one (instances from runtime 3 on, the forecast)', () => {
    expect(resolveWaitUntil(step, values('2027-03-01'), 0, () => fr)).toBe(utc('2027-02-28T23:00:00Z'));
    expect(() => resolveWaitUntil(step, values('soon'), 0, () => fr)).toThrow(StepError);
  });

  it('keeps reading a date as 00:00 UTC without one (instances before runtime 3)', () => {
    expect(resolveWaitUntil(step, values('2027-03-01'), 0)).toBe(utc('2027-03-01T00:00:00Z'));
  });
});
