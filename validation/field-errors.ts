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
  return withoutAlternatives(errors).map(fieldError);
}

/**
 * A value that fits none of an `anyOf`'s alternatives (a nullable string given 5) gets one error
 * per alternative and one for the `anyOf`: said once instead, as the types it may be, or as the
 * alternatives' other complaints (a string too long is not told it could have been null).
 */
function withoutAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((error) => error.keyword === 'anyOf');
  if (alternatives.length === 0) return [...errors];
  const under = (error: ErrorObject, anyOf: ErrorObject) =>
    error !== anyOf && error.schemaPath.startsWith(`${anyOf.schemaPath}/`) && error.instancePath === anyOf.instancePath;
  const kept = errors.filter((error) => !alternatives.some((anyOf) => error === anyOf || under(error, anyOf)));
  const said = alternatives.flatMap((anyOf): ErrorObject[] => {
    const branches = errors.filter((error) => under(error, anyOf));
    const others = branches.filter((error) => error.keyword !== 'type');
    if (others.length > 0) return others;
    const types = branches.map((error) => String((error.params as { type?: unknown }).type));
    return [{ ...anyOf, message: `must be ${[...new Set(types)].join(' or ')}` }];
  });
  return [...kept, ...said];
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
