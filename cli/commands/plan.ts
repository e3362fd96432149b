import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InstancePlan } from '../../api/contract/process-schemas';
import { deployYears, readCalendarFolder } from '../../calendars/calendar-folder';
import { type CompileResult, compileProcess } from '../../compiler';
import { dataFileReader } from '../../compiler/data-files';
import { formatCompileError } from '../../errors';
import { forecastProcess, InvalidStartError, UnknownCalendarError } from '../../forecast/forecast-process';
import { formatPlan } from '../../forecast/format';
import type { CompiledProcess, JsonObject } from '../../plan/types';
import { validateAgainst } from '../../validation/field-errors';
import { ApiClient } from './api-client';
import { onePositional, parseCommandLine, SERVER_FLAGS } from './args';
import type { Command } from './command';
import { readDepartmentIds } from './departments';
import { REGISTRY_FILE, readProcessSources } from './files';
import type { Io } from './io';
import { readJsonFlag } from './json-input';
import { ExitCode } from './report';
import { definitionsDir, serverSettings } from './settings';
import { UsageError } from './usage-error';

export const planCommand: Command = {
  name: 'plan',
  summary: 'the action plan of a process before it starts: dates, time to due, float, critical path, costs (offline)',
  help: `Usage: baton plan <file> [--input <json file> | --input-json '<json>'] [--start YYYY-MM-DD] [--calendar <id>] [--budget <amount>] [--departments <file>] [--json]
       baton plan <instance-id> [--server <url>] [--token <token>] [--json]

With an instance id (and no file of that name), the live plan of that running instance from
the server (GET /instances/<id>/plan): the steps done at their real dates, the rest planned from
now, the critical path left and the steps at risk. Needs an owner's or a manager's token.

Compiles the process file as \`baton validate\` does (data/ and calendars/ read beside it) and,
without starting anything, plans it for the given start form: which steps run once \`when\` and
\`forEach\` are evaluated, each one's department, earliest start, expected finish, due, time to due
(working time from the expected finish to the due; negative is at risk) and float (how long it may
slip without moving the end of the process; 0 on the critical path), its estimated cost; the
critical path; the expected finish against the dates dues are anchored to; costs by department.
A step's expected duration is its \`effort:\`, else its due (tasks, approvals), its wait, its call's
timeout; a sub-process is planned from <key>.yaml beside the file when there is one. What depends
on another step's output is unknown before the run: the plan says so and assumes the step runs.

  --input <file>          the start form, a JSON object (e.g. definitions/examples/site-opening.json)
  --input-json '<json>'   the same, inline; without either the input is {}
  --start <YYYY-MM-DD>    the day it starts, at the start of working hours (default: today)
  --calendar <id>         count dates in another of the process's calendars
  --budget <amount>       compare the total cost with this budget
  --departments <file>    the department registry (default: $BATON_DEFINITIONS_DIR/${REGISTRY_FILE}, else definitions/${REGISTRY_FILE})
  --json                  print the plan as JSON (what POST /definitions/<key>/plan answers)
  --server, --token       for an instance's live plan: the Baton API (default: $BATON_URL) and your token (default: $BATON_TOKEN)

Exit code: 0 planned, 1 the file does not compile or the input does not match its start form, 2 the command line.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('plan', () =>
      parseArgs({
        args: [...args],
        options: {
          input: { type: 'string' },
          'input-json': { type: 'string' },
          start: { type: 'string' },
          calendar: { type: 'string' },
          budget: { type: 'string' },
          departments: { type: 'string' },
          ...SERVER_FLAGS,
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    const target = onePositional('plan', positionals, 'file');
    if (INSTANCE_ID.test(target) && !fs.existsSync(path.resolve(io.cwd, target))) {
      return printLivePlan(target, values, io);
    }
    const [source] = readProcessSources('plan', [target], io.cwd);
    if (source === undefined) throw new UsageError('plan: no process file given', 'name one process YAML file');
    const input = readJsonFlag('plan', 'input', { file: values.input, json: values['input-json'] }, io.cwd) ?? {};
    const start = values.start ?? new Date().toISOString().slice(0, 10);
    const budget = values.budget === undefined ? undefined : Number(values.budget);
    if (budget !== undefined && !(Number.isFinite(budget) && budget >= 0)) {
      throw new UsageError(`plan: --budget "${values.budget}" is not an amount`, 'give a number, e.g. --budget 150000');
    }
    const registry = path.resolve(io.cwd, values.departments ?? path.join(definitionsDir(io.env), REGISTRY_FILE));
    const folder = new ProcessFolder(path.dirname(source.absolutePath), readDepartmentIds(registry));
    const compiled = folder.compile(source.source, source.file);
    if (!compiled.ok) {
      // A broken calendar file is why its calendar is unknown: its own errors come first.
      for (const error of [...folder.calendarErrors, ...compiled.errors]) io.out(formatCompileError(error));
      return ExitCode.failed;
    }
    const inputErrors = validateAgainst(compiled.plan.input, input);
    if (inputErrors.length > 0) {
      io.err(`baton: the input does not match the start form of "${compiled.plan.key}"`);
      for (const error of inputErrors) io.err(`  ${error.field || '(the whole input)'} ${error.message}`);
      return ExitCode.failed;
    }
    let planned: Awaited<ReturnType<typeof forecastProcess>>;
    try {
      planned = await forecastProcess(compiled.plan, input as JsonObject, {
        start,
        ...(values.calendar === undefined ? {} : { calendar: values.calendar }),
        ...(budget === undefined ? {} : { budget }),
        loadProcess: (key) => folder.load(key),
      });
    } catch (error) {
      if (error instanceof UnknownCalendarError) {
        throw new UsageError(`plan: ${error.message}`, 'leave --calendar out, or name one of those calendars');
      }
      if (error instanceof InvalidStartError) throw new UsageError(`plan: ${error.message}`, 'e.g. --start 2027-03-01');
      throw error;
    }
    io.out(values.json ? JSON.stringify(planned, null, 2) : formatPlan(planned));
    return ExitCode.ok;
  },
};

/** An instance's id (a UUID); a process file is named `<something>.yaml`. */
const INSTANCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function printLivePlan(
  id: string,
  flags: { readonly server?: string; readonly token?: string; readonly json?: boolean },
  io: Io,
): Promise<ExitCode> {
  const answer = await new ApiClient(serverSettings(flags, io.env)).get(
    `/instances/${encodeURIComponent(id)}/plan`,
    InstancePlan,
  );
  if (flags.json) {
    io.out(JSON.stringify(answer.body, null, 2));
    return ExitCode.ok;
  }
  const plan = answer.body;
  io.out(formatPlan(plan));
  io.out(`as of ${plan.now}; ${plan.atRisk.length === 0 ? 'no step at risk' : 'at risk:'}`);
  for (const unit of plan.atRisk) {
    io.out(`  ${unit.id} (${unit.department ?? '—'}) expected ${unit.expectedFinish}, ${unit.reasons.join(', ')}`);
  }
  return ExitCode.ok;
}

/** The folder of the planned file: its data, calendars, and the processes its sub-processes name. */
export class ProcessFolder {
  private readonly calendars;
  /** The errors of the calendar files that did not read. */
  readonly calendarErrors;
  private readonly readDataFile;
  private readonly loaded = new Map<string, CompiledProcess | undefined>();

  constructor(
    private readonly directory: string,
    private readonly departments: readonly string[],
  ) {
    const calendars = readCalendarFolder(path.join(directory, 'calendars'), deployYears(new Date()));
    this.calendars = calendars.calendars;
    this.calendarErrors = calendars.errors;
    this.readDataFile = dataFileReader(path.join(directory, 'data'));
  }

  compile(source: string, file: string): CompileResult {
    return compileProcess(source, {
      file,
      departments: this.departments,
      readDataFile: this.readDataFile,
      calendars: this.calendars,
    });
  }

  /** `<key>.yaml` beside the file, compiled; undefined when there is none or it does not compile. */
  load(key: string): CompiledProcess | undefined {
    if (this.loaded.has(key)) return this.loaded.get(key);
    const file = path.join(this.directory, `${key}.yaml`);
    let plan: CompiledProcess | undefined;
    if (fs.existsSync(file)) {
      const compiled = this.compile(fs.readFileSync(file, 'utf8'), file);
      plan = compiled.ok && compiled.plan.key === key ? compiled.plan : undefined;
    }
    this.loaded.set(key, plan);
    return plan;
  }
}
