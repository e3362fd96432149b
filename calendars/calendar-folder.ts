import fs from 'node:fs';
import path from 'node:path';
import type { CompileError } from '../errors/compile-error';
import type { CompiledCalendar } from '../plan/calendar';
import { compileCalendar, type YearRange } from '../plan/holidays';
import { type CalendarErrorCode, readCalendarFile } from './calendar-file';

/**
 * The calendars of a folder (`definitions/calendars/`), read and compiled for the compiler's
 * `calendars` option. Each `<id>.yaml` is the calendar `<id>`; a folder that does not exist has none.
 */

export interface CalendarFolder {
  /** The calendars whose files read, by id. */
  readonly calendars: { readonly [id: string]: CompiledCalendar };
  /** Every error of the files that did not. */
  readonly errors: readonly CompileError<CalendarErrorCode>[];
}

const EXTENSION = '.yaml';

/** Years either side of the deploy: instances started now can end a few years on. */
export const YEARS_BEFORE = 1;
export const YEARS_AFTER = 5;

/** The years a calendar is compiled for when a process is deployed at `now`: the year before to five years on. */
export function deployYears(now: Date): YearRange {
  const year = now.getUTCFullYear();
  return { fromYear: year - YEARS_BEFORE, toYear: year + YEARS_AFTER };
}

/**
 * Reads every calendar file of `directory` and compiles those that read for `years`; the errors of
 * the others come with their file:line:col. A file that cannot be read at all throws.
 */
export function readCalendarFolder(directory: string, years: YearRange): CalendarFolder {
  const calendars: { [id: string]: CompiledCalendar } = {};
  const errors: CompileError<CalendarErrorCode>[] = [];
  for (const name of calendarFileNames(directory)) {
    const file = path.join(directory, name);
    const read = readCalendarFile(fs.readFileSync(file, 'utf8'), file);
    if (read.ok) calendars[read.calendar.id] = compileCalendar(read.calendar, years);
    else errors.push(...read.errors);
  }
  return { calendars, errors };
}

function calendarFileNames(directory: string): string[] {
  try {
    return fs
      .readdirSync(directory)
      .filter((name) => name.endsWith(EXTENSION))
      .sort();
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
}
