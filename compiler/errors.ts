import type { Locator } from './locate';
import { type Path, toPointer } from './path';

/** Stable error codes: tools, tests and the API match on these, never on messages. */
export const CompileErrorCode = {
  yamlSyntax: 'yaml-syntax',
  unsupportedValue: 'unsupported-value',
  unstorableText: 'unstorable-text',
  schemaRequired: 'schema-required',
  schemaType: 'schema-type',
  schemaUnknownProperty: 'schema-unknown-property',
  schemaPattern: 'schema-pattern',
  schemaMinimum: 'schema-minimum',
  schemaMaximum: 'schema-maximum',
  schemaEnum: 'schema-enum',
  schemaMinItems: 'schema-min-items',
  schemaMinLength: 'schema-min-length',
  schemaUniqueItems: 'schema-unique-items',
  schemaInvalid: 'schema-invalid',
  duplicateStepId: 'duplicate-step-id',
  unknownAfter: 'unknown-after',
  dependencyCycle: 'dependency-cycle',
  unknownDepartment: 'unknown-department',
  invalidDue: 'invalid-due',
  unknownCalendar: 'unknown-calendar',
  invalidInputSchema: 'invalid-input-schema',
  invalidFormSchema: 'invalid-form-schema',
  invalidTemplate: 'invalid-template',
  invalidExpression: 'invalid-expression',
  invalidDuration: 'invalid-duration',
  invalidUrl: 'invalid-url',
  invalidWait: 'invalid-wait',
  noRecipients: 'no-recipients',
  asWithoutForEach: 'as-without-for-each',
  invalidItemName: 'invalid-item-name',
  unknownReference: 'unknown-reference',
  unknownField: 'unknown-field',
  stepNotBefore: 'step-not-before',
  invalidReopen: 'invalid-reopen',
  unknownImport: 'unknown-import',
  invalidDataFile: 'invalid-data-file',
  duplicateData: 'duplicate-data',
  invalidEscalation: 'invalid-escalation',
  forEachTooLarge: 'for-each-too-large',
} as const;
export type CompileErrorCode = (typeof CompileErrorCode)[keyof typeof CompileErrorCode];

export interface CompileError {
  readonly code: CompileErrorCode;
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

/** Where in the YAML a finding points: the value at its path, the key naming it, or a character inside a string. */
export type Anchor = 'value' | 'key' | { readonly offset: number };

/**
 * What a stage reports before positions are resolved: stages speak in document paths and stay
 * ignorant of YAML; `index.ts` turns findings into `CompileError`s.
 */
export interface Finding {
  readonly code: CompileErrorCode;
  readonly message: string;
  readonly hint: string;
  readonly path: Path;
  readonly anchor?: Anchor;
}

/**
 * `file:line:col  code  message  (hint)`: the form editors and terminals link back to the YAML.
 * Calendar files' errors carry the same fields and print the same way.
 */
export function formatCompileError(
  error: Pick<CompileError, 'file' | 'line' | 'column' | 'message' | 'hint'> & { readonly code: string },
): string {
  return `${error.file}:${error.line}:${error.column}  ${error.code}  ${error.message}  (${error.hint})`;
}

export function toCompileError(finding: Finding, file: string, locator: Locator): CompileError {
  const { line, column } = locator.locate(finding.path, finding.anchor);
  const { code, message, hint } = finding;
  return { code, message, file, line, column, path: toPointer(finding.path), hint };
}
