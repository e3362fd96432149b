import { CalendarInvalidError } from './calendar-invalid-error';
import { formatCompileError } from './compile-error';
import { DefinitionInvalidError } from './definition-invalid-error';

/**
 * Why Baton could not start, as lines for the terminal: the message, then each error of a refused
 * definition or calendar file at its `file:line:col`, so the operator knows what to fix.
 */
export function startFailureLines(error: unknown): string[] {
  const lines = [error instanceof Error ? error.message : String(error)];
  if (error instanceof DefinitionInvalidError || error instanceof CalendarInvalidError) {
    lines.push(...error.errors.map((e) => `  ${formatCompileError(e)}`));
  }
  return lines;
}
