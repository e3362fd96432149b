import type { DataSource } from 'typeorm';
import { Department, type DepartmentRow } from '../db/entities/department';
import { NotFoundError, ValidationError } from '../errors';
import { readDepartmentRegistry } from './department-registry';

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
