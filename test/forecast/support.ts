import type { CompiledCalendar } from '../../plan/calendar';

/** Paris working hours with one holiday (Ascension 2027): the forecast tests count their dates by hand in it. */
export const FR_TEST: CompiledCalendar = {
  id: 'fr-test',
  title: 'Paris, one holiday',
  country: 'FR',
  timeZone: 'Europe/Paris',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '18:00' },
  holidays: ['2027-05-06'],
  years: { from: 2027, to: 2027 },
};
