import {
  ActivityCancellationType,
  ApplicationFailure,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, TaskToOpen } from '../activities/contract';
import { MAXIMUM_AMOUNT } from '../plan/amounts';
import { renderTemplate } from '../plan/template';
import type { HumanTaskStep, JsonValue } from '../plan/types';
import {
  type CancelInstanceRequest,
  type CompleteTaskRequest,
  type InstanceView,
  type ProcessWorkflowInput,
  RejectionType,
  type RunStatus,
  type StepStatus,
  type StepView,
} from './messages';

const WRITE_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  // A write in flight when the workflow is cancelled must land before the cancellation's own writes.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
} as const;

const remoteWrites = proxyActivities<Activities>(WRITE_OPTIONS);
const localWrites = proxyLocalActivities<Activities>(WRITE_OPTIONS);

/**
 * The read-model writes are short and idempotent: as local activities they skip a round
 * trip through the Temporal server each, which was most of a completion's latency.
 * Instances started before this change keep replaying their remote activities.
 */
function db(): Activities {
  return patched(LOCAL_WRITES_PATCH) ? localWrites : remoteWrites;
}
const LOCAL_WRITES_PATCH = 'read-model-writes-as-local-activities';
/** A completion and the tasks it opens are written in one transaction, one activity. */
const ONE_WRITE_PER_COMPLETION_PATCH = 'completion-and-opened-tasks-in-one-write';

interface StepState {
  readonly step: HumanTaskStep;
  readonly taskId: string;
  status: StepStatus;
  /** Open in memory but not yet written: not completable until its row exists. */
  opening: boolean;
  title: string | null;
  openedAt: number | null;
  dueAt: number | null;
  overdue: boolean;
  actualCost: number | null;
  completedAt: number | null;
  completedBy: string | null;
}

/** The state of one instance and the transitions on it; the workflow function only wires it to Temporal. */
export class ProcessRun {
  private readonly steps: StepState[];
  // Maps live in workflow memory only; they never cross the workflow boundary.
  private readonly byTaskId = new Map<string, StepState>();
  private readonly byStepId = new Map<string, StepState>();
  /** Database writes run one at a time, in the order the workflow decided them. */
  private writes: Promise<void> = Promise.resolve();
  private readonly deadlineWatches: Promise<void>[] = [];
  private status: RunStatus = 'running';
  private firstTasksOpened = false;
  private completedAt: number | null = null;

  constructor(private readonly run: ProcessWorkflowInput) {
    this.steps = run.plan.steps.map((step) => ({
      step,
      taskId: `${run.instanceId}.${step.id}`,
      status: 'pending',
      opening: false,
      title: null,
      openedAt: null,
      dueAt: null,
      overdue: false,
      actualCost: null,
      completedAt: null,
      completedBy: null,
    }));
    for (const state of this.steps) {
      this.byTaskId.set(state.taskId, state);
      this.byStepId.set(state.step.id, state);
    }
  }

  /** Opens the steps that depend on nothing; the start call waits for this. */
  async openFirstSteps(): Promise<void> {
    await this.openReadySteps();
    this.firstTasksOpened = true;
  }

  async untilFirstTasksOpened(): Promise<InstanceView> {
    await condition(() => this.firstTasksOpened);
    return this.view();
  }

  isRunning(): boolean {
    return this.status === 'running';
  }

  isSettled(): boolean {
    return this.status !== 'running' || this.steps.every((state) => state.status === 'done');
  }

  async openReadySteps(): Promise<void> {
    const opening = await this.prepareOpening();
    if (!opening) return;
    await this.write(() => db().openTasks(opening.tasks));
    this.opened(opening.states);
  }

  /** Marks the steps whose dependencies are done as opening and renders their tasks. */
  private async prepareOpening(): Promise<{ states: StepState[]; tasks: TaskToOpen[] } | null> {
    const ready = this.steps.filter((state) => state.status === 'pending' && this.dependenciesDone(state.step));
    if (ready.length === 0 || this.status !== 'running') return null;
    const now = Date.now();
    for (const state of ready) {
      state.status = 'open';
      state.opening = true;
      state.openedAt = now;
      state.dueAt = now + state.step.dueInMs;
    }
    const context = this.templateContext();
    const tasks = await Promise.all(
      ready.map(async (state) => {
        state.title = await renderTemplate(state.step.title, context);
        return {
          id: state.taskId,
          instanceId: this.run.instanceId,
          stepId: state.step.id,
          title: state.title,
          description: state.step.description ? await renderTemplate(state.step.description, context) : null,
          department: state.step.department,
          dueAt: iso(state.dueAt ?? now),
          estimatedCost: state.step.estimatedCost,
          form: state.step.form,
          openedAt: iso(now),
        };
      }),
    );
    return { states: ready, tasks };
  }

  /** Their rows exist: the tasks can be completed, and their deadlines run. */
  private opened(states: readonly StepState[]): void {
    for (const state of states) {
      state.opening = false;
      if (state.status === 'open') this.watchDeadline(state);
    }
  }

  assertCanComplete(request: CompleteTaskRequest): void {
    const state = this.byTaskId.get(request.taskId);
    if (!state) {
      throw ApplicationFailure.nonRetryable(
        `task ${request.taskId} is not part of this instance`,
        RejectionType.taskNotFound,
      );
    }
    if (state.status !== 'open' || state.opening || this.status !== 'running') {
      throw ApplicationFailure.nonRetryable(
        `task ${request.taskId} is ${state.opening ? 'not yet open' : state.status}, it cannot be completed`,
        RejectionType.taskNotOpen,
      );
    }
    // The API checks these too; the workflow must not trust any other Temporal client.
    const { output, actualCost } = request;
    if (typeof output !== 'object' || output === null || Array.isArray(output)) {
      throw ApplicationFailure.nonRetryable('output must be an object', RejectionType.invalidCompletion);
    }
    if (actualCost !== undefined && !(Number.isFinite(actualCost) && actualCost >= 0 && actualCost <= MAXIMUM_AMOUNT)) {
      throw ApplicationFailure.nonRetryable(
        `actualCost must be a number between 0 and ${MAXIMUM_AMOUNT}`,
        RejectionType.invalidCompletion,
      );
    }
  }

  async complete(request: CompleteTaskRequest): Promise<StepView> {
    const state = this.byTaskId.get(request.taskId);
    if (!state) throw ApplicationFailure.nonRetryable(`unknown task ${request.taskId}`, RejectionType.taskNotFound);
    // Synchronously, before any await, so a concurrent second completion fails validation.
    state.status = 'done';
    state.actualCost = request.actualCost ?? state.step.estimatedCost;
    state.completedAt = Date.now();
    state.completedBy = request.completedBy;
    const endsInstance = this.steps.every((step) => step.status === 'done');
    // Also before any await: a cancel arriving now must see an instance that has ended.
    if (endsInstance) this.markEnded('completed');
    const completion = {
      taskId: state.taskId,
      output: request.output,
      actualCost: state.actualCost,
      completedAt: iso(state.completedAt),
      completedBy: request.completedBy,
    };
    // Open dependents (or close the instance) before answering, so the caller reads the result.
    if (patched(ONE_WRITE_PER_COMPLETION_PATCH)) {
      const opening = await this.prepareOpening();
      await this.write(() => db().completeTask(completion, opening?.tasks ?? []));
      if (opening) this.opened(opening.states);
    } else {
      await this.write(() => db().completeTask(completion));
      await this.openReadySteps();
    }
    if (endsInstance) await this.writeOutcome();
    return this.stepView(state);
  }

  assertRunning(): void {
    if (this.status !== 'running') {
      throw ApplicationFailure.nonRetryable(`the instance is already ${this.status}`, RejectionType.instanceNotRunning);
    }
  }

  async cancel(_request: CancelInstanceRequest): Promise<InstanceView> {
    const openTaskIds: string[] = [];
    for (const state of this.steps) {
      if (state.status === 'open') openTaskIds.push(state.taskId);
      if (state.status === 'open' || state.status === 'pending') state.status = 'cancelled';
    }
    this.markEnded('cancelled');
    const recorded = this.writeOutcome();
    await this.write(() => db().cancelTasks(openTaskIds));
    await recorded;
    return this.view();
  }

  /** Lets in-flight writes and deadline handling finish, so nothing is cut off when the workflow returns. */
  async finish(): Promise<InstanceView> {
    if (this.status === 'running') {
      this.markEnded('completed');
      await this.writeOutcome();
    }
    await Promise.all(this.deadlineWatches);
    await this.writes;
    return this.view();
  }

  /** Records a failure the workflow cannot recover from, so the read model does not show it running. */
  async fail(): Promise<void> {
    this.markEnded('failed');
    await this.writeOutcome();
  }

  /** Synchronous, so validators see the end at once; `writeOutcome` then tells the read model. */
  private markEnded(status: Exclude<RunStatus, 'running'>): void {
    this.status = status;
    this.completedAt = Date.now();
  }

  private writeOutcome(): Promise<void> {
    const { status } = this;
    if (status === 'running') throw new Error('writeOutcome before markEnded');
    const outcome = { instanceId: this.run.instanceId, status, completedAt: iso(this.completedAt ?? Date.now()) };
    return this.write(() => db().recordInstanceOutcome(outcome));
  }

  view(): InstanceView {
    const steps = this.steps.map((state) => this.stepView(state));
    const done = this.steps.filter((state) => state.status === 'done');
    return {
      instanceId: this.run.instanceId,
      key: this.run.key,
      version: this.run.version,
      status: this.status,
      progress: { done: done.length, total: this.steps.length },
      cost: {
        estimated: sum(this.steps.map((state) => state.step.estimatedCost)),
        actual: sum(done.map((state) => state.actualCost ?? 0)),
      },
      steps,
      completedAt: this.completedAt === null ? null : iso(this.completedAt),
    };
  }

  private stepView(state: StepState): StepView {
    const hasTask = state.status !== 'pending' && !state.opening;
    return {
      stepId: state.step.id,
      title: state.title,
      department: state.step.department,
      status: state.opening ? 'pending' : state.status,
      taskId: hasTask ? state.taskId : null,
      openedAt: state.openedAt === null ? null : iso(state.openedAt),
      dueAt: state.dueAt === null ? null : iso(state.dueAt),
      overdue: state.overdue,
      estimatedCost: state.step.estimatedCost,
      actualCost: state.actualCost,
      completedAt: state.completedAt === null ? null : iso(state.completedAt),
      completedBy: state.completedBy,
    };
  }

  private dependenciesDone(step: HumanTaskStep): boolean {
    return step.after.every((id) => this.byStepId.get(id)?.status === 'done');
  }

  /** A durable timer at the due date; cancelled as soon as the task leaves `open`. */
  private watchDeadline(state: StepState): void {
    const dueAt = state.dueAt ?? Date.now();
    const watch = (async () => {
      try {
        const closedInTime = await condition(() => state.status !== 'open', Math.max(dueAt - Date.now(), 1));
        if (closedInTime) return;
        state.overdue = true;
        const overdue = {
          taskId: state.taskId,
          instanceId: this.run.instanceId,
          department: state.step.department,
          title: state.title ?? state.step.id,
          dueAt: iso(dueAt),
          noticedAt: iso(Date.now()),
        };
        await this.write(() => db().markTaskOverdue(overdue));
      } catch (error) {
        // Cancelling the whole workflow cancels this timer too; the cancellation path cleans up.
        if (!isCancellation(error)) throw error;
      }
    })();
    this.deadlineWatches.push(watch);
  }

  private write(operation: () => Promise<void>): Promise<void> {
    const result = this.writes.then(operation);
    this.writes = result.catch(() => undefined);
    return result;
  }

  private templateContext(): { readonly [name: string]: JsonValue } {
    return {
      input: this.run.input,
      process: { key: this.run.key, version: this.run.version, title: this.run.plan.title },
      instance: { id: this.run.instanceId, startedAt: workflowInfo().startTime.toISOString() },
    };
  }
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
