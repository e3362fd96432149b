import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { type CompileResult, compileProcess } from '../compiler';
import { dataFileReader } from '../compiler/data-files';
import { Definition, type DefinitionRow } from '../db/entities/definition';
import { DefinitionInvalidError, NotFoundError } from '../errors';
import { listDepartmentIds } from './departments';

export interface DeployResult {
  readonly key: string;
  readonly version: number;
  readonly checksum: string;
  /** false when identical YAML was already deployed: its existing version is returned. */
  readonly created: boolean;
}

/** The folder `imports:` reads from, beside the shipped definitions. */
export function dataDirectoryOf(definitionsDir: string): string {
  return path.join(definitionsDir, 'data');
}

export async function validateDefinition(
  db: DataSource,
  source: string,
  file: string,
  dataDirectory: string | null,
): Promise<CompileResult> {
  return compileProcess(source, {
    file,
    departments: await listDepartmentIds(db),
    ...(dataDirectory === null ? {} : { readDataFile: dataFileReader(dataDirectory) }),
  });
}

/** Compiles and stores a definition as the next version of its key; identical YAML is not stored twice. */
export async function deployDefinition(
  db: DataSource,
  source: string,
  options: { readonly file: string; readonly deployedBy: string | null; readonly dataDirectory: string | null },
): Promise<DeployResult> {
  const compiled = await validateDefinition(db, source, options.file, options.dataDirectory);
  if (!compiled.ok) throw new DefinitionInvalidError(compiled.errors);
  const { plan } = compiled;
  const checksum = createHash('sha256').update(source).digest('hex');
  return db.transaction(async (tx) => {
    // Two deploys of one key at once must not pick the same version number.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${plan.key}`]);
    const repository = tx.getRepository(Definition);
    const latest = await repository.findOne({ where: { key: plan.key }, order: { version: 'DESC' } });
    // Only the latest counts: redeploying an older file makes it current again, as a new version.
    if (latest?.checksum === checksum) return { key: latest.key, version: latest.version, checksum, created: false };
    const version = (latest?.version ?? 0) + 1;
    await tx.query(
      `INSERT INTO definitions (key, version, checksum, title, owner, source, plan, deployed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [plan.key, version, checksum, plan.title, plan.owner, source, JSON.stringify(plan), options.deployedBy],
    );
    return { key: plan.key, version, checksum, created: true };
  });
}

/** Deploys every `*.yaml` process of a folder (the registry `departments.yaml` aside). */
export async function deployDirectory(db: DataSource, directory: string): Promise<DeployResult[]> {
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.yaml') && name !== 'departments.yaml')
    .sort();
  const results: DeployResult[] = [];
  for (const name of files) {
    const file = path.join(directory, name);
    const source = fs.readFileSync(file, 'utf8');
    results.push(
      await deployDefinition(db, source, { file, deployedBy: 'startup', dataDirectory: dataDirectoryOf(directory) }),
    );
  }
  return results;
}

export async function listLatestDefinitions(db: DataSource): Promise<DefinitionRow[]> {
  return db
    .getRepository(Definition)
    .createQueryBuilder('d')
    .distinctOn(['d.key'])
    .orderBy('d.key', 'ASC')
    .addOrderBy('d.version', 'DESC')
    .getMany();
}

export async function listVersions(db: DataSource, key: string): Promise<DefinitionRow[]> {
  const versions = await db.getRepository(Definition).find({ where: { key }, order: { version: 'DESC' } });
  if (versions.length === 0) throw new NotFoundError(`no process is deployed under the key "${key}"`);
  return versions;
}

/** A given version, or the latest when `version` is undefined. */
export async function findDefinition(db: DataSource, key: string, version?: number): Promise<DefinitionRow> {
  const repository = db.getRepository(Definition);
  const found =
    version === undefined
      ? await repository.findOne({ where: { key }, order: { version: 'DESC' } })
      : await repository.findOneBy({ key, version });
  if (!found) {
    throw new NotFoundError(
      version === undefined
        ? `no process is deployed under the key "${key}"`
        : `process "${key}" has no version ${version}`,
    );
  }
  return found;
}
