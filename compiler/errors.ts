import type { CompileError } from '../errors/compile-error';
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

export function toCompileError(finding: Finding, file: string, locator: Locator): CompileError<CompileErrorCode> {
  const { line, column } = locator.locate(finding.path, finding.anchor);
  const { code, message, hint } = finding;
  return { code, message, file, line, column, path: toPointer(finding.path), hint };
}
