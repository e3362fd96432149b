import fs from 'node:fs';
import { type Static, Type } from '@sinclair/typebox';
import { parse } from 'yaml';
import { ValidationError } from '../errors';
import { validatorFor } from '../validation/ajv';
import { fieldErrors } from '../validation/field-errors';

// Apart from engine/departments.ts: the command line reads the registry without loading TypeORM.
const RegistrySchema = Type.Object(
  {
    departments: Type.Array(
      Type.Object(
        { id: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), name: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

type DepartmentRegistry = Static<typeof RegistrySchema>;

const validateRegistry = validatorFor<DepartmentRegistry>(RegistrySchema);

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
