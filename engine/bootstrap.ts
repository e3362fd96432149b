import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { type DeployResult, deployDirectory } from './definitions';
import { seedDepartments } from './departments';

/**
 * At start-up: adds the departments of `<dir>/departments.yaml` that are missing, then
 * deploys the folder's processes (unchanged files keep their version).
 */
export async function loadDefinitions(db: DataSource, definitionsDir: string): Promise<DeployResult[]> {
  const registry = path.join(definitionsDir, 'departments.yaml');
  if (fs.existsSync(registry)) await seedDepartments(db, registry);
  return fs.existsSync(definitionsDir) ? deployDirectory(db, definitionsDir) : [];
}
