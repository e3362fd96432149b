import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { deployYears, readCalendarFolder } from '../calendars/calendar-folder';
import type { CompileResult } from '../compiler';
import { type AuditActor, recordAudit, SYSTEM_ACTOR } from '../db/audit';
import { Definition, type DefinitionRow } from '../db/entities/definition';
import { CalendarInvalidError, DefinitionInvalidError, NotFoundError, ValidationError } from '../errors';
import type { CompiledCalendar } from '../plan/calendar';
import type { CompiledProcess } from '../plan/types';
import { ComputeLimitError, compileOffLoop } from './compute/pool';
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

/** The folder of the calendars `calendar:` names (`fr-business` is `fr-business.yaml`), beside the definitions. */
export function calendarsDirectoryOf(definitionsDir: string): string {
  return path.join(definitionsDir, 'calendars');
}

/** Where a definition's compilation reads what it refers to; null: nothing there (no imports, no calendars). */
export interface DefinitionFolders {
  readonly dataDirectory: string | null;
  readonly calendarsDirectory: string | null;
  /** The calendars of `calendarsDirectory` when a deploy of many files has already read them. */
  readonly calendars?: { readonly [id: string]: CompiledCalendar };
}

/**
 * The calendars of a folder, compiled for the year before `now` to five years on: what the plan
 * of a process deployed now carries. Throws `CalendarInvalidError` when a file does not read.
 */
export function loadCalendars(
  calendarsDirectory: string | null,
  now = new Date(),
): { readonly [id: string]: CompiledCalendar } {
  if (calendarsDirectory === null) return {};
  const folder = readCalendarFolder(calendarsDirectory, deployYears(now));
  if (folder.errors.length > 0) throw new CalendarInvalidError(folder.errors);
  return folder.calendars;
}

/** Compiles on the compute pool, off the event loop; a file that takes too long is refused (422). */
export async function validateDefinition(
  db: DataSource,
  source: string,
  file: string,
  folders: DefinitionFolders,
): Promise<CompileResult> {
  const task = {
    source,
    file,
    departments: await listDepartmentIds(db),
    calendars: folders.calendars ?? loadCalendars(folders.calendarsDirectory),
    dataDirectory: folders.dataDirectory,
  };
  try {
    return await compileOffLoop(task);
  } catch (error) {
    if (!(error instanceof ComputeLimitError)) throw error;
    throw new ValidationError(`${file} could not be compiled: ${error.message}`, [
      { field: '', message: 'split the process into smaller ones (sub-processes), or its data into smaller tables' },
    ]);
  }
}

/** Compiles and stores a definition as the next version of its key; identical YAML is not stored twice. */
export async function deployDefinition(
  db: DataSource,
  source: string,
  options: DefinitionFolders & { readonly file: string; readonly deployedBy: AuditActor },
): Promise<DeployResult> {
  const compiled = await validateDefinition(db, source, options.file, options);
  if (!compiled.ok) throw new DefinitionInvalidError(compiled.errors);
  const { plan } = compiled;
  const checksum = checksumOf(source, plan);
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
      [plan.key, version, checksum, plan.title, plan.owner, source, JSON.stringify(plan), options.deployedBy.id],
    );
    await recordAudit(tx, {
      actor: options.deployedBy,
      action: 'definition.deployed',
      subjectId: `${plan.key}@${version}`,
      before: latest ? { version: latest.version, checksum: latest.checksum } : null,
      after: { key: plan.key, version, checksum, title: plan.title, file: options.file },
    });
    return { key: plan.key, version, checksum, created: true };
  });
}

/**
 * What tells a deploy from the last one: the YAML, and the calendars its plan carries when it has
 * any, so that an edited calendar file, or holidays due for the years ahead, make a new version
 * of an unchanged process. A process without calendars keeps the checksum of its YAML alone.
 */
function checksumOf(source: string, plan: CompiledProcess): string {
  const hash = createHash('sha256').update(source);
  if (plan.calendars !== undefined) hash.update(`\n${JSON.stringify(plan.calendars)}`);
  return hash.digest('hex');
}

/**
 * Deploys every `*.yaml` process of a folder (the registry `departments.yaml` aside), with the data
 * files and calendars of its `data/` and `calendars/` folders. A calendar file that does not read
 * stops it before any deploy.
 */
export async function deployDirectory(db: DataSource, directory: string): Promise<DeployResult[]> {
  const calendarsDirectory = calendarsDirectoryOf(directory);
  // Read once, before any deploy: a calendar file that does not read stops them all.
  const folders: DefinitionFolders = {
    dataDirectory: dataDirectoryOf(directory),
    calendarsDirectory,
    calendars: loadCalendars(calendarsDirectory),
  };
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.yaml') && name !== 'departments.yaml')
    .sort();
  const results: DeployResult[] = [];
  for (const name of files) {
    const file = path.join(directory, name);
    const source = fs.readFileSync(file, 'utf8');
    results.push(await deployDefinition(db, source, { file, deployedBy: SYSTEM_ACTOR, ...folders }));
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
