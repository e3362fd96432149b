import type { ErrorObject } from 'ajv';
import type { FieldError } from '../errors';
import type { JsonSchema } from '../plan/types';
import { validatorFor } from './ajv';

/** The errors of `value` against `schema`, none when it satisfies it. */
export function validateAgainst(schema: JsonSchema, value: unknown): FieldError[] {
  const validate = validatorFor(schema);
  return validate(value) ? [] : fieldErrors(validate.errors ?? []);
}

/**
 * Ajv's errors as Baton reports them to clients: the pointer of the offending field itself (a
 * missing or unknown property is named, not its parent) and a message about that field.
 */
export function fieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  return errors.map(fieldError);
}

function fieldError(error: ErrorObject): FieldError {
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
