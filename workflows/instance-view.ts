import type { StepFacts } from '../plan/context';
import type { CostFigures, InstanceCost, InstanceView, RunStatus, StepView } from '../plan/instance-view';
import { isTask } from '../plan/steps';
import { literalText } from '../plan/template';
import type { ProcessWorkflowInput, TaskCompletion } from './messages';
import { SETTLED, type StepState, type UnitState } from './run-state';

/** What the status query answers and updates return: plain JSON read off the run's state. */
export function instanceView(
  run: ProcessWorkflowInput,
  steps: readonly StepState[],
  status: RunStatus,
  completedAt: number | null,
): InstanceView {
  const settled = steps.filter((state) => SETTLED.includes(state.status));
  return {
    instanceId: run.instanceId,
    key: run.key,
    version: run.version,
    status,
    progress: { done: settled.length, total: steps.length },
    cost: costOf(steps),
    steps: steps.map(stepView),
    completedAt: completedAt === null ? null : iso(completedAt),
    ...(run.calendar === undefined ? {} : { calendar: run.calendar }),
  };
}

/** A step with one unit reads as that unit; a `forEach` step lists its items. */
export function stepView(state: StepState): StepView {
  const { step, units } = state;
  const single = step.forEach === null ? (units?.[0] ?? null) : null;
  if (single !== null) {
    return { ...unitView(state, single), estimatedCost: estimatedCost(state), actualCost: stepActualCost(state) };
  }
  const base: StepView = {
    stepId: step.id,
    kind: step.kind,
    title: null,
    // A department written as is is known before the step starts; a computed one only after.
    department: isTask(step) ? literalText(step.department) : null,
    status: state.status,
    taskId: null,
    openedAt: null,
    dueAt: null,
    overdue: false,
    estimatedCost: estimatedCost(state),
    actualCost: stepActualCost(state),
    completedAt: null,
    completedBy: null,
    error: state.error,
    round: state.round,
  };
  if (units === null) return base;
  const openedAt = units.flatMap((unit) => unit.openedAt ?? []);
  const departments = new Set(units.flatMap((unit) => unit.department ?? []));
  return {
    ...base,
    department: departments.size === 1 ? ([...departments][0] ?? null) : base.department,
    openedAt: openedAt.length > 0 ? iso(Math.min(...openedAt)) : null,
    overdue: units.some((unit) => unit.overdue),
    completedAt: stepCompletedAt(state),
    items: units.map((unit) => unitView(state, unit)),
  };
}

function unitView(state: StepState, unit: UnitState): StepView {
  const hasTask = isTask(state.step) && unit.status !== 'pending' && !unit.opening;
  return {
    stepId: unit.id,
    kind: state.step.kind,
    title: unit.title,
    department: unit.department,
    status: unit.opening ? 'pending' : unit.status,
    taskId: hasTask ? unit.taskId : null,
    openedAt: unit.openedAt === null ? null : iso(unit.openedAt),
    dueAt: unit.dueAt === null ? null : iso(unit.dueAt),
    overdue: unit.overdue,
    estimatedCost: unit.estimatedCost,
    actualCost: unit.actualCost,
    completedAt: unit.completedAt === null ? null : iso(unit.completedAt),
    completedBy: unit.completedBy,
    error: unit.error ?? state.error,
    round: state.round,
    ...(unit.waitUntil === null ? {} : { waitUntil: iso(unit.waitUntil) }),
    ...(unit.childInstanceId === null ? {} : { childInstanceId: unit.childInstanceId }),
  };
}

export function taskCompletion(unit: UnitState): TaskCompletion {
  return {
    taskId: unit.taskId,
    overdue: unit.overdue,
    actualCost: unit.actualCost,
    completedAt: unit.completedAt === null ? null : iso(unit.completedAt),
    completedBy: unit.completedBy,
  };
}

/** What `steps.<id>` holds in expressions, once the step has started. */
export function stepFacts(state: StepState): StepFacts {
  const { step } = state;
  const units = state.units ?? [];
  return {
    status: state.status,
    output: step.forEach === null ? (units[0]?.output ?? null) : units.map((unit) => unit.output),
    completedAt: stepCompletedAt(state),
    completedBy: step.forEach === null ? (units[0]?.completedBy ?? null) : null,
  };
}

/** When a done step's last unit was completed. */
function stepCompletedAt(state: StepState): string | null {
  const completedAt = (state.units ?? []).flatMap((unit) => unit.completedAt ?? []);
  return state.status === 'done' && completedAt.length > 0 ? iso(Math.max(...completedAt)) : null;
}

const UNASSIGNED = 'unassigned';

/** The instance's cost figures, in total and by department. */
export function costOf(steps: readonly StepState[]): InstanceCost {
  const byDepartment = new Map<string, { -readonly [figure in keyof CostFigures]: number }>();
  const add = (department: string | null, figures: Partial<CostFigures>) => {
    // Steps without a queue (a notification, a milestone) cost nothing and belong to no department.
    if (department === null && Object.values(figures).every((amount) => !amount)) return;
    const key = department ?? UNASSIGNED;
    const total = byDepartment.get(key) ?? { ...NO_COST };
    total.estimated += figures.estimated ?? 0;
    total.committed += figures.committed ?? 0;
    total.actual += figures.actual ?? 0;
    total.forecast += figures.forecast ?? 0;
    byDepartment.set(key, total);
  };
  for (const state of steps) {
    const { step } = state;
    const writtenDepartment = isTask(step) ? literalText(step.department) : null;
    const earlier = state.spentInEarlierRounds;
    if (earlier > 0)
      add(writtenDepartment, { estimated: earlier, committed: earlier, actual: earlier, forecast: earlier });
    if (state.status === 'skipped' || state.status === 'cancelled') continue;
    if (state.units === null) {
      const estimate = estimatedCost(state) - earlier;
      add(writtenDepartment, { estimated: estimate, forecast: estimate });
      continue;
    }
    for (const unit of state.units) {
      if (unit.status === 'skipped' || unit.status === 'cancelled') continue;
      const done = unit.status === 'done';
      const spent = done ? (unit.actualCost ?? 0) : 0;
      add(unit.department ?? writtenDepartment, {
        estimated: unit.estimatedCost,
        committed: done ? unit.estimatedCost : 0,
        actual: spent,
        forecast: done ? spent : unit.estimatedCost,
      });
    }
  }
  const departments = [...byDepartment.keys()].sort();
  const totals = [...byDepartment.values()];
  const total = (figure: keyof CostFigures) => roundCents(sum(totals.map((figures) => figures[figure])));
  return {
    estimated: total('estimated'),
    committed: total('committed'),
    actual: total('actual'),
    forecast: total('forecast'),
    byDepartment: Object.fromEntries(
      departments.map((department) => [department, roundFigures(byDepartment.get(department) ?? NO_COST)]),
    ),
  };
}

const NO_COST: CostFigures = { estimated: 0, committed: 0, actual: 0, forecast: 0 };

function roundFigures(figures: CostFigures): CostFigures {
  return {
    estimated: roundCents(figures.estimated),
    committed: roundCents(figures.committed),
    actual: roundCents(figures.actual),
    forecast: roundCents(figures.forecast),
  };
}

/** Amounts are cents: sums of decimals must not show 0.30000000000000004. */
function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Known once the step has started; before, a fixed cost counts and a computed one is not yet known. */
function estimatedCost(state: StepState): number {
  if (state.status === 'skipped') return state.spentInEarlierRounds;
  if (state.units !== null) return state.spentInEarlierRounds + sum(state.units.map((unit) => unit.estimatedCost));
  const { step } = state;
  const fixed = isTask(step) && 'amount' in step.cost && step.forEach === null ? step.cost.amount : 0;
  return state.spentInEarlierRounds + fixed;
}

/** Null until some of it is spent. */
function stepActualCost(state: StepState): number | null {
  const spent = (state.units ?? []).some((unit) => unit.status === 'done') || state.spentInEarlierRounds > 0;
  return spent ? state.spentInEarlierRounds + spentOn(state.units ?? []) : null;
}

/** What a unit's done work cost, for a step about to be redone. */
export function spentOn(units: readonly UnitState[]): number {
  return sum(units.filter((unit) => unit.status === 'done').map((unit) => unit.actualCost ?? 0));
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
