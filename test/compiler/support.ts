import { type CompileOptions, compileProcess } from '../../compiler';
import type { CompileError } from '../../errors';
import type { CompiledProcess } from '../../plan/types';

export const DEPARTMENTS = ['hr', 'it', 'finance', 'logistics'];

/**
 * Inline YAML written indented inside a test: drops the first newline and the common indentation,
 * so line 1 of the file is the line after the opening backtick.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.search(/\S/)));
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** Compiles `process.yaml` against `DEPARTMENTS`; `options` adds or overrides compile options. */
export function compile(source: string, options: Partial<CompileOptions> = {}): ReturnType<typeof compileProcess> {
  return compileProcess(source, { file: 'process.yaml', departments: DEPARTMENTS, ...options });
}

export function compileErrors(source: string, options: Partial<CompileOptions> = {}): readonly CompileError[] {
  const result = compile(source, options);
  if (result.ok) throw new Error('expected compile errors, got a plan');
  return result.errors;
}

export function compilePlan(source: string, options: Partial<CompileOptions> = {}): CompiledProcess {
  const result = compile(source, options);
  if (!result.ok) throw new Error(`expected a plan, got:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.plan;
}

/** The fields a scenario pins down; message wording may evolve, codes and positions may not. */
export function where(error: CompileError): Pick<CompileError, 'code' | 'line' | 'column' | 'path'> {
  return { code: error.code, line: error.line, column: error.column, path: error.path };
}
