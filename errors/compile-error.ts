/**
 * An error in a file an owner writes (a process, a data file it imports, a calendar), at the place
 * to fix: the compiler and the calendar files report these, each with its own stable codes.
 */
export interface CompileError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** JSON pointer into the document, e.g. `/tasks/2/after/0`. */
  readonly path: string;
  readonly hint: string;
}

/** `file:line:col  code  message  (hint)`: the form editors and terminals link back to the YAML. */
export function formatCompileError(error: CompileError): string {
  return `${error.file}:${error.line}:${error.column}  ${error.code}  ${error.message}  (${error.hint})`;
}
