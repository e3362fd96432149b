import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileProcess, formatCompileError } from '../../compiler';
import { dataFileReader } from '../../compiler/data-files';
import { isRecord } from '../../compiler/narrow';

const DEFINITIONS = path.resolve(__dirname, '../../definitions');
const REGISTRY = 'departments.yaml';

const processFiles = fs.existsSync(DEFINITIONS)
  ? fs
      .readdirSync(DEFINITIONS)
      .filter((name) => name.endsWith('.yaml') && name !== REGISTRY)
      .sort()
  : [];

/** Ids from `departments: [{ id, name }]`, as the engine reads them. */
function departmentIds(): string[] {
  const registry: unknown = parse(fs.readFileSync(path.join(DEFINITIONS, REGISTRY), 'utf8'));
  const departments: unknown[] = isRecord(registry) && Array.isArray(registry.departments) ? registry.departments : [];
  return departments.flatMap((department) =>
    isRecord(department) && typeof department.id === 'string' ? [department.id] : [],
  );
}

describe('the shipped definitions', () => {
  // Skipped, not passed, while definitions/ holds no process yet.
  it.skipIf(processFiles.length === 0)(`compile without errors (${processFiles.join(', ')})`, () => {
    const departments = departmentIds();
    // As the engine deploys them: imports read from definitions/data.
    const readDataFile = dataFileReader(path.join(DEFINITIONS, 'data'));
    const errors = processFiles.flatMap((name) => {
      const result = compileProcess(fs.readFileSync(path.join(DEFINITIONS, name), 'utf8'), {
        file: `definitions/${name}`,
        departments,
        readDataFile,
      });
      return result.ok ? [] : result.errors.map(formatCompileError);
    });
    expect(errors).toEqual([]);
  });
});
