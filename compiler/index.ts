import type { CompileError } from '../errors/compile-error';
import type { CompiledCalendar, CompiledProcess } from '../plan/types';
import { checkProcess } from './checks';
import { buildPlan } from './compile';
import { readDraft } from './document';
import { type CompileErrorCode, toCompileError } from './errors';
import { type DataFileReader, resolveData } from './imports';
import type { Position } from './locate';
import { parseSource } from './parse';
import { checkLanguage } from './schema';

export interface CompileOptions {
  /** Shown in every error, as the owner knows the file (e.g. `definitions/onboarding.yaml`). */
  readonly file: string;
  /** Ids of the departments steps and owners may name. */
  readonly departments: readonly string[];
  /**
   * Reads the data files `imports:` names (see `dataFileReader` in `compiler/data-files.ts`).
   * Without it, a process with imports does not compile: the compiler does no I/O of its own.
   */
  readonly readDataFile?: DataFileReader;
  /**
   * The calendars `calendar:` may name, by id, compiled for the years instances will run in
   * (see `readCalendarFolder` in `calendars/calendar-folder.ts`). Without it, a process naming a
   * calendar does not compile.
   */
  readonly calendars?: { readonly [id: string]: CompiledCalendar };
}

export type CompileResult =
  | { readonly ok: true; readonly plan: CompiledProcess }
  | { readonly ok: false; readonly errors: readonly CompileError<CompileErrorCode>[] };

/**
 * YAML process source to plan. Reports every error it can find in one go, in source order, so an
 * owner fixes a file in one pass; only YAML syntax errors of the process file stop it early.
 */
export function compileProcess(source: string, options: CompileOptions): CompileResult {
  const parsed = parseSource(source, options.file);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { value, locator } = parsed;
  const calendars = options.calendars ?? {};
  const language = checkLanguage(value);
  const draft = readDraft(value);
  const imported = resolveData(draft, options.readDataFile);
  const findings = [
    ...(language.ok ? [] : language.findings),
    ...imported.findings,
    ...checkProcess(draft, {
      departments: options.departments,
      calendars: Object.keys(calendars),
      locator,
      dataTables: imported.complete ? Object.keys(imported.data) : undefined,
    }),
  ];
  if (!language.ok || findings.length > 0 || imported.errors.length > 0) {
    const errors: { readonly error: CompileError<CompileErrorCode>; readonly at: Position }[] = [
      ...findings.map((finding) => {
        const error = toCompileError(finding, options.file, locator);
        return { error, at: error };
      }),
      // A data file's errors come where the process file imports it.
      ...imported.errors.map(({ error, importedAt }) => ({ error, at: locator.locate(importedAt) })),
    ];
    errors.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
    return { ok: false, errors: errors.map(({ error }) => error) };
  }
  return {
    ok: true,
    plan: buildPlan(language.file, locator, { data: imported.data, departments: options.departments, calendars }),
  };
}

export { CompileErrorCode } from './errors';
export type { DataFile, DataFileReader } from './imports';
