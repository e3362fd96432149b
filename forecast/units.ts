import { assertNever } from '../plan/assert-never';
import { addDuration } from '../plan/business-time';
import type { CompiledCalendar } from '../plan/calendar';
import type { CalendarDuration } from '../plan/calendar-duration';
import type { Values } from '../plan/evaluate';
import { redactUrl } from '../plan/redact';
import { dueExpressions, renderChildInput, renderTask, resolveWaitUntil, StepError } from '../plan/render-step';
import { expressionsIn, expressionsInJson, renderText } from '../plan/template';
import type { ApprovalStep, CompiledStep, Due, Expression, JsonObject, ProcessStep } from '../plan/types';
import type { KnownValues } from './known-values';
import { type EstimateBasis, UNKNOWN } from './result';

/**
 * One unit's estimate, from its evaluated expressions. Departments, dues and costs are rendered by
 * the interpreter's own functions (`plan/render-step.ts`), so the plan shows what a run would.
 */

/** A sub-process whose definition is not at hand counts this long, unless its step gives an `effort`. */
export const DEFAULT_PROCESS_EFFORT = { kind: 'business-days', days: 5 } as const satisfies CalendarDuration;

/** In cost totals, the cost of work whose department is computed at run time (from a step's output). */
export const UNKNOWN_DEPARTMENT = '(department set at run time)';

export interface UnitEstimate {
  readonly title: string | null;
  readonly department: string | null;
  readonly finishMs: number;
  readonly basis: EstimateBasis;
  readonly dueMs: number | null;
  readonly cost: number;
  readonly notes: string[];
  /** The date an anchored due counts from, as its expression gave it. */
  readonly anchor?: Anchored | null;
}

export interface Anchored {
  readonly expression: Expression;
  readonly kind: 'before' | 'after';
  readonly value: string | number;
}

export interface UnitFacts {
  readonly step: CompiledStep;
  readonly values: Values;
  readonly known: KnownValues;
  readonly readyMs: number;
  readonly calendar: CompiledCalendar;
  readonly departments: readonly string[];
}

/** The estimate of a unit whose kind is not `process` (those are planned by `plan-process.ts`). */
export function estimateUnit(facts: UnitFacts): UnitEstimate {
  const { step, values, readyMs, calendar } = facts;
  const notes: string[] = [];
  const withEffort = (estimate: Omit<UnitEstimate, 'notes'>): UnitEstimate => {
    if (!step.effort) return { ...estimate, notes };
    return { ...estimate, finishMs: addDuration(readyMs, step.effort, calendar), basis: 'effort', notes };
  };
  switch (step.kind) {
    case 'task':
    case 'approval': {
      const task = renderQueuedWork(facts, notes);
      const finishMs = task.dueMs === null ? readyMs : Math.max(readyMs, task.dueMs);
      if (task.dueMs === null && !step.effort) notes.push(`duration ${UNKNOWN}: counted as none`);
      const anchor = anchorOf(step.due, values);
      return withEffort({ ...task, finishMs, basis: task.dueMs === null ? 'unknown' : 'due', anchor });
    }
    case 'notify':
      return withEffort({
        title: textOrNull(step.subject, values),
        department: null,
        finishMs: readyMs,
        basis: 'instant',
        dueMs: null,
        cost: 0,
      });
    case 'milestone':
      return withEffort({
        title: textOrNull(step.title, values),
        department: null,
        finishMs: readyMs,
        basis: 'instant',
        dueMs: null,
        cost: 0,
      });
    case 'call':
      return withEffort({
        title: `${step.method} ${redactUrl(renderText(step.url, values))}`,
        department: null,
        finishMs: readyMs + step.timeoutMs,
        basis: 'timeout',
        dueMs: null,
        cost: 0,
      });
    case 'wait': {
      let finishMs = readyMs;
      let basis: EstimateBasis = 'wait';
      if ('until' in step.wait && facts.known.isUnknown(step.wait.until)) {
        basis = 'unknown';
        notes.push(`the date waited for is ${UNKNOWN}: counted as no wait`);
      } else {
        try {
          finishMs = Math.max(
            readyMs,
            resolveWaitUntil(step, values, readyMs, () => calendar),
          );
        } catch (error) {
          notes.push(failure(error));
        }
      }
      return withEffort({ title: null, department: null, finishMs, basis, dueMs: null, cost: 0 });
    }
    case 'process':
      throw new Error('estimateUnit: sub-processes are planned by forecastProcess');
    default:
      return assertNever(step);
  }
}

/** Department, due and cost, each rendered on its own so that one unknown or failing part leaves the others. */
function renderQueuedWork(
  facts: UnitFacts,
  notes: string[],
): { title: string; department: string | null; dueMs: number | null; cost: number } {
  const { values, known, readyMs, calendar, departments } = facts;
  const step = facts.step as ApprovalStep;
  // A step with the other parts neutral: a literal department, an elapsed due, no cost.
  const neutral: ApprovalStep = {
    ...step,
    department: [{ text: UNKNOWN_DEPARTMENT }],
    due: { ms: 0 },
    cost: { amount: 0 },
  };
  const render = <T>(
    what: string,
    expressions: Expression[],
    patch: Partial<ApprovalStep>,
    pick: (task: ReturnType<typeof renderTask>) => T,
  ): T | null => {
    if (known.anyUnknown(expressions)) {
      notes.push(`${what} ${UNKNOWN}`);
      return null;
    }
    try {
      return pick(renderTask({ ...neutral, ...patch }, values, departments, readyMs, () => calendar));
    } catch (error) {
      notes.push(failure(error));
      return null;
    }
  };
  const department = render(
    'department',
    expressionsIn(step.department),
    { department: step.department },
    (task) => task.department,
  );
  const dueMs = render('due', dueExpressions(step.due), { due: step.due }, (task) => task.dueAt);
  const costExpressions = 'expression' in step.cost ? [step.cost.expression] : [];
  const cost = render('cost', costExpressions, { cost: step.cost }, (task) => task.estimatedCost);
  return { title: renderText(step.title, values), department, dueMs, cost: cost ?? 0 };
}

/** A sub-process's start input, or null when it depends on the run or fails (said in `notes`). */
export function childInput(step: ProcessStep, values: Values, known: KnownValues, notes: string[]): JsonObject | null {
  if (known.anyUnknown(expressionsInJson(step.input))) {
    notes.push(`input of "${step.process}" ${UNKNOWN}: its steps are planned without it`);
    return null;
  }
  try {
    return renderChildInput(step, values);
  } catch (error) {
    notes.push(failure(error));
    return null;
  }
}

/** An anchored due's anchor, as its expression gave it; null for other dues or when it cannot be known. */
export function anchorOf(due: Due, values: Values): Anchored | null {
  const expression = 'before' in due ? due.before : 'after' in due ? due.after : null;
  if (expression === null) return null;
  const evaluated = values.get(expression);
  if (evaluated === undefined || 'error' in evaluated) return null;
  const { value } = evaluated;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  return { expression, kind: 'before' in due ? 'before' : 'after', value };
}

function textOrNull(template: Parameters<typeof renderText>[0] | null, values: Values): string | null {
  return template === null ? null : renderText(template, values);
}

/** What would fail the step at run time. */
function failure(error: unknown): string {
  if (error instanceof StepError) return `would fail at run time: ${error.message}`;
  throw error;
}
