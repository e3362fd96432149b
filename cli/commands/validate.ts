import path from 'node:path';
import { parseArgs } from 'node:util';
import { type CalendarFolder, deployYears, readCalendarFolder } from '../../calendars/calendar-folder';
import { compileProcess } from '../../compiler';
import { dataFileReader } from '../../compiler/data-files';
import { type CompileError, formatCompileError } from '../../errors';
import { parseCommandLine } from './args';
import type { Command } from './command';
import { readDepartmentIds } from './departments';
import { REGISTRY_FILE, readProcessSources } from './files';
import type { Io } from './io';
import { ExitCode } from './report';
import { definitionsDir } from './settings';

interface FileResult {
  readonly file: string;
  readonly key?: string;
  readonly steps?: number;
  readonly errors: readonly CompileError[];
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check process files offline and print every error with file:line:col',
  help: `Usage: baton validate <file|folder>... [--departments <file>] [--json]

Compiles each process YAML file (a folder: its *.yaml files) as the server would, without a
server, and prints every error of every file as \`file:line:col  code  message  (hint)\`.
The data files a process imports are read from the \`data/\` folder beside it, the calendars it
names from the \`calendars/\` folder beside it; a calendar file that does not read is reported too.

  --departments <file>    the department registry tasks and owners may name
                          (default: $BATON_DEFINITIONS_DIR/${REGISTRY_FILE}, else definitions/${REGISTRY_FILE})
  --json                  print {valid, errors, files: [{file, valid, key, steps, errors}]}

Exit code: 0 every file is valid, 1 some file has errors, 2 the command line or a file cannot be read.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('validate', () =>
      parseArgs({
        args: [...args],
        options: { departments: { type: 'string' }, json: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      }),
    );
    const sources = readProcessSources('validate', positionals, io.cwd);
    const registry = path.resolve(io.cwd, values.departments ?? path.join(definitionsDir(io.env), REGISTRY_FILE));
    const departments = readDepartmentIds(registry);
    // Each calendars/ folder is read once, whatever number of process files sit beside it; its
    // files are named as the process files are (`definitions/calendars/fr-business.yaml`).
    const calendarFolders = new Map<string, { readonly named: string; readonly read: CalendarFolder }>();
    const calendarsBeside = (absolutePath: string, file: string): CalendarFolder => {
      const folder = path.join(path.dirname(absolutePath), 'calendars');
      let found = calendarFolders.get(folder);
      if (found === undefined) {
        found = {
          named: path.join(path.dirname(file), 'calendars'),
          read: readCalendarFolder(folder, deployYears(new Date())),
        };
        calendarFolders.set(folder, found);
      }
      return found.read;
    };
    const results = sources.map(({ file, absolutePath, source }): FileResult => {
      // `imports:` reads the `data/` folder beside the process file, as a deploy reads it beside the
      // definitions; `calendar:` the `calendars/` folder.
      const readDataFile = dataFileReader(path.join(path.dirname(absolutePath), 'data'));
      const { calendars } = calendarsBeside(absolutePath, file);
      const compiled = compileProcess(source, { file, departments, readDataFile, calendars });
      return compiled.ok
        ? { file, key: compiled.plan.key, steps: compiled.plan.steps.length, errors: [] }
        : { file, errors: compiled.errors };
    });
    for (const { named, read } of calendarFolders.values()) results.push(...calendarFileResults(read.errors, named));
    const errorCount = results.reduce((total, result) => total + result.errors.length, 0);
    if (values.json) printJson(results, errorCount, io);
    else printText(results, errorCount, io);
    return errorCount > 0 ? ExitCode.failed : ExitCode.ok;
  },
};

/** One result per calendar file with errors, the file named within `folder` as the user named it. */
function calendarFileResults(errors: readonly CompileError[], folder: string): FileResult[] {
  const byFile = new Map<string, CompileError[]>();
  for (const error of errors) {
    const file = path.join(folder, path.basename(error.file));
    byFile.set(file, [...(byFile.get(file) ?? []), { ...error, file }]);
  }
  return [...byFile].map(([file, fileErrors]) => ({ file, errors: fileErrors }));
}

function printText(results: readonly FileResult[], errorCount: number, io: Io): void {
  for (const error of results.flatMap((result) => result.errors)) {
    io.out(formatCompileError(error));
  }
  const files = plural(results.length, 'file');
  if (errorCount === 0) {
    io.out(`✓ ${files} valid`);
  } else {
    io.out('');
    io.out(`${files}, ${plural(errorCount, 'error')}`);
  }
}

function printJson(results: readonly FileResult[], errorCount: number, io: Io): void {
  const files = results.map((result) => ({ ...result, valid: result.errors.length === 0 }));
  io.out(JSON.stringify({ valid: errorCount === 0, errors: errorCount, files }, null, 2));
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
