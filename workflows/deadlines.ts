import { condition } from '@temporalio/workflow';
import type { CompiledCalendar } from '../plan/calendar';
import { escalationInstant } from '../plan/escalation';
import { isTask } from '../plan/steps';
import type { EscalationRung } from '../plan/types';
import { iso } from './instance-view';
import { escalationOf } from './notifications';
import type { RunHost } from './run-host';
import type { StepState, UnitState } from './run-state';

/** What the deadline watchers read of their instance, and what they do on it. */
export interface DeadlineHost {
  isRunning(): boolean;
  /** Every unit of the instance, with its step. */
  units(): Iterable<{ readonly state: StepState; readonly unit: UnitState }>;
  /** Flags the task overdue before any await, then writes it. */
  markOverdue(unit: UnitState, dueAt: number): Promise<void>;
}

/**
 * Runtime 2: one durable timer for the whole instance, at the earliest due date of its open
 * tasks; when it fires, every open task then due is overdue. Completing that task, opening an
 * earlier one or a re-plan moving the dates sets the next timer. A timer per task, as
 * instances before runtime 2 have, cost an event pair and a dozen promises per task.
 */
export async function watchEarliestDue(host: DeadlineHost): Promise<void> {
  while (host.isRunning()) {
    const next = earliestDue(host);
    const changed = () => !host.isRunning() || earliestDue(host) !== next;
    if (next === null) {
      await condition(changed);
      continue;
    }
    if (await condition(changed, Math.max(next - Date.now(), 1))) continue;
    const now = Date.now();
    const due = [...host.units()].filter(
      ({ state, unit }) => isWatched(state, unit) && unit.dueAt !== null && unit.dueAt <= now,
    );
    // markOverdue flags each task before its first await: the next timer skips them all.
    await Promise.all(due.map(({ unit }) => host.markOverdue(unit, unit.dueAt ?? now)));
  }
}

/** The earliest due date of the open tasks not yet overdue, or null when there is none. */
function earliestDue(host: DeadlineHost): number | null {
  let earliest: number | null = null;
  for (const { state, unit } of host.units()) {
    if (isWatched(state, unit) && unit.dueAt !== null && (earliest === null || unit.dueAt < earliest)) {
      earliest = unit.dueAt;
    }
  }
  return earliest;
}

/** A task whose deadline is watched: open, its row written, not yet overdue. */
function isWatched(state: StepState, unit: UnitState): boolean {
  return isTask(state.step) && unit.status === 'open' && !unit.opening && !unit.overdue;
}

/**
 * Before runtime 2, a durable timer per task at its due date; it ends as soon as the task
 * leaves `open`. A re-plan that moves the date cancels it and sets the next one, even after
 * the task was overdue.
 */
export async function watchDueDate(unit: UnitState, host: Pick<DeadlineHost, 'markOverdue'>): Promise<void> {
  for (;;) {
    const dueAt = unit.dueAt ?? Date.now();
    const moved = () => unit.dueAt !== dueAt;
    if (!unit.overdue) {
      const interrupted = await condition(() => unit.status !== 'open' || moved(), Math.max(dueAt - Date.now(), 1));
      if (unit.status !== 'open') return;
      if (interrupted) continue;
      await host.markOverdue(unit, dueAt);
    }
    await condition(() => unit.status !== 'open' || moved());
    if (unit.status !== 'open') return;
  }
}

/**
 * The rungs of a task's ladder, each a durable timer in turn, counted from its due date in
 * the instance's calendar; a re-plan that moves the due date moves the rungs still to come.
 * A rung that falls before the task opened (a reminder on a task due sooner) is skipped.
 */
export async function climbLadder(
  unit: UnitState,
  ladder: readonly EscalationRung[],
  calendar: CompiledCalendar,
  escalate: (rung: EscalationRung, index: number) => Promise<void>,
): Promise<void> {
  const fired = new Set<number>();
  for (;;) {
    const dueAt = unit.dueAt ?? Date.now();
    const closedOrMoved = () => unit.status !== 'open' || unit.dueAt !== dueAt;
    const next = ladder
      .map((rung, index) => ({ rung, index, at: escalationInstant(rung.at, dueAt, calendar) }))
      .filter(({ index, at }) => !fired.has(index) && at >= (unit.openedAt ?? 0))
      .sort((a, b) => a.at - b.at || a.index - b.index)[0];
    if (next === undefined) {
      await condition(closedOrMoved);
      if (unit.status !== 'open') return;
      continue;
    }
    const interrupted = await condition(closedOrMoved, Math.max(next.at - Date.now(), 1));
    if (unit.status !== 'open') return;
    if (interrupted) continue;
    fired.add(next.index);
    await escalate(next.rung, next.index);
  }
}

type DeadlineWriter = Pick<RunHost, 'run' | 'plan' | 'write' | 'db'>;

/** A task past its due: flagged before any await (the watchers skip it from then on), then written. */
export function markOverdue(host: DeadlineWriter, state: StepState, unit: UnitState, dueAt: number): Promise<void> {
  unit.overdue = true;
  const overdue = {
    taskId: unit.taskId,
    instanceId: host.run.instanceId,
    department: unit.department ?? host.plan.owner,
    title: unit.title ?? unit.id,
    round: state.round,
    dueAt: iso(dueAt),
    noticedAt: iso(Date.now()),
  };
  return host.write(() => host.db().markTaskOverdue(overdue));
}

/** A rung of a task's ladder fires: its messages go out, and the task moves when the rung reassigns it. */
export async function escalate(
  host: DeadlineWriter,
  state: StepState,
  unit: UnitState,
  rung: EscalationRung,
  index: number,
): Promise<void> {
  const escalation = escalationOf(host, unit, state.round, rung, index, Date.now());
  if (escalation.reassignTo !== null) unit.department = escalation.reassignTo;
  await host.write(() => host.db().escalateTask(escalation));
}
