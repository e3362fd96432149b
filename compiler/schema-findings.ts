import type { ErrorObject } from 'ajv';
import { type Finding, SchemaErrorCode } from './errors';
import { describeKind, isRecord } from './narrow';
import { fromPointer, type Path } from './path';
import { closest, didYouMean } from './suggest';

/**
 * What an owner's YAML file (a process, a calendar) did wrong by its JSON Schema, in its own words:
 * the mapping of Ajv's errors to findings with a code, a message and a hint the schema's
 * descriptions and examples supply.
 */
export interface SchemaDocument {
  /** The schema the errors come from: `$ref`s are followed into its `definitions` for hints. */
  readonly schema: object;
  /** Named in hints when the schema says nothing of the field. */
  readonly schemaFile: string;
  /** The file's words for a path: `"due"`, `item 2 of "after"`, `the process file`. */
  readonly describePath: (path: Path) => string;
  /** How the hint of an unknown property introduces the ones allowed. */
  readonly allowedPropertiesLabel: string;
}

/**
 * One finding per problem. Steps pick their fields by `type` with `if`/`then`: the `if` that
 * matched reports the `then`'s errors a second time, as "must match then". A value of the wrong
 * type can fail two branches of one field (`onReject`): its first type error says it.
 */
export function schemaFindings(errors: readonly ErrorObject[], document: SchemaDocument): Finding<SchemaErrorCode>[] {
  const typeRefused = new Set<string>();
  return errors.flatMap((error) => {
    if (error.keyword === 'if') return [];
    if (error.keyword === 'type') {
      if (typeRefused.has(error.instancePath)) return [];
      typeRefused.add(error.instancePath);
    }
    return [toFinding(error, document)];
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

function toFinding(error: ErrorObject, document: SchemaDocument): Finding<SchemaErrorCode> {
  const path = fromPointer(error.instancePath);
  const field = document.describePath(path);
  const { params, data, parentSchema } = error;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const about = propertyHint(propertySchema(parentSchema, missing, document));
      const hint = `add ${missing}:${about === '' ? '' : ` ${about}`}`;
      return { code: SchemaErrorCode.schemaRequired, message: `${field} has no "${missing}"`, hint, path };
    }
    case 'additionalProperties': {
      const unknown = String(params.additionalProperty);
      const allowed = isRecord(parentSchema?.properties) ? Object.keys(parentSchema.properties) : [];
      return {
        code: SchemaErrorCode.schemaUnknownProperty,
        message: `unknown property "${unknown}"`,
        hint: didYouMean(unknown, allowed, document.allowedPropertiesLabel),
        path: [...path, unknown],
        anchor: 'key',
      };
    }
    case 'type': {
      const expected = typeNames(params.type);
      const message = `${field} must be ${expected}, but is ${describeKind(data)}`;
      const quote = params.type === 'string' && (typeof data === 'number' || typeof data === 'boolean');
      const hint = quote ? `put it in quotes: "${String(data)}"` : propertyHint(parentSchema);
      return { code: SchemaErrorCode.schemaType, message, hint, path };
    }
    case 'pattern':
      return {
        code: SchemaErrorCode.schemaPattern,
        message: `${field} "${String(data)}" is not in the expected form`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'minLength':
      return {
        code: SchemaErrorCode.schemaMinLength,
        message: `${field} is empty`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'minItems':
      return {
        code: SchemaErrorCode.schemaMinItems,
        message: `${field} must list at least ${String(params.limit)}`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'minimum':
      return {
        code: SchemaErrorCode.schemaMinimum,
        message: `${field} must be ${String(params.comparison)} ${String(params.limit)}, but is ${String(data)}`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'maximum':
      return {
        code: SchemaErrorCode.schemaMaximum,
        message: `${field} must be ${String(params.comparison)} ${String(params.limit)}, but is ${String(data)}`,
        hint: propertyHint(parentSchema),
        path,
      };
    case 'enum': {
      const allowed: unknown[] = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const choices = allowed.map(String);
      return {
        code: SchemaErrorCode.schemaEnum,
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
        code: SchemaErrorCode.schemaUniqueItems,
        message: `${field} lists ${JSON.stringify(item)} more than once`,
        hint: 'remove the repeated entry',
        path: [...path, repeat],
      };
    }
    default:
      return {
        code: SchemaErrorCode.schemaInvalid,
        message: `${field} ${error.message ?? 'is invalid'}`,
        hint: `see ${document.schemaFile}`,
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

function propertySchema(schema: unknown, property: string, document: SchemaDocument): unknown {
  const found = isRecord(schema) && isRecord(schema.properties) ? schema.properties[property] : undefined;
  return resolveReference(found, document);
}

/** The definition a `{ "$ref": "#/definitions/name" }` of the document's schema points to. */
function resolveReference(schema: unknown, document: SchemaDocument): unknown {
  if (!isRecord(schema) || typeof schema.$ref !== 'string') return schema;
  const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
  const definitions: unknown = 'definitions' in document.schema ? document.schema.definitions : undefined;
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
