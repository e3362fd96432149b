import { MAXIMUM_AMOUNT } from './amounts';
import { assertNever } from './assert-never';
import { ANCHOR_FORMS, type AnchorValue, addDuration, dueAfter, dueBefore, waitEnd } from './business-time';
import type { CompiledCalendar } from './calendar';
import { parseCalendarDuration } from './calendar-duration';
import { EvaluationError, type Values, valueIn } from './evaluate';
import { Recipient } from './recipient';
import { isTask } from './steps';
import { expressionsIn, expressionsInJson, renderJson, renderStrictly, renderText } from './template';
import {
  ALL_DEPARTMENTS,
  type ApprovalStep,
  type CallStep,
  type CompiledStep,
  type Cost,
  type Due,
  type Expression,
  type JsonObject,
  type JsonValue,
  type NotifyStep,
  type ProcessStep,
  type TaskStep,
  type Template,
  type WaitStep,
} from './types';

/**
 * What a step's expressions make of one instance's data. The expressions are evaluated
 * beforehand, in one batch (`expressionsOf`, then `evaluateAll`); rendering is synchronous.
 * A value the step cannot run with (an unknown department, a cost that is not a number)
 * throws `StepError`, which fails the step and leaves the decision to a manager.
 */
export class StepError extends Error {
  readonly code = 'step-failed';
}

/** Every expression a unit of the step reads. */
export function expressionsOf(step: CompiledStep): Expression[] {
  switch (step.kind) {
    case 'task':
    case 'approval':
      return [
        ...expressionsIn(step.title),
        ...(step.description === null ? [] : expressionsIn(step.description)),
        ...expressionsIn(step.department),
        ...dueExpressions(step.due),
        ...('expression' in step.cost ? [step.cost.expression] : []),
      ];
    case 'notify':
      return [
        ...(step.to.departments === ALL_DEPARTMENTS ? [] : step.to.departments.flatMap(expressionsIn)),
        ...step.to.addresses.flatMap(expressionsIn),
        ...(step.subject === null ? [] : expressionsIn(step.subject)),
        ...expressionsIn(step.text),
      ];
    case 'wait':
      return 'until' in step.wait ? [step.wait.until] : [];
    case 'milestone':
      return step.title === null ? [] : expressionsIn(step.title);
    case 'call':
      return [
        ...expressionsIn(step.url),
        ...Object.values(step.headers).flatMap(expressionsIn),
        ...(step.body === null ? [] : expressionsInJson(step.body)),
      ];
    case 'process':
      return expressionsInJson(step.input);
    default:
      return assertNever(step);
  }
}

/** Whether the step's due is counted in the instance's calendar (so the calendar must be known). */
export function needsCalendar(step: CompiledStep): boolean {
  return isTask(step) && !('ms' in step.due);
}

export interface RenderedTask {
  readonly title: string;
  readonly description: string | null;
  readonly department: string;
  /** Epoch milliseconds. */
  readonly dueAt: number;
  readonly estimatedCost: number;
}

export function renderTask(
  step: TaskStep | ApprovalStep,
  values: Values,
  departments: readonly string[],
  opensAt: number,
  calendar: () => CompiledCalendar,
): RenderedTask {
  return guarded(() => ({
    title: renderText(step.title, values),
    description: step.description === null ? null : renderText(step.description, values),
    department: renderDepartment(step.department, values, departments),
    dueAt: resolveDue(step.due, values, opensAt, calendar),
    estimatedCost: resolveCost(step.cost, values),
  }));
}

export interface RenderedNotification {
  readonly recipients: readonly Recipient[];
  readonly subject: string | null;
  readonly text: string;
}

export function renderNotification(
  step: NotifyStep,
  values: Values,
  departments: readonly string[],
): RenderedNotification {
  return guarded(() => ({
    recipients: [
      ...(step.to.departments === ALL_DEPARTMENTS
        ? departments
        : step.to.departments.map((department) => renderDepartment(department, values, departments))
      ).map(Recipient.department),
      ...step.to.roles.map(Recipient.role),
      ...step.to.addresses
        .map((address) => renderStrictly(address, values).trim())
        .filter((address) => address !== '')
        .map(Recipient.address),
    ],
    subject: step.subject === null ? null : renderText(step.subject, values),
    text: renderText(step.text, values),
  }));
}

/**
 * The epoch milliseconds a `wait` step resumes at. With `calendar` (instances from runtime 3 on,
 * and the forecast), a date without a time is the start of that day in the calendar's zone
 * (`waitEnd`); without it, as instances before runtime 3 read it: `Date.parse`, a date at 00:00 UTC.
 */
export function resolveWaitUntil(
  step: WaitStep,
  values: Values,
  now: number,
  calendar?: () => CompiledCalendar,
): number {
  if ('forMs' in step.wait) return now + step.wait.forMs;
  const { until } = step.wait;
  return guarded(() => {
    const value = valueIn(until, values);
    let at: number | undefined;
    if (calendar === undefined) at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    else if (typeof value === 'string') at = waitEnd(value, calendar());
    if (at === undefined || Number.isNaN(at)) {
      throw new StepError(`"until: ${until}" gave ${JSON.stringify(value) ?? 'nothing'}, not an ISO date or date-time`);
    }
    return at;
  });
}

/** An HTTP request of a `call` step, rendered by the workflow. */
export interface HttpCall {
  readonly method: string;
  readonly url: string;
  readonly headers: { readonly [name: string]: string };
  readonly body: JsonValue | null;
  readonly timeoutMs: number;
}

export function renderCall(step: CallStep, values: Values): HttpCall {
  return guarded(() => {
    const headers: { [name: string]: string } = {};
    for (const [name, template] of Object.entries(step.headers)) headers[name] = renderStrictly(template, values);
    return {
      method: step.method,
      url: renderStrictly(step.url, values),
      headers,
      body: step.body === null ? null : (renderJson(step.body, values) ?? null),
      timeoutMs: step.timeoutMs,
    };
  });
}

/** A sub-process's start input; its own start form is checked when it is created. */
export function renderChildInput(step: ProcessStep, values: Values): JsonObject {
  return guarded(() => {
    const input = renderJson(step.input, values);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new StepError(
        `the input for "${step.process}" must be an object; it gave ${JSON.stringify(input) ?? 'nothing'}`,
      );
    }
    return input;
  });
}

/** The expressions a due reads (the anchor, or the template's holes). */
export function dueExpressions(due: Due): Expression[] {
  if ('template' in due) return expressionsIn(due.template);
  if ('before' in due) return [due.before];
  if ('after' in due) return [due.after];
  return [];
}

function renderDepartment(template: Template, values: Values, departments: readonly string[]): string {
  const department = renderStrictly(template, values);
  // A literal department was checked by the compiler; one computed from data is checked here.
  const computed = template.some((part) => 'expression' in part);
  if (computed && !departments.includes(department)) {
    throw new StepError(`the department "${department}" computed for this step is not a known department`);
  }
  return department;
}

/** When a task opened at `opensAt` is due; a re-plan calls it again with the instance's new input. */
export function resolveTaskDue(
  step: TaskStep | ApprovalStep,
  values: Values,
  opensAt: number,
  calendar: () => CompiledCalendar,
): number {
  return guarded(() => resolveDue(step.due, values, opensAt, calendar));
}

function resolveDue(due: Due, values: Values, opensAt: number, calendar: () => CompiledCalendar): number {
  if ('ms' in due) return opensAt + due.ms;
  if ('duration' in due) return addDuration(opensAt, due.duration, calendar());
  if ('template' in due) {
    const text = renderStrictly(due.template, values).trim();
    const duration = parseCalendarDuration(text);
    if (duration === undefined) {
      throw new StepError(`the due "${text}" computed for this step is not a duration such as 3d or 5 business days`);
    }
    // Elapsed time needs no calendar (so no calendar can fail it).
    return duration.kind === 'clock' ? opensAt + duration.ms : addDuration(opensAt, duration, calendar());
  }
  const [expression, resolve] =
    'before' in due
      ? [due.before, (anchor: AnchorValue, cal: CompiledCalendar) => dueBefore(anchor, due.by, cal)]
      : [due.after, (anchor: AnchorValue, cal: CompiledCalendar) => dueAfter(anchor, due.within, cal)];
  const anchor = valueIn(expression, values);
  const dueAt = typeof anchor === 'string' || typeof anchor === 'number' ? resolve(anchor, calendar()) : undefined;
  if (dueAt === undefined) {
    throw new StepError(
      `the due date is anchored to "${expression}", which gave ${JSON.stringify(anchor) ?? 'nothing'}, not a date such as ${ANCHOR_FORMS[0]} or a date-time such as ${ANCHOR_FORMS[1]}`,
    );
  }
  return dueAt;
}

function resolveCost(cost: Cost, values: Values): number {
  if ('amount' in cost) return cost.amount;
  const value = valueIn(cost.expression, values);
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAXIMUM_AMOUNT) {
    throw new StepError(
      `"cost: ${cost.expression}" gave ${JSON.stringify(value)}, not an amount from 0 to ${MAXIMUM_AMOUNT}`,
    );
  }
  return value;
}

/** An expression failing on real data is a step error like any other. */
function guarded<T>(render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (error instanceof EvaluationError) throw new StepError(error.message);
    throw error;
  }
}
