import type { CompileError } from '../errors/compile-error';
import type { Locator } from './locate';
import { type Path, toPointer } from './path';

/** A YAML file's codes before its schema: the process files' and the calendar files'. */
export const ReadErrorCode = {
  yamlSyntax: 'yaml-syntax',
  unsupportedValue: 'unsupported-value',
} as const;

/** What a file's JSON Schema refused (`schemaFindings`), for process and calendar files alike. */
export const SchemaErrorCode = {
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
} as const;
export type SchemaErrorCode = (typeof SchemaErrorCode)[keyof typeof SchemaErrorCode];

/** Stable error codes: tools, tests and the API match on these, never on messages. */
export const CompileErrorCode = {
  ...ReadErrorCode,
  unstorableText: 'unstorable-text',
  ...SchemaErrorCode,
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
  intakeWithoutCatalogue: 'intake-without-catalogue',
} as const;
export type CompileErrorCode = (typeof CompileErrorCode)[keyof typeof CompileErrorCode];

/** Where in the YAML a finding points: the value at its path, the key naming it, or a character inside a string. */
export type Anchor = 'value' | 'key' | { readonly offset: number };

/**
 * What a stage reports before positions are resolved: stages speak in document paths and stay
 * ignorant of YAML; `index.ts` turns findings into `CompileError`s.
 */
export interface Finding<Code extends string = CompileErrorCode> {
  readonly code: Code;
  readonly message: string;
  readonly hint: string;
  readonly path: Path;
  readonly anchor?: Anchor;
}

export function toCompileError<Code extends string>(
  finding: Finding<Code>,
  file: string,
  locator: Locator,
): CompileError<Code> {
  const { line, column } = locator.locate(finding.path, finding.anchor);
  const { code, message, hint } = finding;
  return { code, message, file, line, column, path: toPointer(finding.path), hint };
}
