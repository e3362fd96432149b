import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Requester } from '../plan/context';
import type { InstanceView, StepView } from '../plan/instance-view';
import type { JsonObject } from '../plan/types';
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
  /** Who asked for it through the catalogue: `instance.requester` in its expressions. */
  readonly requester?: Requester;
}

/**
 * The runtime new instances start with; what each one changed is in `workflows/runtime.ts`.
 * Starters (API, parent instances) set it; upgrade every worker before the API.
 */
export const CURRENT_RUNTIME = 3;

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

/** New start data to try, nothing changed (`previewInputChangeQuery`). */
export interface PreviewInputChangeRequest {
  /** The whole new input, already checked against the start form. */
  readonly input: JsonObject;
}

/**
 * What a re-plan with that input would move: the open tasks whose due dates would change and the
 * waits whose end would, computed as `changeInput` computes them; `view` is the instance as it is.
 * Dates are ISO instants; `stepId` is the unit's (`equipment[2]` for an item).
 */
export interface InputChangePreview {
  readonly view: InstanceView;
  readonly dues: readonly ProposedDue[];
  readonly waits: readonly ProposedWaitEnd[];
}

export interface ProposedDue {
  readonly taskId: string;
  readonly stepId: string;
  readonly dueAt: string;
  readonly proposedDueAt: string;
}

export interface ProposedWaitEnd {
  readonly stepId: string;
  readonly waitUntil: string;
}

/** A manager's decision on a failed step: run it again, or treat it as skipped. */
export interface StepActionRequest {
  readonly stepId: string;
  readonly requestedBy: string;
}

/** A manager moves an open task to another department's queue. */
export interface ReassignTaskRequest {
  readonly taskId: string;
  readonly department: string;
  readonly reassignedBy: string;
  /** For the message the department receives. */
  readonly reassignedByName: string;
}

export interface TaskReassigned {
  readonly department: string;
}

/** `ApplicationFailure.type` values the validators reject with; callers branch on them. */
export const RejectionType = {
  taskNotFound: 'TaskNotFound',
  taskNotOpen: 'TaskNotOpen',
  instanceNotRunning: 'InstanceNotRunning',
  invalidCompletion: 'InvalidCompletion',
  invalidInput: 'InvalidInput',
  invalidReassignment: 'InvalidReassignment',
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
/** Read-only, so it needs no patch: a query leaves nothing in the history. */
export const previewInputChangeQuery = defineQuery<InputChangePreview, [PreviewInputChangeRequest]>(
  'previewInputChange',
);
/** Sent with the start (update-with-start): answers once the first tasks are in their inboxes. */
export const firstTasksOpenedUpdate = defineUpdate<FirstTasksOpened, []>('firstTasksOpened');
export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTaskRequest]>('completeTask');
export const cancelInstanceUpdate = defineUpdate<InstanceView, [CancelInstanceRequest]>('cancelInstance');
export const changeInputUpdate = defineUpdate<InstanceView, [ChangeInputRequest]>('changeInput');
export const retryStepUpdate = defineUpdate<StepView, [StepActionRequest]>('retryStep');
export const reassignTaskUpdate = defineUpdate<TaskReassigned, [ReassignTaskRequest]>('reassignTask');
export const skipStepUpdate = defineUpdate<StepView, [StepActionRequest]>('skipStep');
