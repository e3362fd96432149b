import type { CompiledProcess } from '../plan/types';
import { checkProcess } from './checks';
import { buildPlan } from './compile';
import { readDraft } from './document';
import { type CompileError, toCompileError } from './errors';
import { parseSource } from './parse';
import { checkLanguage } from './schema';

export interface CompileOptions {
  /** Shown in every error, as the owner knows the file (e.g. `definitions/onboarding.yaml`). */
  readonly file: string;
  /** Ids of the departments tasks and owners may name. */
  readonly departments: readonly string[];
}

export type CompileResult =
  | { readonly ok: true; readonly plan: CompiledProcess }
  | { readonly ok: false; readonly errors: readonly CompileError[] };

/**
 * YAML process source to plan. Reports every error it can find in one go, in source order, so an
 * owner fixes a file in one pass; only YAML syntax errors stop it early.
 */
export function compileProcess(source: string, options: CompileOptions): CompileResult {
  const parsed = parseSource(source, options.file);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { value, locator } = parsed;
  const language = checkLanguage(value);
  const findings = [
    ...(language.ok ? [] : language.findings),
    ...checkProcess(readDraft(value), { departments: options.departments, locator }),
  ];
  if (!language.ok || findings.length > 0) {
    const errors = findings.map((finding) => toCompileError(finding, options.file, locator));
    return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  return { ok: true, plan: buildPlan(language.file, locator) };
}

export type { CompileError } from './errors';
export { CompileErrorCode, formatCompileError } from './errors';
