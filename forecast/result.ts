import type { StepStatus } from '../plan/instance-view';
import type { StepKind } from '../plan/types';

/**
 * What `forecastProcess` answers: plain JSON, instants as ISO strings (UTC). Served as is by
 * `POST /definitions/:key/plan` and printed by `baton plan --json`.
 */

/** Said of anything that depends on what happens during the run (`steps.<id>.output`). */
export const UNKNOWN = 'unknown before the run';
export type Unknown = typeof UNKNOWN;

/** Where a unit's expected duration comes from. */
export type EstimateBasis =
  /** The step's `effort:`. */
  | 'effort'
  /** A running instance's step that has ended: its real dates. */
  | 'actual'
  /** Tasks and approvals: done by their due (anchored dues: by that date). */
  | 'due'
  /** Notifications, milestones, skipped steps: done at once. */
  | 'instant'
  /** A wait's duration or date. */
  | 'wait'
  /** A call's timeout. */
  | 'timeout'
  /** A sub-process planned from its own definition. */
  | 'sub-process'
  /** A sub-process whose definition is not at hand: `DEFAULT_PROCESS_EFFORT`. */
  | 'default'
  /** Nothing to go by before the run (a due computed from another step's output): counted as instant. */
  | 'unknown';

/** One unit of work: a step, or one item of a `forEach` step (`equipment[1]`). */
export interface PlannedUnit {
  readonly id: string;
  readonly title: string | null;
  /** Tasks and approvals; null for other kinds or when it depends on the run. */
  readonly department: string | null;
  readonly earliestStart: string;
  readonly expectedFinish: string;
  readonly basis: EstimateBasis;
  /** Tasks and approvals. */
  readonly due: string | null;
  /**
   * Time to due: working time from the expected finish to the due, in ms; negative means at risk.
   * (Named slack in the API since its first version; `floatMs` is the slack against the critical path.)
   */
  readonly slackMs: number | null;
  /** The same in working days of the calendar (two decimals). */
  readonly slackDays: number | null;
  /**
   * Total float: working time the unit could finish later than expected without moving the
   * expected finish of the process, in ms; 0 on the critical path, null once it has ended.
   */
  readonly floatMs: number | null;
  /** The same in working days of the calendar (two decimals). */
  readonly floatDays: number | null;
  readonly estimatedCost: number;
  /** On the critical path. */
  readonly critical: boolean;
  /** What could not be known, what was assumed, what would fail at run time. */
  readonly notes: readonly string[];
  /** A sub-process's own plan, when its definition was at hand. */
  readonly subProcess?: ProcessForecast;
  /** A running instance's plan (`GET /instances/:id/plan`): where the unit stands, its real dates. */
  readonly status?: StepStatus;
  readonly openedAt?: string | null;
  readonly completedAt?: string | null;
  readonly actualCost?: number | null;
}

export interface PlannedStep extends PlannedUnit {
  readonly kind: StepKind;
  readonly after: readonly string[];
  /** The step's `when`: null without one. */
  readonly condition: 'met' | 'not met' | Unknown | null;
  readonly skipped: boolean;
  /** A `forEach` step's items (one representative item when the list is unknown); null otherwise. */
  readonly items: readonly PlannedUnit[] | null;
  /**
   * How many items a `forEach` step has; `unknown before the run` when only the run knows its list
   * (its `estimatedCost` is then the cost of one item); null for other steps.
   */
  readonly itemCount: number | Unknown | null;
}

/** A date some dues are anchored to (`due: { before: input.openingDate, by: 1 business day }`). */
export interface PlannedAnchor {
  readonly expression: string;
  readonly kind: 'before' | 'after';
  /** What the expression gave: a date or date-time. */
  readonly value: string | number;
  /** Every unit due relative to it; `met` when expected to finish by its due. */
  readonly units: readonly { readonly id: string; readonly due: string; readonly met: boolean }[];
  readonly met: boolean;
  /** For `before` anchors: whether the whole process is expected to finish before the date. */
  readonly finishBefore: boolean | null;
}

export interface PlannedCosts {
  readonly total: number;
  /** Sub-processes' costs included, by their departments; `UNKNOWN_DEPARTMENT` for those computed at run time. */
  readonly byDepartment: { readonly [department: string]: number };
  readonly budget: number | null;
  /** Budget minus total; null without a budget. */
  readonly remaining: number | null;
  readonly overBudget: boolean | null;
  /**
   * `forEach` steps whose number of items only the run knows: `total` counts one item of each;
   * every other item costs `costPerItem` more. (A sub-process's own are in its `subProcess` plan.)
   */
  readonly itemsUnknown: readonly { readonly step: string; readonly costPerItem: number }[];
}

export interface ProcessForecast {
  readonly key: string;
  readonly title: string;
  readonly start: string;
  /** The calendar dates are counted in (`always-open` when the process names none). */
  readonly calendar: string;
  readonly timeZone: string;
  readonly expectedFinish: string;
  /** Working time from start to expected finish, in working days (two decimals). */
  readonly workingDays: number;
  /** Weekends and holidays of the calendar from the start to the last finish or due (`YYYY-MM-DD`). */
  readonly daysOff: readonly string[];
  readonly steps: readonly PlannedStep[];
  /** Unit ids, first to last, of the chain that decides the expected finish. */
  readonly criticalPath: readonly string[];
  readonly anchors: readonly PlannedAnchor[];
  readonly costs: PlannedCosts;
  readonly notes: readonly string[];
}
