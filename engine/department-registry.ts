import fs from 'node:fs';
import { parse } from 'yaml';
import { ValidationError } from '../errors';
import { validatorFor } from '../validation/ajv';
import { fieldErrors } from '../validation/field-errors';
import type { FromSchema } from '../validation/from-schema';

// Apart from engine/departments.ts: the command line reads the registry without loading TypeORM.
const registrySchema = {
  type: 'object',
  required: ['departments'],
  additionalProperties: false,
  properties: {
    departments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        additionalProperties: false,
        properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, name: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const;

type DepartmentRegistry = FromSchema<typeof registrySchema>;

const validateRegistry = validatorFor<DepartmentRegistry>(registrySchema);

/**
 * The departments of a registry file (`definitions/departments.yaml`). Read errors and YAML
 * syntax errors are thrown as they come; a document of the wrong shape is a `ValidationError`.
 */
export function readDepartmentRegistry(file: string): DepartmentRegistry['departments'] {
  const document: unknown = parse(fs.readFileSync(file, 'utf8'));
  if (!validateRegistry(document)) {
    throw new ValidationError(`${file} is not a department registry`, fieldErrors(validateRegistry.errors ?? []));
  }
  return document.departments;
}
