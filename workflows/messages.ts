import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { JsonObject, StepKind } from '../plan/types';
import type { StoredPlan } from '../plan/upgrade';

/** The contract between the interpreter and its callers (API, CLI, tests): plain JSON only. */

export interface ProcessWorkflowInput {
  readonly instanceId: string;
  readonly key: string;
  readonly version: number;
  /** Any stored format: instances keep the plan they started with. */
  readonly plan: StoredPlan;
  readonly input: JsonObject;
  /** A calendar id the start chose over the process's own (e.g. the site's country's). */
  readonly calendar?: string;
  /** Set when the instance is a sub-process: the instance and step (or item) that started it, and how deep it nests. */
  readonly parent?: { readonly instanceId: string; readonly stepId: string; readonly depth?: number };
  /**
   * The interpreter behaviour the instance started with, fixed by this field rather than by patch
   * markers (each marker costs the history an event and a search-attribute upsert). Absent in
   * instances started before it existed: their patch markers decide, as they did then.
   */
  readonly runtime?: number;
}

/**
 * The runtime new instances start with; what each one changed is in `workflows/runtime.ts`.
 * Starters (API, parent instances) set it; upgrade every worker before the API.
 */
export const CURRENT_RUNTIME = 3;

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

export type RunStatus = 'running' | 'completed' | 'cancelled' | 'rejected' | 'failed';

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

export interface CompleteTaskRequest {
  readonly taskId: string;
  readonly output: JsonObject;
  /** When absent, the step's estimate counts as its actual cost. */
  readonly actualCost?: number;
  readonly completedBy: string;
}

export interface CancelInstanceRequest {
  readonly cancelledBy: string;
}

/** New start data for a running instance: its open tasks' anchored due dates and its waits move with it. */
export interface ChangeInputRequest {
  /** The whole new input, already checked against the start form. */
  readonly input: JsonObject;
  readonly changedBy: string;
}

/** A manager's decision on a failed step: run it again, or treat it as skipped. */
export interface StepActionRequest {
  readonly stepId: string;
  readonly requestedBy: string;
}

/** `ApplicationFailure.type` values the validators reject with; callers branch on them. */
export const RejectionType = {
  taskNotFound: 'TaskNotFound',
  taskNotOpen: 'TaskNotOpen',
  instanceNotRunning: 'InstanceNotRunning',
  invalidCompletion: 'InvalidCompletion',
  invalidInput: 'InvalidInput',
  stepNotFound: 'StepNotFound',
  stepNotFailed: 'StepNotFailed',
} as const;

/**
 * The Updates on the hot path answer with only what their callers read: every answer is kept
 * in the instance's history, and full views made Baton's histories twice the bytes.
 */
export interface FirstTasksOpened {
  readonly taskIds: readonly string[];
}

/** What the handler wrote to the task's row, so the API answers without reading it back. */
export type TaskCompletion = Pick<StepView, 'taskId' | 'overdue' | 'actualCost' | 'completedAt' | 'completedBy'>;

export const statusQuery = defineQuery<InstanceView>('status');
/** Sent with the start (update-with-start): answers once the first tasks are in their inboxes. */
export const firstTasksOpenedUpdate = defineUpdate<FirstTasksOpened, []>('firstTasksOpened');
export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTaskRequest]>('completeTask');
export const cancelInstanceUpdate = defineUpdate<InstanceView, [CancelInstanceRequest]>('cancelInstance');
export const changeInputUpdate = defineUpdate<InstanceView, [ChangeInputRequest]>('changeInput');
export const retryStepUpdate = defineUpdate<StepView, [StepActionRequest]>('retryStep');
export const skipStepUpdate = defineUpdate<StepView, [StepActionRequest]>('skipStep');
