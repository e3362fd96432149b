import type { NotificationKind, Recipient } from '../plan/recipient';
import type { HttpCall } from '../plan/render-step';
import type { JsonObject, JsonSchema, JsonValue } from '../plan/types';
import type { StoredPlan } from '../plan/upgrade';

/** What the interpreter asks the database to do; plain JSON, times as ISO-8601 strings. */

/** The failure type of a write the database refused for its data: not retried. */
export const WRITE_REFUSED = 'write-refused';

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
  /** `approval` tasks take a decision; absent in writes recorded before approvals existed. */
  readonly kind?: 'task' | 'approval';
  /** Raised each time an approval sends the task back; a row is rewritten only by a later round. */
  readonly round?: number;
  /** Why the task is back (the rejecting approver's comment). */
  readonly note?: string | null;
  /** A sub-process's task also belongs to the instance that started it. */
  readonly parentInstanceId?: string;
}

/** A sub-process to create: its row, pinned to the latest version of its process. */
export interface ChildInstanceRequest {
  /** Chosen by the parent workflow, so a retried activity creates one row. */
  readonly instanceId: string;
  readonly key: string;
  readonly input: JsonValue;
  readonly parentInstanceId: string;
  readonly parentStepId: string;
  readonly startedAt: string;
}

export interface ChildInstance {
  readonly instanceId: string;
  readonly key: string;
  readonly version: number;
  readonly plan: StoredPlan;
  readonly input: JsonObject;
}

/** A message for the outbox. */
export interface NotificationToSend {
  /** Deterministic, so a retried write sends nothing twice. */
  readonly id: string;
  readonly instanceId: string;
  readonly taskId: string | null;
  readonly kind: Exclude<NotificationKind, 'overdue'>;
  readonly recipient: Recipient;
  readonly subject: string | null;
  readonly message: string;
  /** What it is about, for renderings in the recipient's language and time zone; absent in older writes. */
  readonly facts?: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

/** A running instance's new input and what it moved: due dates (and overdue marks) of open tasks. */
export interface Replan {
  readonly instanceId: string;
  readonly input: JsonObject;
  readonly tasks: readonly { readonly taskId: string; readonly dueAt: string; readonly overdue: boolean }[];
  readonly notifications: readonly NotificationToSend[];
}

/** A rung of an escalation ladder that fired: its messages, and the queue the task moves to. */
export interface Escalation {
  readonly taskId: string;
  /** The backup department; null leaves the task where it is. */
  readonly reassignTo: string | null;
  readonly notifications: readonly NotificationToSend[];
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
  /** The task's round: a task sent back and late again is reported again. */
  readonly round?: number;
  readonly dueAt: string;
  readonly noticedAt: string;
}

export interface InstanceOutcome {
  readonly instanceId: string;
  readonly status: 'completed' | 'cancelled' | 'rejected' | 'failed';
  readonly completedAt: string;
}

/**
 * The interpreter's view of its activities. Workflow code imports this file only, and
 * only its types; `createActivities` implements it.
 */
export interface Activities {
  /** Opens tasks and sends the notifications of the steps that started with them, in one transaction. */
  openTasks(tasks: readonly TaskToOpen[], notifications?: readonly NotificationToSend[]): Promise<void>;
  /** Records a completion and, in the same transaction, opens the tasks it made ready. */
  completeTask(
    completion: TaskCompletion,
    tasksToOpen?: readonly TaskToOpen[],
    notifications?: readonly NotificationToSend[],
  ): Promise<void>;
  markTaskOverdue(task: OverdueTask): Promise<void>;
  cancelTasks(taskIds: readonly string[]): Promise<void>;
  recordInstanceOutcome(outcome: InstanceOutcome): Promise<void>;
  /**
   * Sends a `call` step's request to a host of the allow-list; the parsed JSON response (or
   * its text) is the step's output. 4xx answers and refused hosts are not retried.
   */
  callHttp(call: HttpCall): Promise<JsonValue>;
  /**
   * Writes a sub-process's instance row, once, and returns the plan to run. An unknown process
   * or an input its start form refuses fails at once (not retried): the step fails.
   */
  prepareChildInstance(request: ChildInstanceRequest): Promise<ChildInstance>;
  /** Records a new input and the due dates it moved, with the messages to the departments concerned. */
  recordReplan(replan: Replan): Promise<void>;
  /**
   * Sends an escalation's messages and moves the task to the backup department's queue, if any;
   * a manager's move of a task (`reassignTask`) is written the same way.
   */
  escalateTask(escalation: Escalation): Promise<void>;
}
