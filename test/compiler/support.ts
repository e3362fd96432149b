import { type CompileError, compileProcess } from '../../compiler';
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

export function compile(source: string): ReturnType<typeof compileProcess> {
  return compileProcess(source, { file: 'process.yaml', departments: DEPARTMENTS });
}

export function compileErrors(source: string): readonly CompileError[] {
  const result = compile(source);
  if (result.ok) throw new Error('expected compile errors, got a plan');
  return result.errors;
}

export function compilePlan(source: string): CompiledProcess {
  const result = compile(source);
  if (!result.ok) throw new Error(`expected a plan, got:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.plan;
}

/** The fields a scenario pins down; message wording may evolve, codes and positions may not. */
export function where(error: CompileError): Pick<CompileError, 'code' | 'line' | 'column' | 'path'> {
  return { code: error.code, line: error.line, column: error.column, path: error.path };
}
