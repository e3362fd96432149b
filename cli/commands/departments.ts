import fs from 'node:fs';
import { parse } from 'yaml';
import { describeFsError } from './files';
import { UsageError } from './usage-error';

const REGISTRY_HINT =
  'a registry reads `departments: [{id: hr, name: Human resources}, ...]`; pass another with --departments <file>';

/**
 * The department ids of a registry file (`definitions/departments.yaml`), for validating offline.
 * engine/departments.ts reads the same file to seed the database but only through the database;
 * this reads ids alone and leaves the full check to `npm start`.
 */
export function readDepartmentIds(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the department registry ${file}: ${describeFsError(error)}`, REGISTRY_HINT);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new UsageError(`the department registry ${file} is not valid YAML: ${reason}`, REGISTRY_HINT);
  }
  const departments =
    typeof document === 'object' && document !== null ? (document as Record<string, unknown>).departments : undefined;
  if (!Array.isArray(departments)) {
    throw new UsageError(`${file} is not a department registry: it has no \`departments\` list`, REGISTRY_HINT);
  }
  return departments.map((department, index) => {
    const id =
      typeof department === 'object' && department !== null ? (department as Record<string, unknown>).id : undefined;
    if (typeof id !== 'string') {
      throw new UsageError(
        `${file} is not a department registry: departments[${index}] has no string \`id\``,
        REGISTRY_HINT,
      );
    }
    return id;
  });
}
