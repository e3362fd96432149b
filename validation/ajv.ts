import Ajv, { type AnySchema, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The Ajv instance every value is checked with: Baton's own schemas (the process language,
 * calendar files, the department registry, API request bodies) and the schemas owners wrote into
 * deployed definitions (start forms, task forms).
 * - allErrors: every problem in one answer, so an owner or a client fixes them in one pass.
 * - verbose: errors carry the failing data and its schema, which the compiler's and the calendar
 *   files' messages and hints quote.
 * - strict off: owners' schemas are checked strictly when their definition compiles
 *   (`createStrictAjv`); a definition deployed before a check existed must still run.
 * - addUsedSchema off: two definitions may give their forms the same `$id` without clashing.
 * - ajv-formats: owners' forms use `date`, `date-time`, `email`...
 */
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, addUsedSchema: false });
addFormats(ajv);

/** By schema text: compiling is the expensive part of Ajv, and a deployed definition's schemas never change. */
const validators = new Map<string, ValidateFunction>();

/** The schema's validator, compiled on first use and kept for the life of the process. */
export function validatorFor<T>(schema: AnySchema): ValidateFunction<T> {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate as ValidateFunction<T>;
}

/**
 * The one other configuration, for the compiler's check of the schemas owners write: strict, so
 * that a typo in a form (an unknown keyword or format, a required field it does not describe)
 * fails the deploy rather than letting every answer through at run time. With `validateSchema`
 * it checks schemas against the draft-07 meta-schema; without, it compiles them, one instance
 * per compilation so that `$id`s in one file never clash with another's.
 */
export function createStrictAjv(options: { readonly validateSchema: boolean }): Ajv {
  const strict = new Ajv({
    strict: true,
    allErrors: true,
    verbose: true,
    allowUnionTypes: true,
    addUsedSchema: false,
    validateSchema: options.validateSchema,
  });
  addFormats(strict);
  return strict;
}

/**
 * For query strings: every value arrives as text, so the declared types are coerced (`limit=20`
 * is the integer 20, `overdue=true` the boolean) before the schema's bounds are checked.
 */
const queryAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: true, addUsedSchema: false });
addFormats(queryAjv);
const queryValidators = new Map<string, ValidateFunction>();

export function queryValidatorFor(schema: AnySchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = queryValidators.get(key);
  if (validate === undefined) {
    validate = queryAjv.compile(schema);
    queryValidators.set(key, validate);
  }
  return validate;
}
