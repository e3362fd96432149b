import { CalendarErrorCode } from '../../calendars/calendar-file';
import { CompileErrorCode } from '../../compiler';
import { type CompileError, formatCompileError } from '../../errors';
import { ContractBreachError } from './contract-breach-error';
import type { Io } from './io';
import { ProblemError } from './problem-error';
import { ServerUnreachableError } from './server-unreachable-error';
import { UsageError } from './usage-error';

/** Exit codes: 0 done, 1 the work failed (invalid YAML, a refused request, no server), 2 the command line is wrong. */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Prints a failure the way the user can act on it and returns the exit code; unexpected errors are rethrown. */
export function reportFailure(error: unknown, io: Io): ExitCode {
  if (error instanceof UsageError) {
    io.err(`baton: ${error.message}`);
    io.err(`  ${error.hint}`);
    return ExitCode.usage;
  }
  if (error instanceof ServerUnreachableError) {
    io.err(`baton: ${error.message}`);
    io.err('  start Baton with `npm start`, or set BATON_URL (or --server) to the address of a running server');
    return ExitCode.failed;
  }
  if (error instanceof ProblemError) {
    for (const line of problemLines(error)) io.err(line);
    return ExitCode.failed;
  }
  if (error instanceof ContractBreachError) {
    io.err(`baton: ${error.message}:`);
    for (const difference of error.differences.slice(0, 10)) io.err(`  ${difference}`);
    io.err("  use the `baton` of the server's version (its contract: GET /openapi.json)");
    return ExitCode.failed;
  }
  throw error;
}

/** `error <status> <code>: <detail>`, the hint, then one line per field or compile error of a 422. */
export function problemLines(problem: ProblemError, file?: string): string[] {
  const lines = [`error ${problem.status} ${problem.code}: ${problem.detail}`];
  if (problem.hint) lines.push(`  hint: ${problem.hint}`);
  // A calendar file's errors name the server's file, not the one sent.
  const sent = problem.code === 'calendar-invalid' ? undefined : file;
  for (const entry of problem.errors) {
    const line = errorEntryLine(entry, sent);
    // Field errors are often spelt out in the detail already: say each thing once.
    if (!problem.detail.includes(line)) lines.push(`  ${line}`);
  }
  return lines;
}

/** A compile error in compiler style (`file:line:col  code  message  (hint)`), a field error as `/field message`. */
function errorEntryLine(entry: unknown, file?: string): string {
  if (isPositionedError(entry)) return formatCompileError(file === undefined ? entry : { ...entry, file });
  if (typeof entry === 'object' && entry !== null && 'field' in entry && 'message' in entry) {
    return `${String(entry.field) || '(the whole value)'} ${String(entry.message)}`;
  }
  return JSON.stringify(entry);
}

/** Codes of the compiler and of calendar files: both print as `file:line:col  code  message  (hint)`. */
const COMPILE_ERROR_CODES: readonly string[] = [
  ...Object.values(CompileErrorCode),
  ...Object.values(CalendarErrorCode),
];

/** A compiler error or a calendar file's, as a problem's `errors` carry it. */
export function isPositionedError(value: unknown): value is CompileError {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.code === 'string' &&
    COMPILE_ERROR_CODES.includes(entry.code) &&
    typeof entry.message === 'string' &&
    typeof entry.file === 'string' &&
    typeof entry.line === 'number' &&
    typeof entry.column === 'number' &&
    typeof entry.path === 'string' &&
    typeof entry.hint === 'string'
  );
}
