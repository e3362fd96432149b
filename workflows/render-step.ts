import type { HttpCall } from '../activities/contract';
import { MAXIMUM_AMOUNT } from '../plan/amounts';
import { ANCHOR_FORMS, type AnchorValue, addDuration, dueAfter, dueBefore } from '../plan/business-time';
import type { CompiledCalendar } from '../plan/calendar';
import { parseCalendarDuration } from '../plan/calendar-duration';
import { EvaluationError, evaluate } from '../plan/evaluate';
import { renderJson, renderStrictly, renderTemplate } from '../plan/template';
import type {
  ApprovalStep,
  CallStep,
  Cost,
  Due,
  JsonObject,
  NotifyStep,
  ProcessStep,
  TaskStep,
  Template,
  WaitStep,
} from '../plan/types';

/**
 * What a step's expressions make of one instance's data. Each function is pure; a value the
 * step cannot run with (an unknown department, a cost that is not a number) throws
 * `StepError`, which fails the step and leaves the decision to a manager.
 */
export class StepError extends Error {}

export interface RenderedTask {
  readonly title: string;
  readonly description: string | null;
  readonly department: string;
  /** Epoch milliseconds. */
  readonly dueAt: number;
  readonly estimatedCost: number;
}

/** What a task's dates are counted in: resolved only when a due needs it. */
export type CalendarSource = () => Promise<CompiledCalendar>;

export async function renderTask(
  step: TaskStep | ApprovalStep,
  context: object,
  departments: readonly string[],
  opensAt: number,
  calendar: CalendarSource,
): Promise<RenderedTask> {
  return guarded(async () => ({
    title: await renderTemplate(step.title, context),
    description: step.description === null ? null : await renderTemplate(step.description, context),
    department: await renderDepartment(step.department, context, departments),
    dueAt: await resolveDue(step.due, context, opensAt, calendar),
    estimatedCost: await resolveCost(step.cost, context),
  }));
}

export interface RenderedNotification {
  readonly recipients: readonly string[];
  readonly subject: string | null;
  readonly text: string;
}

export async function renderNotification(
  step: NotifyStep,
  context: object,
  departments: readonly string[],
): Promise<RenderedNotification> {
  return guarded(async () => {
    const recipients = [
      ...(await Promise.all(step.to.departments.map((d) => renderDepartment(d, context, departments)))).map(
        (id) => `department:${id}`,
      ),
      ...step.to.roles.map((role) => `role:${role}`),
      ...(await Promise.all(step.to.addresses.map((a) => renderStrictly(a, context))))
        .filter((address) => address.trim() !== '')
        .map((address) => `address:${address.trim()}`),
    ];
    return {
      recipients,
      subject: step.subject === null ? null : await renderTemplate(step.subject, context),
      text: await renderTemplate(step.text, context),
    };
  });
}

/** The epoch milliseconds a `wait` step resumes at. */
export async function resolveWaitUntil(step: WaitStep, context: object, now: number): Promise<number> {
  if ('forMs' in step.wait) return now + step.wait.forMs;
  const { until } = step.wait;
  return guarded(async () => {
    const value = await evaluate(until, context);
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) {
      throw new StepError(`"until: ${until}" gave ${JSON.stringify(value) ?? 'nothing'}, not an ISO date or date-time`);
    }
    return at;
  });
}

export async function renderCall(step: CallStep, context: object): Promise<HttpCall> {
  return guarded(async () => {
    const headers: { [name: string]: string } = {};
    for (const [name, template] of Object.entries(step.headers))
      headers[name] = await renderStrictly(template, context);
    return {
      method: step.method,
      url: await renderStrictly(step.url, context),
      headers,
      body: step.body === null ? null : ((await renderJson(step.body, context)) ?? null),
      timeoutMs: step.timeoutMs,
    };
  });
}

/** A sub-process's start input; its own start form is checked when it is created. */
export async function renderChildInput(step: ProcessStep, context: object): Promise<JsonObject> {
  return guarded(async () => {
    const input = await renderJson(step.input, context);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new StepError(
        `the input for "${step.process}" must be an object; it gave ${JSON.stringify(input) ?? 'nothing'}`,
      );
    }
    return input;
  });
}

async function renderDepartment(template: Template, context: object, departments: readonly string[]): Promise<string> {
  const department = await renderStrictly(template, context);
  // A literal department was checked by the compiler; one computed from data is checked here.
  const computed = template.some((part) => 'expression' in part);
  if (computed && !departments.includes(department)) {
    throw new StepError(`the department "${department}" computed for this step is not a known department`);
  }
  return department;
}

async function resolveDue(due: Due, context: object, opensAt: number, calendar: CalendarSource): Promise<number> {
  if ('ms' in due) return opensAt + due.ms;
  if ('duration' in due) return addDuration(opensAt, due.duration, await calendar());
  if ('template' in due) {
    const text = (await renderStrictly(due.template, context)).trim();
    const duration = parseCalendarDuration(text);
    if (duration === undefined) {
      throw new StepError(`the due "${text}" computed for this step is not a duration such as 3d or 5 business days`);
    }
    return addDuration(opensAt, duration, await calendar());
  }
  const [expression, resolve] =
    'before' in due
      ? [due.before, (anchor: AnchorValue, cal: CompiledCalendar) => dueBefore(anchor, due.by, cal)]
      : [due.after, (anchor: AnchorValue, cal: CompiledCalendar) => dueAfter(anchor, due.within, cal)];
  const anchor = await evaluate(expression, context);
  const dueAt =
    typeof anchor === 'string' || typeof anchor === 'number' ? resolve(anchor, await calendar()) : undefined;
  if (dueAt === undefined) {
    throw new StepError(
      `the due date is anchored to "${expression}", which gave ${JSON.stringify(anchor) ?? 'nothing'}, not a date such as ${ANCHOR_FORMS[0]} or a date-time such as ${ANCHOR_FORMS[1]}`,
    );
  }
  return dueAt;
}

async function resolveCost(cost: Cost, context: object): Promise<number> {
  if ('amount' in cost) return cost.amount;
  const value = await evaluate(cost.expression, context);
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAXIMUM_AMOUNT) {
    throw new StepError(
      `"cost: ${cost.expression}" gave ${JSON.stringify(value)}, not an amount from 0 to ${MAXIMUM_AMOUNT}`,
    );
  }
  return value;
}

/** An expression failing on real data is a step error like any other. */
async function guarded<T>(render: () => Promise<T>): Promise<T> {
  try {
    return await render();
  } catch (error) {
    if (error instanceof EvaluationError) throw new StepError(error.message);
    throw error;
  }
}
