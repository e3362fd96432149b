import type { JsonObject, JsonSchema } from '../plan/types';

/** What the interpreter asks the database to do; plain JSON, times as ISO-8601 strings. */

export interface TaskToOpen {
  readonly id: string;
  readonly instanceId: string;
  readonly stepId: string;
  readonly title: string;
  readonly description: string | null;
  readonly department: string;
  readonly dueAt: string;
  readonly estimatedCost: number;
  readonly form: JsonSchema | null;
  readonly openedAt: string;
}

export interface TaskCompletion {
  readonly taskId: string;
  readonly output: JsonObject;
  readonly actualCost: number;
  readonly completedAt: string;
  readonly completedBy: string;
}

export interface OverdueTask {
  readonly taskId: string;
  readonly instanceId: string;
  readonly department: string;
  readonly title: string;
  readonly dueAt: string;
  readonly noticedAt: string;
}

export interface InstanceOutcome {
  readonly instanceId: string;
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly completedAt: string;
}

/**
 * The interpreter's view of its activities. Workflow code imports this file only, and
 * only its types; `createActivities` implements it.
 */
export interface Activities {
  openTasks(tasks: readonly TaskToOpen[]): Promise<void>;
  /** Records a completion and, in the same transaction, opens the tasks it made ready. */
  completeTask(completion: TaskCompletion, tasksToOpen?: readonly TaskToOpen[]): Promise<void>;
  markTaskOverdue(task: OverdueTask): Promise<void>;
  cancelTasks(taskIds: readonly string[]): Promise<void>;
  recordInstanceOutcome(outcome: InstanceOutcome): Promise<void>;
}
