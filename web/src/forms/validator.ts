import { type Schema, Validator } from '@cfworker/json-schema';
import {
  type CustomValidator,
  createErrorHandler,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  toErrorSchema,
  type UiSchema,
  unwrapErrorHandler,
  type ValidationData,
  type ValidatorType,
  validationDataMerge,
} from '@rjsf/utils';

/**
 * rjsf's validator, on an interpreting JSON Schema validator. `@rjsf/validator-ajv8` compiles
 * each schema to a function with `new Function`, which the app's Content-Security-Policy
 * (`script-src 'self'`, no `'unsafe-eval'`) forbids; @cfworker/json-schema interprets the schema
 * instead. The forms use it for what rjsf decides from the data (if/then, oneOf, anyOf); the
 * API checks what is submitted and its messages are shown on the fields.
 */
type FormData = Record<string, unknown>;

const validators = new WeakMap<object, Validator>();

function validatorFor(schema: RJSFSchema, rootSchema: RJSFSchema = schema): Validator {
  const cached = validators.get(schema);
  if (cached) return cached;
  // References point into the root schema (`#/definitions/x`): give the sub-schema its definitions.
  const withDefinitions = { definitions: rootSchema.definitions, $defs: rootSchema.$defs, ...schema } as Schema;
  const validator = new Validator(withDefinitions, '7', false);
  validators.set(schema, validator);
  return validator;
}

/** Keywords whose failure only says that one of their sub-schemas failed, reported on its own. */
const CONTAINERS = new Set([
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'if',
  'then',
  'else',
  '$ref',
  'additionalProperties',
]);

function errorsOf(schema: RJSFSchema, formData: unknown): RJSFValidationError[] {
  const result = validatorFor(schema).validate(formData);
  if (result.valid) return [];
  return result.errors
    .filter((error) => !CONTAINERS.has(error.keyword))
    .map((error) => {
      const segments = error.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
      const property = segments.map((segment) => `.${segment}`).join('');
      return {
        name: error.keyword,
        property,
        message: error.error,
        params: {},
        schemaPath: error.keywordLocation,
        stack: `${property || '.'} ${error.error}`.trim(),
      };
    });
}

export const validator: ValidatorType<FormData, RJSFSchema> = {
  validateFormData(
    formData: FormData | undefined,
    schema: RJSFSchema,
    customValidate?: CustomValidator<FormData, RJSFSchema>,
    transformErrors?: ErrorTransformer<FormData, RJSFSchema>,
    uiSchema?: UiSchema<FormData, RJSFSchema>,
  ): ValidationData<FormData> {
    let errors = errorsOf(schema, formData);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const validation: ValidationData<FormData> = { errors, errorSchema: toErrorSchema<FormData>(errors) };
    if (!customValidate) return validation;
    const data = formData ?? {};
    const custom = unwrapErrorHandler<FormData>(customValidate(data, createErrorHandler<FormData>(data), uiSchema));
    return validationDataMerge(validation, custom);
  },

  isValid(schema: RJSFSchema, formData: FormData | undefined, rootSchema: RJSFSchema): boolean {
    try {
      return validatorFor(schema, rootSchema).validate(formData).valid;
    } catch {
      // rjsf's contract: a schema that cannot be used validates nothing.
      return false;
    }
  },

  rawValidation<Result = unknown>(schema: RJSFSchema, formData?: FormData | undefined) {
    try {
      return { errors: errorsOf(schema, formData) as Result[] };
    } catch (error) {
      return { validationError: error instanceof Error ? error : new Error(String(error)) };
    }
  },
};
