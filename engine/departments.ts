import fs from 'node:fs';
import Ajv from 'ajv';
import type { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { Department, type DepartmentRow } from '../db/entities/department';
import { NotFoundError, ValidationError } from '../errors';

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

interface DepartmentRegistry {
  departments: { id: string; name: string }[];
}

const validateRegistry = new Ajv({ allErrors: true }).compile<DepartmentRegistry>(registrySchema);

/**
 * The departments of a registry file (`definitions/departments.yaml`). Read errors and YAML
 * syntax errors are thrown as they come; a document of the wrong shape is a `ValidationError`.
 */
export function readDepartmentRegistry(file: string): DepartmentRegistry['departments'] {
  const document: unknown = parse(fs.readFileSync(file, 'utf8'));
  if (!validateRegistry(document)) {
    const errors = (validateRegistry.errors ?? []).map((e) => ({ field: e.instancePath, message: e.message ?? '' }));
    throw new ValidationError(`${file} is not a department registry`, errors);
  }
  return document.departments;
}

/** Adds the departments of `definitions/departments.yaml` that are missing; never overwrites API edits. */
export async function seedDepartments(db: DataSource, file: string): Promise<void> {
  const departments = readDepartmentRegistry(file);
  await db.createQueryBuilder().insert().into(Department).values(departments).orIgnore().execute();
}

export async function listDepartments(db: DataSource): Promise<DepartmentRow[]> {
  return db.getRepository(Department).find({ order: { id: 'ASC' } });
}

export async function listDepartmentIds(db: DataSource): Promise<string[]> {
  return (await listDepartments(db)).map((department) => department.id);
}

export async function putDepartment(
  db: DataSource,
  id: string,
  name: string,
): Promise<{ department: DepartmentRow; created: boolean }> {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) {
    throw new ValidationError('invalid department', [
      { field: '/id', message: 'must be lowercase letters, digits and dashes, starting with a letter' },
    ]);
  }
  const repository = db.getRepository(Department);
  const existing = await repository.findOneBy({ id });
  await repository.upsert({ id, name }, ['id']);
  const department = await repository.findOneBy({ id });
  if (!department) throw new NotFoundError(`department ${id} vanished while being saved`);
  return { department, created: existing === null };
}
