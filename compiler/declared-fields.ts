import { APPROVAL_FORM } from '../plan/approval';
import type { JsonValue } from '../plan/types';
import { isJsonObject, type StepDraft } from './document';

/** Subschemas whose `properties` are fields of the same object: an input may be any of them. */
const COMBINATIONS = ['allOf', 'anyOf', 'oneOf'] as const;
const BRANCHES = ['then', 'else'] as const;

/**
 * The field names an object schema declares, when it closes the set of names expressions may read:
 * the names of its `properties`, and of those of its `allOf`/`anyOf`/`oneOf` and `then`/`else`.
 * Undefined when it declares no `properties` (a free-form object), or when names may come from
 * elsewhere (`patternProperties`, `$ref`, `dependencies`). `additionalProperties` does not open it:
 * an undeclared name an expression reads is far likelier a typo than a field nobody describes.
 */
export function declaredFields(schema: JsonValue | undefined): readonly string[] | undefined {
  const names = new Set<string>();
  return collect(schema, names) && names.size > 0 ? [...names] : undefined;
}

/** Adds the names `schema` declares; false when some names cannot be known. */
function collect(schema: JsonValue | undefined, names: Set<string>): boolean {
  if (!isJsonObject(schema)) return true;
  if (schema.$ref !== undefined || schema.patternProperties !== undefined || schema.dependencies !== undefined) {
    return false;
  }
  if (isJsonObject(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name);
  const nested: JsonValue[] = [
    ...COMBINATIONS.flatMap((keyword) => listOf(schema[keyword])),
    ...BRANCHES.map((keyword) => schema[keyword] ?? null),
  ];
  return nested.every((subschema) => collect(subschema, names));
}

function listOf(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The fields of `steps.<id>.output` a step declares: a task's `form`, an approval's decision and
 * comment. Undefined for what no schema closes (a task without a form, a call's response...).
 */
export function outputFields(step: StepDraft): readonly string[] | undefined {
  switch (step.kind) {
    case 'task':
      return declaredFields(step.fields.form);
    case 'approval':
      return declaredFields(APPROVAL_FORM);
    default:
      return undefined;
  }
}
