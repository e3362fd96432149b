import { parseAnchor } from '../plan/business-time';
import { type CompiledCalendar, isBusinessDayNumber, workingTimeBetween } from '../plan/calendar';
import { formatIsoDate } from '../plan/civil-date';
import type { StepStatus } from '../plan/instance-view';
import type { CompiledStep } from '../plan/types';
import { fromLocal, toLocal } from '../plan/zoned-time';
import type { PlannedAnchor, PlannedStep, ProcessForecast } from './result';
import type { UnitEstimate } from './units';

/** What the forecast works out from the scheduled steps: the critical path, the anchors, the days off. */

/** A unit being planned, in ms, before the result's ISO strings. */
export interface UnitRow extends UnitEstimate {
  readonly id: string;
  readonly readyMs: number;
  readonly subProcess?: ProcessForecast;
  /** Where a running instance's unit stands (`forecastInstance`). */
  readonly progress?: UnitProgress;
}

/** What a running instance's status query said of a step or item. */
export interface UnitProgress {
  readonly status: StepStatus;
  readonly openedMs: number | null;
  readonly completedMs: number | null;
  readonly actualCost: number | null;
}

/** A step once scheduled: skipped, or its units (one, or one per item). */
export interface StepRow {
  readonly step: CompiledStep;
  readonly condition: PlannedStep['condition'];
  readonly skipped: boolean;
  readonly units: readonly UnitRow[];
  /** A `forEach` step. */
  readonly items: boolean;
  /** A `forEach` step whose list only the run knows: one representative item stands for all. */
  readonly itemsUnknown?: boolean;
  readonly readyMs: number;
  readonly finishMs: number;
  readonly notes: readonly string[];
  /** Where a running instance's step stands (`forecastInstance`). */
  readonly progress?: UnitProgress;
}

/**
 * The chain that decides the expected finish, traced back from the step that ends last through,
 * at each step, the step of its `after` that finished last. Skipped steps are passed through but
 * not listed; a `forEach` step is listed with its item that ends last.
 */
export function criticalPath(
  steps: readonly CompiledStep[],
  finishOf: ReadonlyMap<string, number>,
  drivenBy: ReadonlyMap<string, string | null>,
  rows: readonly { step: CompiledStep; skipped: boolean; units: readonly UnitRow[]; items: boolean }[],
): { readonly path: string[]; readonly marked: ReadonlySet<string> } {
  let last: string | null = null;
  for (const step of steps) {
    const finish = finishOf.get(step.id) ?? 0;
    if (last === null || finish >= (finishOf.get(last) ?? 0)) last = step.id;
  }
  const path: string[] = [];
  const marked = new Set<string>();
  for (let id = last; id !== null; id = drivenBy.get(id) ?? null) {
    const row = rows.find((candidate) => candidate.step.id === id);
    if (row === undefined || row.skipped) continue;
    marked.add(id);
    if (!row.items) {
      path.push(id);
      continue;
    }
    const latest = row.units.reduce<UnitRow | undefined>(
      (found, unit) => (found && found.finishMs >= unit.finishMs ? found : unit),
      undefined,
    );
    if (latest) {
      path.push(latest.id);
      marked.add(latest.id);
    }
  }
  return { path: path.reverse(), marked };
}

/**
 * Total float: how much working time each step and unit could finish later than expected without
 * moving the expected finish, every step keeping its expected working time (from its start to its
 * finish). A backward pass from the expected finish: a step must finish by the latest start of
 * the steps waiting for it; a unit of a `forEach` by its step's latest finish. Units on the
 * critical path have none. Keyed by step and unit id, in working milliseconds of `calendar`.
 */
export function totalFloat(
  rows: readonly StepRow[],
  finishMs: number,
  calendar: CompiledCalendar,
): ReadonlyMap<string, number> {
  // Working time since the expected finish (negative before it): durations and floats are differences of it.
  const at = (ms: number) => -workingTimeBetween(ms, finishMs, calendar);
  const latestFinish = new Map<string, number>();
  const floats = new Map<string, number>();
  for (const row of [...rows].reverse()) {
    const { id } = row.step;
    const finish = latestFinish.get(id) ?? at(finishMs);
    floats.set(id, finish - at(row.finishMs));
    for (const unit of row.units) if (unit.id !== id) floats.set(unit.id, finish - at(unit.finishMs));
    const latestStart = finish - (at(row.finishMs) - at(row.readyMs));
    for (const before of row.step.after) {
      latestFinish.set(before, Math.min(latestFinish.get(before) ?? Number.POSITIVE_INFINITY, latestStart));
    }
  }
  return floats;
}

export function anchorsOf(
  rows: readonly { step: CompiledStep; units: readonly UnitRow[] }[],
  finishMs: number,
  calendar: CompiledCalendar,
  iso: (ms: number) => string,
): PlannedAnchor[] {
  const anchors = new Map<
    string,
    {
      expression: string;
      kind: 'before' | 'after';
      value: string | number;
      units: { id: string; due: string; met: boolean }[];
    }
  >();
  for (const { step, units } of rows) {
    if (step.kind !== 'task' && step.kind !== 'approval') continue;
    for (const unit of units) {
      if (unit.dueMs === null) continue;
      const { anchor } = unit;
      if (!anchor) continue;
      const key = `${anchor.kind}\u0000${anchor.expression}\u0000${anchor.value}`;
      const entry = anchors.get(key) ?? { ...anchor, units: [] };
      entry.units.push({ id: unit.id, due: iso(unit.dueMs), met: unit.finishMs <= unit.dueMs });
      anchors.set(key, entry);
    }
  }
  return [...anchors.values()].map((anchor) => {
    const parsed = parseAnchor(anchor.value, calendar.timeZone);
    const at =
      parsed === undefined
        ? null
        : 'instantMs' in parsed
          ? parsed.instantMs
          : fromLocal(parsed.day, 0, calendar.timeZone);
    return {
      ...anchor,
      met: anchor.units.every((unit) => unit.met),
      finishBefore: anchor.kind === 'before' && at !== null ? finishMs <= at : null,
    };
  });
}

/** The days off of the calendar between two instants, both days included. */
export function daysOff(fromMs: number, toMs: number, calendar: CompiledCalendar): string[] {
  const last = toLocal(toMs, calendar.timeZone).day;
  const days: string[] = [];
  for (let day = toLocal(fromMs, calendar.timeZone).day; day <= last; day += 1) {
    if (!isBusinessDayNumber(day, calendar)) days.push(formatIsoDate(day));
  }
  return days;
}
