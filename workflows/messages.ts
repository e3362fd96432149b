import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CompiledProcess, JsonObject } from '../plan/types';

/** The contract between the interpreter and its callers (API, CLI, tests): plain JSON only. */

export interface ProcessWorkflowInput {
  readonly instanceId: string;
  readonly key: string;
  readonly version: number;
  readonly plan: CompiledProcess;
  readonly input: JsonObject;
}

export const STEP_STATUSES = ['pending', 'open', 'done', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface StepView {
  readonly stepId: string;
  readonly title: string | null;
  readonly department: string;
  readonly status: StepStatus;
  readonly taskId: string | null;
  readonly openedAt: string | null;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly estimatedCost: number;
  readonly actualCost: number | null;
  readonly completedAt: string | null;
  readonly completedBy: string | null;
}

export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed';

export interface InstanceView {
  readonly instanceId: string;
  readonly key: string;
  readonly version: number;
  readonly status: RunStatus;
  readonly progress: { readonly done: number; readonly total: number };
  readonly cost: { readonly estimated: number; readonly actual: number };
  readonly steps: readonly StepView[];
  readonly completedAt: string | null;
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

/** `ApplicationFailure.type` values the validators reject with; callers branch on them. */
export const RejectionType = {
  taskNotFound: 'TaskNotFound',
  taskNotOpen: 'TaskNotOpen',
  instanceNotRunning: 'InstanceNotRunning',
  invalidCompletion: 'InvalidCompletion',
} as const;

export const statusQuery = defineQuery<InstanceView>('status');
/** Sent with the start (update-with-start): answers once the first tasks are in their inboxes. */
export const firstTasksOpenedUpdate = defineUpdate<InstanceView, []>('firstTasksOpened');
export const completeTaskUpdate = defineUpdate<StepView, [CompleteTaskRequest]>('completeTask');
export const cancelInstanceUpdate = defineUpdate<InstanceView, [CancelInstanceRequest]>('cancelInstance');
