import { BatonError } from './baton-error';
import type { CompileError } from './compile-error';

/**
 * Calendar files (`definitions/calendars/*.yaml`) that do not read: no process is compiled until
 * they are fixed. Carries every error of every file, each with its file, line and column.
 */
export class CalendarInvalidError extends BatonError {
  readonly code = 'calendar-invalid';

  constructor(readonly errors: readonly CompileError[]) {
    super(`the calendar files have ${errors.length} error${errors.length === 1 ? '' : 's'}`, errors);
  }
}
