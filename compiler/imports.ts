import type { CompileError } from '../errors/compile-error';
import type { JsonObject } from '../plan/types';
import { type ImportEntry, isJsonObject, type ProcessDraft } from './document';
import { CompileErrorCode, type Finding, toCompileError } from './errors';
import { parseSource } from './parse';
import type { Path } from './path';
import { didYouMean } from './suggest';

/** A data file's text and the name errors show for it (e.g. `definitions/data/equipment-catalogue.yaml`). */
export interface DataFile {
  readonly file: string;
  readonly source: string;
}

/**
 * Reads the data file an `imports:` entry names, or undefined when there is none. `names`, when
 * given, lists the data files that exist, for did-you-mean hints.
 */
export type DataFileReader = ((name: string) => DataFile | undefined) & {
  readonly names?: () => readonly string[];
};

/** How an import is named: lowercase letters, digits and dashes, so a name is never a path. */
export const DATA_FILE_NAME = /^[a-z][a-z0-9-]*$/;

export interface ResolvedData {
  /** The file's own tables and those of its imports. */
  readonly data: JsonObject;
  /** False when an import could not be read: the process has tables the compiler does not know. */
  readonly complete: boolean;
  /** Problems in the process file itself. */
  readonly findings: readonly Finding[];
  /** Problems inside data files, each with the path of the import that read it, to sort by. */
  readonly errors: readonly { readonly error: CompileError<CompileErrorCode>; readonly importedAt: Path }[];
}

/** Merges the inline `data:` tables with those of every imported data file; a table has one source. */
export function resolveData(draft: ProcessDraft, read: DataFileReader | undefined): ResolvedData {
  const data: { [table: string]: JsonObject[string] } = { ...draft.data };
  /** Where each table comes from: undefined for `data:`, else the import's name. */
  const origin = new Map<string, string | undefined>(Object.keys(data).map((table) => [table, undefined]));
  const findings: Finding[] = [];
  const errors: { error: CompileError<CompileErrorCode>; importedAt: Path }[] = [];
  let complete = true;
  const seen = new Set<string>();
  for (const entry of draft.imports) {
    // Malformed names and repeats are the language schema's to report.
    if (!DATA_FILE_NAME.test(entry.name) || seen.has(entry.name)) continue;
    seen.add(entry.name);
    const loaded = loadDataFile(entry, read);
    if (!loaded.ok) {
      complete = false;
      findings.push(...loaded.findings);
      errors.push(...loaded.errors.map((error) => ({ error, importedAt: entry.path })));
      continue;
    }
    for (const [table, value] of Object.entries(loaded.tables)) {
      if (!origin.has(table)) {
        origin.set(table, entry.name);
        // Defined, not assigned: a table named `__proto__` stays a table.
        Object.defineProperty(data, table, { value, enumerable: true, writable: true, configurable: true });
        continue;
      }
      findings.push(duplicateTable(table, origin.get(table), entry));
    }
  }
  return { data, complete, findings, errors };
}

type Loaded =
  | { readonly ok: true; readonly tables: JsonObject }
  | {
      readonly ok: false;
      readonly findings: readonly Finding[];
      readonly errors: readonly CompileError<CompileErrorCode>[];
    };

function loadDataFile(entry: ImportEntry, read: DataFileReader | undefined): Loaded {
  const { name, path } = entry;
  if (read === undefined) {
    const finding = {
      code: CompileErrorCode.unknownImport,
      message: `cannot read data file "${name}": this compilation was given no data directory`,
      hint: 'compile with the data directory of the definitions (data/<name>.yaml), or move the tables under data:',
      path,
    };
    return { ok: false, findings: [finding], errors: [] };
  }
  const dataFile = read(name);
  if (dataFile === undefined) {
    const names = read.names?.() ?? [];
    const finding = {
      code: CompileErrorCode.unknownImport,
      message: `there is no data file "${name}"`,
      hint:
        names.length > 0
          ? didYouMean(name, names, 'data files')
          : `create ${name}.yaml in the data directory (a mapping of table names to tables), or fix the name`,
      path,
    };
    return { ok: false, findings: [finding], errors: [] };
  }
  const parsed = parseSource(dataFile.source, dataFile.file);
  if (!parsed.ok) return { ok: false, findings: [], errors: parsed.errors };
  if (!isJsonObject(parsed.value)) {
    const finding = {
      code: CompileErrorCode.invalidDataFile,
      message: `data file "${name}" must be a mapping of table names to tables`,
      hint: 'write each table as a top-level key, e.g. "equipmentByRole:" followed by its content',
      path: [],
    };
    return { ok: false, findings: [], errors: [toCompileError(finding, dataFile.file, parsed.locator)] };
  }
  return { ok: true, tables: parsed.value };
}

function duplicateTable(table: string, first: string | undefined, entry: ImportEntry): Finding {
  if (first === undefined) {
    return {
      code: CompileErrorCode.duplicateData,
      message: `data table "${table}" is defined here and by the data file "${entry.name}"`,
      hint: `a table has one source: rename or remove "${table}" here or in ${entry.name}.yaml`,
      path: ['data', table],
      anchor: 'key',
    };
  }
  return {
    code: CompileErrorCode.duplicateData,
    message: `data table "${table}" is defined by both data files "${first}" and "${entry.name}"`,
    hint: `a table has one source: rename or remove "${table}" in ${first}.yaml or ${entry.name}.yaml`,
    path: entry.path,
  };
}
