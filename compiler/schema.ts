import processSchema from '../language/process.schema.json';
import type { JsonValue } from '../plan/types';
import { validatorFor } from '../validation/ajv';
import type { ProcessFile } from './document';
import type { Finding } from './errors';
import { describePath } from './path';
import { type SchemaDocument, schemaFindings } from './schema-findings';

const validateProcessFile = validatorFor<ProcessFile>(processSchema);

const PROCESS_FILE: SchemaDocument = {
  schema: processSchema,
  schemaFile: 'language/process.schema.json',
  describePath,
  allowedPropertiesLabel: 'allowed properties',
};

export type LanguageCheck =
  | { readonly ok: true; readonly file: ProcessFile }
  | { readonly ok: false; readonly findings: readonly Finding[] };

/** Checks the document against the language schema; when it passes, the document is a `ProcessFile`. */
export function checkLanguage(value: JsonValue): LanguageCheck {
  if (validateProcessFile(value)) return { ok: true, file: value };
  return { ok: false, findings: schemaFindings(validateProcessFile.errors ?? [], PROCESS_FILE) };
}
