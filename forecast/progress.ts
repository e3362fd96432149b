import { assertNever } from '../plan/assert-never';
import { addDuration } from '../plan/business-time';
import type { CompiledCalendar } from '../plan/calendar';
import type { StepView } from '../plan/instance-view';
import type { CompiledStep } from '../plan/types';
import type { StepRow, UnitProgress, UnitRow } from './analysis';
import type { EstimateBasis, PlannedStep } from './result';
import { type Anchored, DEFAULT_PROCESS_EFFORT } from './units';

/**
 * A running instance's steps that have started, as its status query shows them: what ended is
 * dated by its real dates, what is open by when it opened (its due as the query gives it), and is
 * expected to end no earlier than now.
 */
export interface Progress {
  readonly nowMs: number;
  /** The status query's steps by id (a `forEach` step carries its items). */
  readonly steps: ReadonlyMap<string, StepView>;
}

const ENDED = new Set<StepView['status']>(['done', 'skipped', 'cancelled']);

/** The scheduled row of a step that is no longer pending; `readyMs` is when its `after` finished. */
export function progressRow(
  step: CompiledStep,
  view: StepView,
  readyMs: number,
  nowMs: number,
  calendar: CompiledCalendar,
  /** The date the step's due is anchored to, for the plan's anchors. */
  anchor: Anchored | null = null,
): StepRow {
  const progress = progressOf(view);
  const skipped = view.status === 'skipped' || view.status === 'cancelled';
  const condition: PlannedStep['condition'] = step.when === null ? null : skipped ? 'not met' : 'met';
  const units = skipped
    ? []
    : step.forEach === null
      ? [progressUnit(step, view, readyMs, nowMs, calendar, anchor)]
      : (view.items ?? []).map((item) => progressUnit(step, item, readyMs, nowMs, calendar, anchor));
  const openedMs = [progress.openedMs, ...units.map((unit) => unit.progress?.openedMs ?? null)].find(
    (ms) => ms !== null,
  );
  const startMs = openedMs ?? readyMs;
  const finishMs = skipped
    ? (progress.completedMs ?? startMs)
    : Math.max(startMs, ...units.map((unit) => unit.finishMs));
  return {
    step,
    condition,
    skipped,
    units,
    items: step.forEach !== null,
    readyMs: startMs,
    finishMs,
    notes: [],
    progress,
  };
}

function progressUnit(
  step: CompiledStep,
  view: StepView,
  readyMs: number,
  nowMs: number,
  calendar: CompiledCalendar,
  anchor: Anchored | null,
): UnitRow {
  const progress = progressOf(view);
  const openedMs = progress.openedMs ?? readyMs;
  const base = {
    id: view.stepId,
    title: view.title,
    department: view.department,
    readyMs: openedMs,
    dueMs: view.dueAt === null ? null : Date.parse(view.dueAt),
    cost: view.estimatedCost,
    progress,
    anchor,
  };
  if (ENDED.has(view.status)) {
    return { ...base, finishMs: progress.completedMs ?? openedMs, basis: 'actual', notes: [] };
  }
  if (view.status === 'failed') {
    return {
      ...base,
      finishMs: Math.max(openedMs, nowMs),
      basis: 'unknown',
      notes: [`failed${view.error ? ` (${view.error})` : ''}: waits for a manager to retry or skip it`],
    };
  }
  // Open (or an item not started yet): from when it opened, by its effort or as its kind says.
  const { finishMs, basis, notes } = expectedEnd(step, view, openedMs, calendar);
  return { ...base, finishMs: Math.max(finishMs, nowMs, openedMs), basis, notes };
}

function expectedEnd(
  step: CompiledStep,
  view: StepView,
  openedMs: number,
  calendar: CompiledCalendar,
): { finishMs: number; basis: EstimateBasis; notes: string[] } {
  if (step.effort) return { finishMs: addDuration(openedMs, step.effort, calendar), basis: 'effort', notes: [] };
  switch (step.kind) {
    case 'task':
    case 'approval':
      return view.dueAt === null
        ? { finishMs: openedMs, basis: 'unknown', notes: ['no due date: expected at once'] }
        : { finishMs: Date.parse(view.dueAt), basis: 'due', notes: [] };
    case 'wait':
      return { finishMs: view.waitUntil ? Date.parse(view.waitUntil) : openedMs, basis: 'wait', notes: [] };
    case 'call':
      return { finishMs: openedMs + step.timeoutMs, basis: 'timeout', notes: [] };
    case 'process':
      return {
        finishMs: addDuration(openedMs, DEFAULT_PROCESS_EFFORT, calendar),
        basis: 'default',
        notes: [
          `a running sub-process: counted as ${DEFAULT_PROCESS_EFFORT.days} business days${view.childInstanceId ? `; its own plan: GET /instances/${view.childInstanceId}/plan` : ''}`,
        ],
      };
    case 'notify':
    case 'milestone':
      return { finishMs: openedMs, basis: 'instant', notes: [] };
    default:
      return assertNever(step);
  }
}

function progressOf(view: StepView): UnitProgress {
  return {
    status: view.status,
    openedMs: view.openedAt === null ? null : Date.parse(view.openedAt),
    completedMs: view.completedAt === null ? null : Date.parse(view.completedAt),
    actualCost: view.actualCost,
  };
}
