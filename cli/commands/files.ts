import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage-error';

/** The department registry lives beside the processes but is not one. */
export const REGISTRY_FILE = 'departments.yaml';

export interface ProcessSource {
  /** As the user named it (or `<folder>/<name>`): how errors point at it. */
  readonly file: string;
  readonly absolutePath: string;
  readonly source: string;
}

/**
 * Reads the process files named on the command line; a folder stands for its `*.yaml` files.
 * The department registry is not a process and is left out (`definitions/*.yaml` names it), as
 * `npm start` does. Every unreadable argument is reported at once, as one usage error.
 */
export function readProcessSources(command: string, args: readonly string[], cwd: string): ProcessSource[] {
  if (args.length === 0) {
    throw new UsageError(
      `${command}: no files given`,
      `name the process YAML files, e.g. \`baton ${command} definitions/*.yaml\``,
    );
  }
  const sources: ProcessSource[] = [];
  const problems: string[] = [];
  const add = (file: string, absolutePath: string) => {
    try {
      sources.push({ file, absolutePath, source: fs.readFileSync(absolutePath, 'utf8') });
    } catch (error) {
      problems.push(`cannot read ${file}: ${describeFsError(error)}`);
    }
  };
  for (const arg of args) {
    const absolutePath = path.resolve(cwd, arg);
    if (!isDirectory(absolutePath)) {
      if (path.basename(arg) !== REGISTRY_FILE) add(arg, absolutePath);
      continue;
    }
    let names: string[];
    try {
      names = fs.readdirSync(absolutePath).filter(isProcessFileName).sort();
    } catch (error) {
      problems.push(`cannot read the folder ${arg}: ${describeFsError(error)}`);
      continue;
    }
    if (names.length === 0) problems.push(`${arg} is a folder without process files (*.yaml)`);
    for (const name of names) add(path.join(arg, name), path.join(absolutePath, name));
  }
  if (problems.length > 0) {
    throw new UsageError(problems.join('\n  '), `check the paths (relative to ${cwd}) and that the files are readable`);
  }
  if (sources.length === 0) {
    throw new UsageError(
      `${command}: no process files among ${args.join(' ')}`,
      `${REGISTRY_FILE} is the department registry, not a process`,
    );
  }
  return sources;
}

function isProcessFileName(name: string): boolean {
  return (name.endsWith('.yaml') || name.endsWith('.yml')) && name !== REGISTRY_FILE;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
