import type { StepKind } from './types';

/**
 * What an instance looks like from outside: the interpreter answers its status query with it, the
 * forecast reads it to plan the rest of a running instance, the API presents it. Plain JSON.
 */

export const STEP_STATUSES = ['pending', 'open', 'done', 'skipped', 'failed', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A step, or one item of a `forEach` step (`stepId` like `equipment[2]`). */
export interface StepView {
  readonly stepId: string;
  readonly kind: StepKind;
  readonly title: string | null;
  /** The department whose queue holds the task; null for steps that are not tasks. */
  readonly department: string | null;
  readonly status: StepStatus;
  readonly taskId: string | null;
  readonly openedAt: string | null;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly estimatedCost: number;
  readonly actualCost: number | null;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
  /** Why the step failed; a manager may retry or skip it. */
  readonly error: string | null;
  /** How many times an approval sent this step back (0 the first time). */
  readonly round: number;
  /** When a `wait` step resumes. */
  readonly waitUntil?: string;
  /** The instance a `process` step started. */
  readonly childInstanceId?: string;
  /** The items of a `forEach` step, once it has started. */
  readonly items?: readonly StepView[];
}

/** `terminated`: Temporal ended the run without Baton (terminated from its UI or CLI, or timed out). */
export const INSTANCE_STATUSES = ['running', 'completed', 'cancelled', 'rejected', 'failed', 'terminated'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
/** What the interpreter reports: only the read model learns that a run was terminated. */
export type RunStatus = Exclude<InstanceStatus, 'terminated'>;

export interface InstanceView {
  readonly instanceId: string;
  readonly key: string;
  readonly version: number;
  readonly status: RunStatus;
  readonly progress: { readonly done: number; readonly total: number };
  readonly cost: InstanceCost;
  /** When the process has one: the amount for this instance, and whether the forecast is over it. */
  readonly budget?: { readonly amount: number; readonly currency: string; readonly overBudget: boolean };
  readonly steps: readonly StepView[];
  readonly completedAt: string | null;
  /** The calendar the start chose over the process's own, when it chose one. */
  readonly calendar?: string;
}

/**
 * What an instance costs: `estimated` all its (not skipped) work, `committed` the estimates of
 * the work done, `actual` what the work done cost, `forecast` actual plus the estimates of the
 * work still to do. Rounds an approval sent back count in all four.
 */
export interface CostFigures {
  readonly estimated: number;
  readonly committed: number;
  readonly actual: number;
  readonly forecast: number;
}

export interface InstanceCost extends CostFigures {
  /** The same, by department; work whose department is not known yet is under `unassigned`. */
  readonly byDepartment: { readonly [department: string]: CostFigures };
}
