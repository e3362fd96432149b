import type { ErrorObject } from 'ajv';
import processSchema from '../language/process.schema.json';
import type { JsonValue } from '../plan/types';
import { validatorFor } from '../validation/ajv';
import type { ProcessFile } from './document';
import { CompileErrorCode, type Finding } from './errors';
import { describeKind, isRecord } from './narrow';
import { describePath, fromPointer } from './path';
import { closest, didYouMean } from './suggest';

const validateProcessFile = validatorFor<ProcessFile>(processSchema);

export type LanguageCheck =
  | { readonly ok: true; readonly file: ProcessFile }
  | { readonly ok: false; readonly findings: readonly Finding[] };

/** Checks the document against the language schema; when it passes, the document is a `ProcessFile`. */
export function checkLanguage(value: JsonValue): LanguageCheck {
  if (validateProcessFile(value)) return { ok: true, file: value };
  return { ok: false, findings: toFindings(validateProcessFile.errors ?? []) };
}

/**
 * One finding per problem. Steps pick their fields by `type` with `if`/`then`: the `if` that
 * matched reports the `then`'s errors a second time, as "must match then". A value of the wrong
 * type can fail two branches of one field (`onReject`): its first type error says it.
 */
function toFindings(errors: readonly ErrorObject[]): Finding[] {
  const typeRefused = new Set<string>();
  return errors.flatMap((error) => {
    if (error.keyword === 'if') return [];
    if (error.keyword === 'type') {
      if (typeRefused.has(error.instancePath)) return [];
      typeRefused.add(error.instancePath);
    }
    return [toFinding(error)];
  });
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

/** `a number or text` for ajv's `number,string`. */
function typeNames(type: unknown): string {
  return String(type)
    .split(',')
    .map((name) => TYPE_NAMES[name] ?? name)
    .join(' or ');
}

function toFinding(error: ErrorObject): Finding {
  const path = fromPointer(error.instancePath);
  const field = describePath(path);
  const { params, data, parentSchema } = error;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const about = propertyHint(propertySchema(parentSchema, missing));
      const hint = `add ${missing}:${about === '' ? '' : ` ${about}`}`;
      return { code: CompileErrorCode.schemaRequired, message: `${field} has no "${missing}"`, hint, path };
    }
    case 'additionalProperties': {
      const unknown = String(params.additionalProperty);
      const allowed = isRecord(parentSchema?.properties) ? Object.keys(parentSchema.properties) : [];
      return {
        code: CompileErrorCode.schemaUnknownProperty,
        message: `unknown property "${unknown}"`,
        hint: didYouMean(unknown, allowed, 'allowed properties'),
        path: [...path, unknown],
        anchor: 'key',
      };
    }
    case 'type': {
      const expected = typeNames(params.type);
      const message = `${field} must be ${expected}, but is ${describeKind(data)}`;
      const quote = params.type === 'string' && (typeof data === 'number' || typeof data === 'boolean');
      const hint = quote ? `put it in quotes: "${String(data)}"` : propertyHint(parentSchema);
      return { code: CompileErrorCode.schemaType, message, hint, path };
    }
    case 'pattern':
      return {
        code: CompileErrorCode.schemaPattern,
        message: `${field} "${String(data)}" is not in the expected form`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'minLength':
      return {
        code: CompileErrorCode.schemaMinLength,
        message: `${field} is empty`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'minItems':
      return {
        code: CompileErrorCode.schemaMinItems,
        message: `${field} must list at least ${String(params.limit)}`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'minimum':
      return {
        code: CompileErrorCode.schemaMinimum,
        message: `${field} must be ${String(params.comparison)} ${String(params.limit)}, but is ${String(data)}`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'maximum':
      return {
        code: CompileErrorCode.schemaMaximum,
        message: `${field} must be ${String(params.comparison)} ${String(params.limit)}, but is ${String(data)}`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'enum': {
      const allowed: unknown[] = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const choices = allowed.map(String);
      return {
        code: CompileErrorCode.schemaEnum,
        message: `${field} ${JSON.stringify(data)} is not one of: ${choices.join(', ')}`,
        hint: enumHint(data, choices, parentSchema, field),
        path,
      };
    }
    case 'uniqueItems': {
      // Point at the repeat, whichever of the two indexes ajv happens to name first.
      const repeat = Math.max(Number(params.i), Number(params.j));
      const item: unknown = Array.isArray(data) ? data[repeat] : undefined;
      return {
        code: CompileErrorCode.schemaUniqueItems,
        message: `${field} lists ${JSON.stringify(item)} more than once`,
        hint: 'remove the repeated entry',
        path: [...path, repeat],
      };
    }
    default:
      return {
        code: CompileErrorCode.schemaInvalid,
        message: `${field} ${error.message ?? 'is invalid'}`,
        hint: 'see language/process.schema.json',
        path,
      };
  }
}

/** The value meant, if one is close; else what the schema says of the field; else the choices. */
function enumHint(data: unknown, choices: readonly string[], schema: unknown, field: string): string {
  const meant = typeof data === 'string' ? closest(data, choices) : undefined;
  if (meant !== undefined) return `did you mean "${meant}"?`;
  return propertyHint(schema) || `${field} can be: ${choices.join(', ')}`;
}

function propertySchema(schema: unknown, property: string): unknown {
  const found = isRecord(schema) && isRecord(schema.properties) ? schema.properties[property] : undefined;
  return resolveReference(found);
}

/** The definition a `{ "$ref": "#/definitions/name" }` of the language schema points to. */
function resolveReference(schema: unknown): unknown {
  if (!isRecord(schema) || typeof schema.$ref !== 'string') return schema;
  const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
  const definitions: unknown = processSchema.definitions;
  return name !== undefined && isRecord(definitions) ? definitions[name] : undefined;
}

/** The schema's own description and first example: written to double as hints. */
function propertyHint(schema: unknown): string {
  if (!isRecord(schema)) return '';
  const description = typeof schema.description === 'string' ? schema.description : '';
  const example: unknown = Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  return typeof example === 'string' || typeof example === 'number'
    ? `${description} Example: ${example}`
    : description;
}
