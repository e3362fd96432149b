import { assertNever } from '../plan/assert-never';
import { type CalendarDuration, parseCalendarDuration } from '../plan/calendar-duration';
import { DEFAULT_ITEM_NAME } from '../plan/context';
import { ownValue } from '../plan/own';
import { literalText } from '../plan/template';
import {
  ALL_DEPARTMENTS,
  type CompiledCalendar,
  type CompiledProcess,
  type CompiledStep,
  type Cost,
  type Due,
  type JsonObject,
  type OnReject,
  PLAN_FORMAT_VERSION,
  type Template,
} from '../plan/types';
import { compileCatalogue } from './catalogue';
import type { ApprovalFile, DueFile, ProcessFile, StepFile, WaitFile } from './document';
import { anchorExpression } from './due';
import { parseDuration } from './duration';
import { compileEscalation } from './escalation';
import { ALREADY_CHECKED } from './expression';
import { boundFanOut } from './fan-out';
import { topologicalOrder } from './graph';
import type { Locator } from './locate';
import { type Path, toPointer } from './path';
import { parseTemplate } from './template';

/** Defaults the language documents (language/process.schema.json) and the plan spells out. */
export const STEP_DEFAULTS = {
  cost: 0,
  maxRounds: 3,
  method: 'GET',
  timeout: '30s',
  maxAttempts: 3,
  initialInterval: '1s',
  backoff: 2,
} as const;

export interface PlanContext {
  /** The file's tables merged with those of its imports. */
  readonly data: JsonObject;
  readonly departments: readonly string[];
  /** The calendars known, by id (the checks made sure a literal `calendar:` is one of them). */
  readonly calendars: { readonly [id: string]: CompiledCalendar };
}

/** The plan of a file that passed the language schema and every check; anything else is a compiler bug. */
export function buildPlan(file: ProcessFile, locator: Locator, context: PlanContext): CompiledProcess {
  const steps = file.tasks.map((step, index) =>
    withEscalation(withEffort(buildStep(step, ['tasks', index], locator), step), step, context.departments),
  );
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    key: file.process,
    title: file.title,
    owner: file.owner,
    description: file.description ?? null,
    input: boundFanOut(
      file.input,
      file.tasks.flatMap((step) => (step.forEach === undefined ? [] : [step.forEach])),
    ),
    data: context.data,
    departments: [...context.departments],
    ...(file.calendar === undefined ? {} : calendarOf(file.calendar, context.calendars)),
    ...(file.escalation === undefined ? {} : { escalation: compileEscalation(file.escalation, context.departments) }),
    ...(file.budget === undefined
      ? {}
      : { budget: { amount: cost(file.budget.amount), currency: file.budget.currency } }),
    ...compileCatalogue(file),
    steps: topologicalOrder(steps),
  };
}

/**
 * The process's calendar and those its instances can reach: the one it names, or every calendar
 * known when a template chooses per instance. A process without `calendar:` carries neither field.
 */
function calendarOf(text: string, known: PlanContext['calendars']): Pick<CompiledProcess, 'calendar' | 'calendars'> {
  const calendar = template(text);
  const literal = literalText(calendar);
  const ids = literal === null ? Object.keys(known).sort() : [literal];
  const calendars: { [id: string]: CompiledCalendar } = {};
  for (const id of ids) {
    const found = ownValue(known, id);
    if (found === undefined) throw new Error(`buildPlan: calendar "${id}" passed the checks but is not known`);
    calendars[id] = found;
  }
  return { calendar, calendars };
}

function buildStep(step: StepFile, path: Path, locator: Locator): CompiledStep {
  // Each plan step is written out field by field: spreading a common base into seven shapes costs
  // more than the rest of building the plan.
  const { id } = step;
  const after = step.after ?? [];
  const when = step.when ?? null;
  const forEach = step.forEach === undefined ? null : { items: step.forEach, as: step.as ?? DEFAULT_ITEM_NAME };
  const source = { ...locator.locate(path), path: toPointer(path) };
  switch (step.type) {
    case undefined:
    case 'task':
      return {
        kind: 'task',
        id,
        after,
        when,
        forEach,
        source,
        title: template(step.title),
        description: optionalTemplate(step.description),
        department: template(step.department),
        due: due(step.due),
        cost: cost(step.cost),
        form: step.form ?? null,
      };
    case 'approval':
      return {
        kind: 'approval',
        id,
        after,
        when,
        forEach,
        source,
        title: template(step.title),
        description: optionalTemplate(step.description),
        department: template(step.department),
        due: due(step.due),
        cost: cost(step.cost),
        onReject: onReject(step.onReject),
      };
    case 'notify':
      return {
        kind: 'notify',
        id,
        after,
        when,
        forEach,
        source,
        to: {
          departments:
            step.to.departments === ALL_DEPARTMENTS ? ALL_DEPARTMENTS : (step.to.departments ?? []).map(template),
          roles: step.to.roles ?? [],
          addresses: (step.to.addresses ?? []).map(template),
        },
        subject: optionalTemplate(step.subject),
        text: template(step.text),
      };
    case 'wait':
      return { kind: 'wait', id, after, when, forEach, source, wait: wait(step) };
    case 'milestone':
      return { kind: 'milestone', id, after, when, forEach, source, title: optionalTemplate(step.title) };
    case 'call': {
      const { retry = {} } = step;
      return {
        kind: 'call',
        id,
        after,
        when,
        forEach,
        source,
        method: step.method ?? STEP_DEFAULTS.method,
        url: template(step.url),
        headers: Object.fromEntries(Object.entries(step.headers ?? {}).map(([name, value]) => [name, template(value)])),
        body: step.body ?? null,
        timeoutMs: duration(step.timeout ?? STEP_DEFAULTS.timeout),
        retry: {
          maxAttempts: retry.maxAttempts ?? STEP_DEFAULTS.maxAttempts,
          initialIntervalMs: duration(retry.initialInterval ?? STEP_DEFAULTS.initialInterval),
          backoffCoefficient: retry.backoff ?? STEP_DEFAULTS.backoff,
        },
      };
    }
    case 'process':
      return { kind: 'process', id, after, when, forEach, source, process: step.process, input: step.input ?? {} };
    default:
      return assertNever(step);
  }
}

/** A task's or approval's own escalation ladder, only when it gives one (plans without stay as they were). */
function withEscalation(built: CompiledStep, step: StepFile, departments: readonly string[]): CompiledStep {
  if (
    (built.kind !== 'task' && built.kind !== 'approval') ||
    !('escalation' in step) ||
    step.escalation === undefined
  ) {
    return built;
  }
  return { ...built, escalation: compileEscalation(step.escalation, departments) };
}

/**
 * A step's `effort`, only when it gives one: plans of steps without one stay as they were, so
 * their checksums and the histories recorded with them do not change.
 */
function withEffort(built: CompiledStep, step: StepFile): CompiledStep {
  return step.effort === undefined ? built : { ...built, effort: calendarDuration(step.effort) };
}

function template(text: string): Template {
  return parseTemplate(text, ALREADY_CHECKED).template;
}

function optionalTemplate(text: string | undefined): Template | null {
  return text === undefined ? null : template(text);
}

/**
 * Elapsed time (`3d`, `90 minutes`) stays milliseconds, as in plans compiled before calendars:
 * it needs no calendar. Calendar durations (`3 days`, `5 business days`) are counted in one.
 */
function due(value: DueFile): Due {
  if (typeof value === 'string') {
    if (value.includes('{{')) return { template: template(value) };
    const parsed = calendarDuration(value);
    return parsed.kind === 'clock' ? { ms: parsed.ms } : { duration: parsed };
  }
  const { before, by, after, within } = value;
  if (before !== undefined && by !== undefined) return { before: anchorExpression(before), by: calendarDuration(by) };
  if (after !== undefined && within !== undefined) {
    return { after: anchorExpression(after), within: calendarDuration(within) };
  }
  throw new Error(
    `buildPlan: due ${JSON.stringify(value)} passed the checks but is neither before/by nor after/within`,
  );
}

function calendarDuration(text: string): CalendarDuration {
  const parsed = parseCalendarDuration(text);
  if (parsed === undefined) throw new Error(`buildPlan: "${text}" passed the checks but is not a duration`);
  return parsed;
}

function cost(value: number | string | undefined): Cost {
  return typeof value === 'string' ? { expression: value } : { amount: value ?? STEP_DEFAULTS.cost };
}

function onReject(value: ApprovalFile['onReject']): OnReject {
  if (value === undefined || value === 'cancel') return { action: 'cancel' };
  return { action: 'reopen', steps: value.reopen, maxRounds: value.maxRounds ?? STEP_DEFAULTS.maxRounds };
}

function wait(step: WaitFile) {
  if (step.until !== undefined) return { until: step.until };
  if (step.for !== undefined) return { forMs: duration(step.for) };
  throw new Error(`buildPlan: wait "${step.id}" passed the checks with neither until nor for`);
}

function duration(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`buildPlan: "${text}" passed the checks but is not a duration`);
  return ms;
}
