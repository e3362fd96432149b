import { budgetAmount, budgetExpressions } from '../plan/budget';
import { addDuration } from '../plan/business-time';
import {
  ALWAYS_OPEN_CALENDAR,
  type CompiledCalendar,
  workingDayLength,
  workingHoursOf,
  workingTimeBetween,
} from '../plan/calendar';
import { parseIsoDate } from '../plan/civil-date';
import { DEFAULT_ITEM_NAME, type ExpressionContext, ITEM_INDEX_NAME } from '../plan/context';
import { EvaluationError, evaluateAll, withinBudget } from '../plan/evaluate';
import { conditionHolds, forEachItems, gateExpressions, itemContext, itemUnitId } from '../plan/fan-out';
import { calendarById, calendarExpressions, calendarIdOf } from '../plan/instance-calendar';
import { expressionsOf } from '../plan/render-step';
import { isTask } from '../plan/steps';
import type { CompiledProcess, CompiledStep, ForEach, JsonObject, JsonValue, ProcessStep } from '../plan/types';
import { formatLocalIso, fromLocal } from '../plan/zoned-time';
import { anchorsOf, criticalPath, daysOff, type StepRow, totalFloat, type UnitRow } from './analysis';
import { KnownValues } from './known-values';
import { type Progress, progressRow } from './progress';
import type { EstimateBasis, PlannedStep, PlannedUnit, ProcessForecast } from './result';
import { UNKNOWN } from './result';
import { type Anchored, anchorOf, childInput, DEFAULT_PROCESS_EFFORT, estimateUnit, UNKNOWN_DEPARTMENT } from './units';

/**
 * The action plan of a process before it starts: which steps run given the start input, when each
 * is expected to start and finish, its due, slack and cost; the critical path; the expected finish.
 * Pure: no I/O, no clock (the start is given), no Temporal. The rules:
 *
 * - A step starts when every step of its `after` has finished (a skipped step finishes when it is
 *   ready); the items of a `forEach` start together, and the step finishes with its last item.
 * - Expected duration: the step's `effort`, else a task or approval takes until its due (an anchored
 *   due: until that date), a wait until its date or for its time, a call its timeout, a sub-process
 *   its own plan (`loadProcess`) or `DEFAULT_PROCESS_EFFORT`; notifications and milestones none.
 * - What reads `steps.<id>` (another step's output) is unknown before the run: an unknown `when`
 *   is assumed true, an unknown `forEach` list gives one representative item, and the parts of a
 *   step computed from either are left out and said so in the step's `notes`.
 */
export interface PlanOptions {
  /** Epoch ms, or a `YYYY-MM-DD` date: the start of that day's working hours in the calendar. */
  readonly start: number | string;
  /** A calendar id chosen over the process's own, as a start request may. */
  readonly calendar?: string;
  /** Compared with the total cost. */
  readonly budget?: number;
  /** A deployed process by key, to plan sub-processes from their own steps. */
  readonly loadProcess?: (key: string) => CompiledProcess | undefined | Promise<CompiledProcess | undefined>;
}

/** A calendar the process cannot count in: the API answers 422 on `/calendar`. */
export class UnknownCalendarError extends Error {
  readonly code = 'unknown-calendar';
  constructor(
    readonly calendar: string,
    readonly known: readonly string[],
  ) {
    super(`the process cannot count dates in calendar "${calendar}" (its calendars: ${known.join(', ') || 'none'})`);
  }
}

/** A start that is neither epoch ms nor a `YYYY-MM-DD` date. */
export class InvalidStartError extends Error {
  readonly code = 'invalid-start';
}

/** Sub-processes planned this deep at most (the interpreter refuses to nest deeper than 10). */
export const MAXIMUM_FORECAST_DEPTH = 5;

export async function forecastProcess(
  plan: CompiledProcess,
  input: JsonObject,
  options: PlanOptions,
): Promise<ProcessForecast> {
  return (await planWithin(plan, input, options, { known: new KnownValues(['steps']), stack: [] })).plan;
}

export interface Nesting {
  readonly known: KnownValues;
  /** Keys of the processes this one is a sub-process of. */
  readonly stack: readonly string[];
  /**
   * A running instance's progress (`forecastInstance`): the steps it has started are dated from it,
   * the others start at `nowMs` at the earliest.
   */
  readonly progress?: Progress;
}

export interface Scheduled {
  readonly plan: ProcessForecast;
  readonly finishMs: number;
}

/** The process's own `budget:` amount for this input, as the run reads it; null without one, or when it cannot be read. */
function declaredBudget(plan: CompiledProcess, context: ExpressionContext, notes: string[]): number | null {
  const { budget } = plan;
  if (budget === undefined) return null;
  try {
    return budgetAmount(budget, withinBudget(evaluateAll(budgetExpressions(budget), context)));
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    notes.push(error.message);
    return null;
  }
}

export async function planWithin(
  plan: CompiledProcess,
  input: JsonObject,
  options: PlanOptions,
  nesting: Nesting,
): Promise<Scheduled> {
  const notes: string[] = [];
  const context: ExpressionContext = {
    input,
    data: plan.data,
    steps: {},
    process: { key: plan.key, version: 0, title: plan.title },
    instance: { id: 'planned', startedAt: '' },
  };
  const calendar = await chooseCalendar(plan, options, nesting.known, context, notes);
  const startMs = startOf(options.start, calendar);
  const instanceContext = { ...context, instance: { id: 'planned', startedAt: new Date(startMs).toISOString() } };
  const finishOf = new Map<string, number>();
  const drivenBy = new Map<string, string | null>();
  const rows: StepRow[] = [];

  for (const step of plan.steps) {
    // Ready once every step of `after` has finished; the one that finishes last drives it.
    let readyMs = startMs;
    let driver: string | null = null;
    for (const id of step.after) {
      const finish = finishOf.get(id) ?? startMs;
      if (driver === null || finish > readyMs) {
        driver = id;
        readyMs = Math.max(readyMs, finish);
      }
    }
    drivenBy.set(step.id, driver);
    const live = nesting.progress?.steps.get(step.id);
    if (nesting.progress && live && live.status !== 'pending') {
      const anchor = await anchorIn(step, instanceContext, nesting.known);
      const row = progressRow(step, live, readyMs, nesting.progress.nowMs, calendar, anchor);
      finishOf.set(step.id, row.finishMs);
      rows.push(row);
      continue;
    }
    if (nesting.progress) readyMs = Math.max(readyMs, nesting.progress.nowMs);
    const stepNotes: string[] = [];
    const values = await nesting.known.evaluate(gateExpressions(step), instanceContext);
    let condition: PlannedStep['condition'] = null;
    if (step.when !== null) {
      if (nesting.known.isUnknown(step.when)) {
        condition = UNKNOWN;
        stepNotes.push(`condition ${UNKNOWN}: assumed to hold`);
      } else {
        condition = conditionOf(() => conditionHolds(step, values), stepNotes);
      }
    }
    if (condition === 'not met') {
      finishOf.set(step.id, readyMs);
      rows.push({
        step,
        condition,
        skipped: true,
        units: [],
        items: step.forEach !== null,
        readyMs,
        finishMs: readyMs,
        notes: stepNotes,
      });
      continue;
    }
    const units: UnitRow[] = [];
    let itemsUnknown = false;
    if (step.forEach === null) {
      units.push(
        await planUnit(plan, step, step.id, instanceContext, nesting.known, readyMs, calendar, options, nesting),
      );
    } else {
      const { forEach } = step;
      const items = plannedItems(forEach, values, nesting.known, stepNotes);
      itemsUnknown = items === null;
      const itemKnown =
        items === null ? nesting.known.with([forEach.as || DEFAULT_ITEM_NAME, ITEM_INDEX_NAME]) : nesting.known;
      for (const [index, item] of (items ?? [null]).entries()) {
        units.push(
          await planUnit(
            plan,
            step,
            itemUnitId(step.id, index),
            itemContext(instanceContext, forEach, item, index),
            itemKnown,
            readyMs,
            calendar,
            options,
            nesting,
          ),
        );
      }
    }
    const finishMs = Math.max(readyMs, ...units.map((unit) => unit.finishMs));
    finishOf.set(step.id, finishMs);
    rows.push({
      step,
      condition,
      skipped: false,
      units,
      items: step.forEach !== null,
      itemsUnknown,
      readyMs,
      finishMs,
      notes: stepNotes,
    });
  }

  const finishMs = Math.max(startMs, ...finishOf.values());
  const critical = criticalPath(plan.steps, finishOf, drivenBy, rows);
  const iso = (ms: number) => formatLocalIso(ms, calendar.timeZone);
  const dayLength = workingDayLength(calendar);
  const floats = totalFloat(rows, finishMs, calendar);
  // What has ended has no float left: it finished when it did.
  const floatOf = (id: string, basis: EstimateBasis) => (basis === 'actual' ? null : (floats.get(id) ?? null));
  const unitJson = (unit: UnitRow): PlannedUnit => {
    const slackMs = unit.dueMs === null ? null : workingTimeBetween(unit.finishMs, unit.dueMs, calendar);
    const floatMs = floatOf(unit.id, unit.basis);
    return {
      id: unit.id,
      title: unit.title,
      department: unit.department,
      earliestStart: iso(unit.readyMs),
      expectedFinish: iso(unit.finishMs),
      basis: unit.basis,
      due: unit.dueMs === null ? null : iso(unit.dueMs),
      slackMs,
      slackDays: slackMs === null ? null : round2(slackMs / dayLength),
      floatMs,
      floatDays: floatMs === null ? null : round2(floatMs / dayLength),
      estimatedCost: unit.cost,
      critical: critical.marked.has(unit.id),
      notes: unit.notes,
      ...(unit.subProcess ? { subProcess: unit.subProcess } : {}),
      ...(unit.progress ? progressJson(unit.progress, iso) : {}),
    };
  };
  const steps = rows.map((row): PlannedStep => {
    const units = row.units.map(unitJson);
    const single = row.items ? undefined : units[0];
    const departments = [...new Set(units.map((unit) => unit.department))];
    const slacks = units.flatMap((unit) => (unit.slackMs === null ? [] : [unit.slackMs]));
    const slackMs = slacks.length === 0 ? null : Math.min(...slacks);
    const basis = single?.basis ?? (row.skipped ? 'instant' : (units[0]?.basis ?? 'instant'));
    const floatMs = floatOf(row.step.id, basis);
    return {
      id: row.step.id,
      kind: row.step.kind,
      title: single?.title ?? null,
      department: departments.length === 1 ? (departments[0] ?? null) : null,
      after: row.step.after,
      condition: row.condition,
      skipped: row.skipped,
      earliestStart: iso(row.readyMs),
      expectedFinish: iso(row.finishMs),
      basis,
      due: single?.due ?? null,
      slackMs,
      slackDays: slackMs === null ? null : round2(slackMs / dayLength),
      floatMs,
      floatDays: floatMs === null ? null : round2(floatMs / dayLength),
      estimatedCost: units.reduce((total, unit) => total + unit.estimatedCost, 0),
      critical: critical.marked.has(row.step.id),
      notes: [...row.notes, ...(single?.notes ?? [])],
      items: row.items ? units : null,
      itemCount: row.items ? (row.itemsUnknown ? UNKNOWN : units.length) : null,
      ...(single?.subProcess ? { subProcess: single.subProcess } : {}),
      ...(row.progress ? progressJson(row.progress, iso) : {}),
    };
  });

  // A Map: department ids come from the input and the data, and may be `constructor`.
  const byDepartment = new Map<string, number>();
  const add = (department: string, amount: number) => {
    if (amount !== 0 || department !== UNKNOWN_DEPARTMENT)
      byDepartment.set(department, (byDepartment.get(department) ?? 0) + amount);
  };
  for (const unit of rows.flatMap((row) => row.units)) {
    if (unit.subProcess)
      for (const [department, amount] of Object.entries(unit.subProcess.costs.byDepartment)) add(department, amount);
    else if (unit.department !== null || unit.cost !== 0) add(unit.department ?? UNKNOWN_DEPARTMENT, unit.cost);
  }
  const total = [...byDepartment.values()].reduce((sum, amount) => sum + amount, 0);
  const itemsUnknown = rows.flatMap((row) =>
    row.itemsUnknown && !row.skipped
      ? [{ step: row.step.id, costPerItem: row.units.reduce((sum, unit) => sum + unit.cost, 0) }]
      : [],
  );
  const budget = options.budget ?? declaredBudget(plan, context, notes);

  return {
    finishMs,
    plan: {
      key: plan.key,
      title: plan.title,
      start: iso(startMs),
      calendar: calendar.id,
      timeZone: calendar.timeZone,
      expectedFinish: iso(finishMs),
      daysOff: daysOff(
        startMs,
        Math.max(finishMs, ...rows.flatMap((row) => row.units.map((unit) => unit.dueMs ?? 0))),
        calendar,
      ),
      workingDays: round2(workingTimeBetween(startMs, finishMs, calendar) / dayLength),
      steps,
      criticalPath: critical.path,
      anchors: anchorsOf(rows, finishMs, calendar, iso),
      costs: {
        total,
        byDepartment: Object.fromEntries([...byDepartment].sort(([a], [b]) => a.localeCompare(b))),
        budget,
        remaining: budget === null ? null : budget - total,
        overBudget: budget === null ? null : total > budget,
        itemsUnknown,
      },
      notes,
    },
  };

  async function planUnit(
    process: CompiledProcess,
    step: CompiledStep,
    id: string,
    unitContext: object,
    known: KnownValues,
    readyMs: number,
    unitCalendar: CompiledCalendar,
    planOptions: PlanOptions,
    within: Nesting,
  ): Promise<UnitRow> {
    const values = await known.evaluate(expressionsOf(step), unitContext);
    if (step.kind !== 'process') {
      const estimate = estimateUnit({
        step,
        values,
        known,
        readyMs,
        calendar: unitCalendar,
        departments: process.departments,
      });
      return { ...estimate, id, readyMs };
    }
    return planSubProcess(step, id, values, known, readyMs, unitCalendar, planOptions, within);
  }
}

async function planSubProcess(
  step: ProcessStep,
  id: string,
  values: Awaited<ReturnType<KnownValues['evaluate']>>,
  known: KnownValues,
  readyMs: number,
  calendar: CompiledCalendar,
  options: PlanOptions,
  nesting: Nesting,
): Promise<UnitRow> {
  const notes: string[] = [];
  const base = { id, readyMs, title: step.process, department: null, dueMs: null, notes };
  if (step.effort) return { ...base, finishMs: addDuration(readyMs, step.effort, calendar), basis: 'effort', cost: 0 };
  const nested = nesting.stack.length < MAXIMUM_FORECAST_DEPTH && !nesting.stack.includes(step.process);
  const child = nested && options.loadProcess ? await options.loadProcess(step.process) : undefined;
  if (child === undefined) {
    notes.push(`"${step.process}" is not at hand: counted as ${DEFAULT_PROCESS_EFFORT.days} business days`);
    return { ...base, finishMs: addDuration(readyMs, DEFAULT_PROCESS_EFFORT, calendar), basis: 'default', cost: 0 };
  }
  const input = childInput(step, values, known, notes);
  const childKnown = new KnownValues(input === null ? ['steps', 'input'] : ['steps']);
  const { plan, finishMs } = await planWithin(
    child,
    input ?? {},
    { start: readyMs, loadProcess: options.loadProcess },
    { known: childKnown, stack: [...nesting.stack, step.process] },
  );
  return { ...base, finishMs, basis: 'sub-process', cost: plan.costs.total, subProcess: plan };
}

/** The calendar the process counts in, chosen by the interpreter's rules (`plan/instance-calendar.ts`). */
async function chooseCalendar(
  plan: CompiledProcess,
  options: PlanOptions,
  known: KnownValues,
  context: ExpressionContext,
  notes: string[],
): Promise<CompiledCalendar> {
  const expressions = calendarExpressions(plan, options.calendar);
  if (known.anyUnknown(expressions)) {
    notes.push(`calendar ${UNKNOWN}: dates counted every day, all day`);
    return ALWAYS_OPEN_CALENDAR;
  }
  let id: string | null;
  try {
    id = calendarIdOf(plan, options.calendar, await known.evaluate(expressions, context));
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    notes.push(`the calendar would fail at run time: ${error.message}; dates counted every day, all day`);
    return ALWAYS_OPEN_CALENDAR;
  }
  return calendarById(plan, id, (unknown, known) => new UnknownCalendarError(unknown, known));
}

function startOf(start: number | string, calendar: CompiledCalendar): number {
  if (typeof start === 'number' && Number.isFinite(start)) return start;
  const day = typeof start === 'string' ? parseIsoDate(start) : undefined;
  if (day === undefined) throw new InvalidStartError(`the start "${start}" is not a YYYY-MM-DD date`);
  return fromLocal(day, workingHoursOf(calendar).start, calendar.timeZone);
}

function conditionOf(test: () => boolean, notes: string[]): PlannedStep['condition'] {
  try {
    return test() ? 'met' : 'not met';
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    notes.push(`would fail at run time: ${error.message}; planned as if it held`);
    return 'met';
  }
}

/** The items of a `forEach`, or null when only the run knows them (one representative item is planned). */
function plannedItems(
  forEach: ForEach,
  values: Awaited<ReturnType<KnownValues['evaluate']>>,
  known: KnownValues,
  notes: string[],
): JsonValue[] | null {
  if (known.isUnknown(forEach.items)) {
    notes.push(`items ${UNKNOWN}: one representative item planned`);
    return null;
  }
  try {
    return forEachItems(forEach, values);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    notes.push(`would fail at run time: ${error.message}; one representative item planned`);
    return null;
  }
}

/** The date a task's or approval's due is anchored to, when it can be known before the run. */
async function anchorIn(step: CompiledStep, context: object, known: KnownValues): Promise<Anchored | null> {
  if (!isTask(step)) return null;
  const expression = 'before' in step.due ? step.due.before : 'after' in step.due ? step.due.after : null;
  if (expression === null) return null;
  return anchorOf(step.due, await known.evaluate([expression], context));
}

/** What a running instance's status query said of a unit or step, in the result's ISO strings. */
function progressJson(
  progress: NonNullable<UnitRow['progress']>,
  iso: (ms: number) => string,
): Pick<PlannedUnit, 'status' | 'openedAt' | 'completedAt' | 'actualCost'> {
  return {
    status: progress.status,
    openedAt: progress.openedMs === null ? null : iso(progress.openedMs),
    completedAt: progress.completedMs === null ? null : iso(progress.completedMs),
    actualCost: progress.actualCost,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
