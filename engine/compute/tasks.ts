import { type CompileResult, compileProcess } from '../../compiler';
import { dataFileReader } from '../../compiler/data-files';
import { forecastInstance, type InstanceForecast, type InstancePlanOptions } from '../../forecast/forecast-instance';
import {
  forecastProcess,
  InvalidStartError,
  type PlanOptions,
  UnknownCalendarError,
} from '../../forecast/forecast-process';
import type { ProcessForecast } from '../../forecast/result';
import type { CompiledCalendar } from '../../plan/calendar';
import { ExpressionBudgetError } from '../../plan/evaluate';
import type { InstanceView } from '../../plan/instance-view';
import type { CompiledProcess, JsonObject } from '../../plan/types';

/**
 * The work that runs on the compute pool's threads, off the API's event loop: compiling a
 * process and planning one. Only structured-clone data crosses: the sub-processes a plan may
 * need come loaded, and a failure the caller must explain comes back as a value, not a thrown
 * class (a thread's errors lose their class on the way).
 */

export interface CompileTask {
  readonly source: string;
  readonly file: string;
  readonly departments: readonly string[];
  readonly calendars: { readonly [id: string]: CompiledCalendar };
  /** Where `imports:` reads data files; null: nowhere, a process with imports does not compile. */
  readonly dataDirectory: string | null;
}

export function compile(task: CompileTask): CompileResult {
  return compileProcess(task.source, {
    file: task.file,
    departments: task.departments,
    calendars: task.calendars,
    ...(task.dataDirectory === null ? {} : { readDataFile: dataFileReader(task.dataDirectory) }),
  });
}

/** Why a plan could not be made, for the caller to turn into its 422. */
type PlanRefusal =
  | { readonly refused: 'unknown-calendar'; readonly calendar: string; readonly known: readonly string[] }
  | { readonly refused: 'invalid-start'; readonly message: string }
  | { readonly refused: 'expression-budget'; readonly message: string };

export type Planned<T> = { readonly plan: T } | PlanRefusal;

/** Sub-processes by key, loaded beforehand: a thread has no database. */
type SubProcesses = { readonly [key: string]: CompiledProcess };

export interface ProcessPlanTask {
  readonly plan: CompiledProcess;
  readonly input: JsonObject;
  readonly options: Omit<PlanOptions, 'loadProcess'>;
  readonly subProcesses: SubProcesses;
}

export function planProcessTask(task: ProcessPlanTask): Promise<Planned<ProcessForecast>> {
  return refusalOf(() =>
    forecastProcess(task.plan, task.input, { ...task.options, loadProcess: loaderOf(task.subProcesses) }),
  );
}

export interface InstancePlanTask {
  readonly plan: CompiledProcess;
  readonly input: JsonObject;
  readonly view: InstanceView;
  readonly options: Omit<InstancePlanOptions, 'loadProcess'>;
  readonly subProcesses: SubProcesses;
}

export function planInstanceTask(task: InstancePlanTask): Promise<Planned<InstanceForecast>> {
  return refusalOf(() =>
    forecastInstance(task.plan, task.input, task.view, { ...task.options, loadProcess: loaderOf(task.subProcesses) }),
  );
}

function loaderOf(subProcesses: SubProcesses): (key: string) => CompiledProcess | undefined {
  return (key) => (Object.hasOwn(subProcesses, key) ? subProcesses[key] : undefined);
}

async function refusalOf<T>(plan: () => Promise<T>): Promise<Planned<T>> {
  try {
    return { plan: await plan() };
  } catch (error) {
    if (error instanceof UnknownCalendarError) {
      return { refused: 'unknown-calendar', calendar: error.calendar, known: error.known };
    }
    if (error instanceof InvalidStartError) return { refused: 'invalid-start', message: error.message };
    if (error instanceof ExpressionBudgetError) return { refused: 'expression-budget', message: error.message };
    throw error;
  }
}
