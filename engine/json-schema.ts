import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '../errors';
import type { JsonSchema } from '../plan/types';

/** Start inputs and task outputs, checked against the schemas of deployed definitions. */
// addUsedSchema: false: two definitions may give their forms the same `$id` without clashing.
const ajv = new Ajv({ allErrors: true, strict: false, addUsedSchema: false });
addFormats(ajv);

// A definition's schemas never change once deployed, so a compiled validator is reusable forever.
const validators = new Map<string, ValidateFunction>();

export function validateAgainst(schema: JsonSchema, value: unknown): FieldError[] {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map(toFieldError);
}

function toFieldError(error: ErrorObject): FieldError {
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: unknown }).missingProperty ?? '');
    return { field: `${error.instancePath}/${missing}`, message: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty ?? '');
    return { field: `${error.instancePath}/${extra}`, message: 'is not an allowed field' };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return { field: error.instancePath, message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { field: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
}
