import { parseAnchor } from '../plan/business-time';
import type { InstanceView, StepView } from '../plan/instance-view';
import type { CompiledProcess, JsonObject } from '../plan/types';
import { formatLocalIso, fromLocal } from '../plan/zoned-time';
import { type PlanOptions, planWithin } from './forecast-process';
import { KnownValues } from './known-values';
import type { PlannedStep, PlannedUnit, ProcessForecast } from './result';

/** A unit expected to end after its due, or after a date its due is anchored before. */
export interface UnitAtRisk {
  readonly id: string;
  readonly department: string | null;
  readonly status: NonNullable<PlannedUnit['status']>;
  readonly expectedFinish: string;
  readonly due: string | null;
  /** Negative: working time by which it misses its due (null when only an anchor is missed). */
  readonly slackMs: number | null;
  readonly slackDays: number | null;
  /** `due`, and/or the anchor's expression (`input.openingDate`) when it ends after that date. */
  readonly reasons: readonly string[];
}

/** What `GET /instances/:id/plan` answers: the plan of a running instance from where it stands. */
export interface InstanceForecast extends ProcessForecast {
  readonly instanceId: string;
  readonly version: number;
  /** The instant the plan counts from: nothing left to do starts or ends before it. */
  readonly now: string;
  readonly atRisk: readonly UnitAtRisk[];
}

export interface InstancePlanOptions {
  /** Epoch ms: what is still to do starts no earlier. */
  readonly now: number;
  /** Epoch ms: when the instance started. */
  readonly startedAt: number;
  /** The calendar the instance counts in, when its start chose one over the process's own. */
  readonly calendar?: string;
  readonly loadProcess?: PlanOptions['loadProcess'];
}

const ENDED = new Set(['done', 'skipped', 'cancelled']);

/**
 * The action plan of a running instance from where its status query says it stands. Pure, like
 * `forecastProcess`, whose rules it follows for the steps still pending, with these on top:
 *
 * - A step that has ended keeps its real dates (`basis: actual`); a skipped one ends when it did.
 * - An open task or approval ends by its due as the instance set it, or when it opened plus its
 *   `effort`; any open step, and a failed one, ends no earlier than `now`.
 * - A pending step starts when its `after` is expected to finish, and no earlier than `now`: its
 *   due counts from there, as the interpreter will count it.
 * - The critical path and the steps at risk leave out what has ended.
 */
export async function forecastInstance(
  plan: CompiledProcess,
  input: JsonObject,
  view: InstanceView,
  options: InstancePlanOptions,
): Promise<InstanceForecast> {
  const steps = new Map<string, StepView>(view.steps.map((step) => [step.stepId, step]));
  const { plan: planned } = await planWithin(
    plan,
    input,
    {
      start: options.startedAt,
      ...(options.calendar === undefined ? {} : { calendar: options.calendar }),
      ...(options.loadProcess === undefined ? {} : { loadProcess: options.loadProcess }),
    },
    { known: new KnownValues(['steps']), stack: [], progress: { nowMs: options.now, steps } },
  );
  const ended = (unit: PlannedUnit) => unit.status !== undefined && ENDED.has(unit.status);
  const withStatus = <T extends PlannedUnit>(unit: T): T => ({
    ...unit,
    status: unit.status ?? 'pending',
    openedAt: unit.openedAt ?? null,
    completedAt: unit.completedAt ?? null,
    actualCost: unit.actualCost ?? null,
    critical: unit.critical && !ended(unit),
  });
  const stepsNow = planned.steps.map(
    (step): PlannedStep => ({ ...withStatus(step), items: step.items?.map(withStatus) ?? null }),
  );
  const units = stepsNow.flatMap((step) => (step.items ? step.items : step.skipped ? [] : [step]));
  const endedIds = new Set(units.filter(ended).map((unit) => unit.id));
  for (const step of stepsNow) if (ended(step)) endedIds.add(step.id);
  return {
    ...planned,
    instanceId: view.instanceId,
    version: view.version,
    now: formatLocalIso(options.now, planned.timeZone),
    steps: stepsNow,
    criticalPath: planned.criticalPath.filter((id) => !endedIds.has(id)),
    atRisk: atRisk(units, planned),
  };
}

function atRisk(units: readonly PlannedUnit[], planned: ProcessForecast): UnitAtRisk[] {
  const anchorsOf = new Map<string, { expression: string; atMs: number }[]>();
  for (const anchor of planned.anchors) {
    if (anchor.kind !== 'before') continue;
    const parsed = parseAnchor(anchor.value, planned.timeZone);
    if (parsed === undefined) continue;
    const atMs = 'instantMs' in parsed ? parsed.instantMs : fromLocal(parsed.day, 0, planned.timeZone);
    for (const unit of anchor.units) {
      anchorsOf.set(unit.id, [...(anchorsOf.get(unit.id) ?? []), { expression: anchor.expression, atMs }]);
    }
  }
  return units.flatMap((unit): UnitAtRisk[] => {
    if (unit.status !== undefined && ENDED.has(unit.status)) return [];
    const finishMs = Date.parse(unit.expectedFinish);
    const reasons = [
      ...(unit.slackMs !== null && unit.slackMs < 0 ? ['due'] : []),
      ...(anchorsOf.get(unit.id) ?? []).filter((anchor) => finishMs > anchor.atMs).map((anchor) => anchor.expression),
    ];
    if (reasons.length === 0) return [];
    return [
      {
        id: unit.id,
        department: unit.department,
        status: unit.status ?? 'pending',
        expectedFinish: unit.expectedFinish,
        due: unit.due,
        slackMs: unit.slackMs,
        slackDays: unit.slackDays,
        reasons,
      },
    ];
  });
}
