import { describe, expect, it } from 'vitest';
import { dayNumber, formatIsoDate } from '../../plan/civil-date';
import { canonicalTimeZone, formatLocalIso, fromLocal, parseDateTime, toLocal } from '../../plan/zoned-time';

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';
const HOUR = 3_600_000;

/** The instant of a local wall-clock time, through `fromLocal`. */
function wall(date: string, hour: number, minute: number, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const instant = fromLocal(dayNumber(year ?? 0, month ?? 0, day ?? 0), hour * HOUR + minute * 60_000, timeZone);
  return formatLocalIso(instant, timeZone);
}

describe('local time in a zone', () => {
  it('reads an instant as the local date and wall-clock time', () => {
    const { day, ms } = toLocal(Date.UTC(2026, 6, 14, 8, 30), PARIS);
    expect([formatIsoDate(day), ms]).toEqual(['2026-07-14', 10.5 * HOUR]);
  });

  it('names the same instant by different local dates: 03:30 UTC on 1 January 2027 is still 31 December in New York', () => {
    const instant = Date.UTC(2027, 0, 1, 3, 30);
    expect([formatLocalIso(instant, NEW_YORK), formatLocalIso(instant, PARIS)]).toEqual([
      '2026-12-31T22:30:00-05:00',
      '2027-01-01T04:30:00+01:00',
    ]);
  });

  it('turns a local time back into its instant, with winter and summer offsets', () => {
    expect(wall('2026-01-15', 9, 0, PARIS)).toBe('2026-01-15T09:00:00+01:00');
    expect(wall('2026-07-15', 9, 0, PARIS)).toBe('2026-07-15T09:00:00+02:00');
    expect(wall('2026-07-15', 9, 0, NEW_YORK)).toBe('2026-07-15T09:00:00-04:00');
  });

  it('moves a time skipped by the spring change forward by the gap: 02:30 on 2026-03-29 in Paris is 03:30', () => {
    expect(wall('2026-03-29', 2, 30, PARIS)).toBe('2026-03-29T03:30:00+02:00');
    expect(wall('2026-03-08', 2, 30, NEW_YORK)).toBe('2026-03-08T03:30:00-04:00');
  });

  it('takes the first of a time repeated by the autumn change: 02:30 on 2026-10-25 in Paris is the summer-time one', () => {
    expect(wall('2026-10-25', 2, 30, PARIS)).toBe('2026-10-25T02:30:00+02:00');
    expect(wall('2026-11-01', 1, 30, NEW_YORK)).toBe('2026-11-01T01:30:00-04:00');
  });

  it('reads date-times with an offset, in UTC, or without an offset in the given zone', () => {
    expect(parseDateTime('2027-03-01T10:00:00Z', PARIS)).toBe(Date.UTC(2027, 2, 1, 10));
    expect(parseDateTime('2027-03-01T10:00+01:00', NEW_YORK)).toBe(Date.UTC(2027, 2, 1, 9));
    expect(parseDateTime('2027-03-01T10:00', PARIS)).toBe(Date.UTC(2027, 2, 1, 9));
    expect(parseDateTime('2027-03-01 10:00:30.250-05:00', PARIS)).toBe(Date.UTC(2027, 2, 1, 15, 0, 30, 250));
  });

  it('refuses what is not a real date-time', () => {
    const refused = [
      '2027-03-01',
      '2027-02-30T10:00',
      '2027-03-01T24:00',
      '2027-03-01T10',
      'tomorrow',
      '2027-03-01T10:00+1',
    ];
    expect(refused.map((text) => parseDateTime(text, PARIS))).toEqual(refused.map(() => undefined));
  });

  it('knows IANA zones by their canonical name, and nothing else', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
  });
});
