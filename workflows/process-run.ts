import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  executeChild,
  isCancellation,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  TemporalFailure,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, NotificationToSend, TaskToOpen } from '../activities/contract';
import { MAXIMUM_AMOUNT } from '../plan/amounts';
import { APPROVAL_FORM } from '../plan/approval';
import { DEFAULT_ITEM_NAME, type ExpressionContext, ITEM_INDEX_NAME, type StepFacts } from '../plan/context';
import { asList, EvaluationError, evaluate, isTruthy } from '../plan/evaluate';
import { literalText, renderTemplate } from '../plan/template';
import type {
  ApprovalStep,
  CallStep,
  CompiledProcess,
  CompiledStep,
  JsonObject,
  JsonValue,
  ProcessStep,
  TaskStep,
} from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import type { processWorkflow } from './interpreter';
import {
  type CancelInstanceRequest,
  type CompleteTaskRequest,
  type InstanceView,
  type ProcessWorkflowInput,
  RejectionType,
  type RunStatus,
  type StepActionRequest,
  type StepStatus,
  type StepView,
} from './messages';
import {
  renderCall,
  renderChildInput,
  renderNotification,
  renderTask,
  resolveWaitUntil,
  StepError,
} from './render-step';
import { instanceStatusAttribute, processKeyAttribute, processVersionAttribute } from './search-attributes';

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

const SETTLED: readonly StepStatus[] = ['done', 'skipped'];

/** One unit of work: the step itself, or one item of a `forEach` step (`equipment[2]`). */
interface UnitState {
  readonly id: string;
  /** The task's id when the unit is a task; unique in Baton: `<instanceId>.<unit id>`. */
  readonly taskId: string;
  readonly item: { readonly value: JsonValue; readonly index: number } | null;
  status: StepStatus;
  /** Open in memory but not yet written: not completable until its row exists. */
  opening: boolean;
  title: string | null;
  department: string | null;
  openedAt: number | null;
  dueAt: number | null;
  waitUntil: number | null;
  overdue: boolean;
  estimatedCost: number;
  actualCost: number | null;
  output: JsonValue;
  completedAt: number | null;
  completedBy: string | null;
  error: string | null;
  /** The sub-process a `process` step started. */
  childInstanceId: string | null;
}

interface StepState {
  readonly step: CompiledStep;
  status: StepStatus;
  /** Chosen to start; its `when` and `forEach` are being evaluated. */
  starting: boolean;
  /** Created when the step starts: one, or one per item. */
  units: UnitState[] | null;
  /** A failure of the step as a whole (its `when` or `forEach`). */
  error: string | null;
  failures: number;
  /** Raised when an approval sends the step back. */
  round: number;
  note: string | null;
  /** Approvals only: how many times it rejected. */
  rejections: number;
}

/** What starting steps produced: rows and messages to write, and units whose work begins once written. */
interface Progress {
  readonly tasks: TaskToOpen[];
  readonly notifications: NotificationToSend[];
  readonly units: { readonly state: StepState; readonly unit: UnitState; readonly work?: () => Promise<void> }[];
}

/** The state of one instance and the transitions on it; the workflow function only wires it to Temporal. */
export class ProcessRun {
  private readonly plan: CompiledProcess;
  private readonly steps: StepState[];
  // Maps live in workflow memory only; they never cross the workflow boundary.
  private readonly byTaskId = new Map<string, { state: StepState; unit: UnitState }>();
  private readonly byStepId = new Map<string, StepState>();
  /** Database writes run one at a time, in the order the workflow decided them. */
  private writes: Promise<void> = Promise.resolve();
  /** Deadline timers, waits and calls, awaited before the workflow returns. */
  private readonly background: Promise<void>[] = [];
  /** Calls in flight, cancelled when their unit is. */
  private readonly calls = new Map<UnitState, CancellationScope>();
  private status: RunStatus = 'running';
  private firstTasksOpened = false;
  private completedAt: number | null = null;

  constructor(private readonly run: ProcessWorkflowInput) {
    this.plan = upgradePlan(run.plan);
    this.steps = this.plan.steps.map((step) => ({
      step,
      status: 'pending',
      starting: false,
      units: null,
      error: null,
      failures: 0,
      round: 0,
      note: null,
      rejections: 0,
    }));
    for (const state of this.steps) this.byStepId.set(state.step.id, state);
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
    return this.status !== 'running' || this.allStepsSettled();
  }

  private allStepsSettled(): boolean {
    return this.steps.every((state) => SETTLED.includes(state.status));
  }

  /** Starts what is ready and writes it; ends the instance when nothing is left to do. */
  private async openReadySteps(): Promise<void> {
    const progress = await this.advance();
    if (progress.tasks.length > 0 || progress.notifications.length > 0) {
      await this.write(() => db().openTasks(progress.tasks, progress.notifications));
    }
    this.started(progress);
    await this.endIfSettled();
  }

  private async endIfSettled(): Promise<void> {
    if (this.status !== 'running' || !this.allStepsSettled()) return;
    this.markEnded('completed');
    await this.writeOutcome();
  }

  /**
   * Starts every step whose dependencies are done or skipped, again and again: a skipped
   * step, a notification or a milestone settles at once and may make further steps ready.
   */
  private async advance(): Promise<Progress> {
    const progress: Progress = { tasks: [], notifications: [], units: [] };
    for (;;) {
      if (this.status !== 'running') return progress;
      const ready = this.steps.filter(
        (state) => state.status === 'pending' && !state.starting && this.dependenciesSettled(state.step),
      );
      if (ready.length === 0) return progress;
      // Synchronously, before any await, so nothing else starts them too.
      for (const state of ready) state.starting = true;
      const context = this.context();
      for (const state of ready) await this.start(state, context, progress);
    }
  }

  private async start(state: StepState, context: ExpressionContext, progress: Progress): Promise<void> {
    const { step } = state;
    try {
      if (step.when !== null && !isTruthy(await evaluate(step.when, context))) {
        state.status = 'skipped';
        return;
      }
      const items = step.forEach === null ? null : asList(await evaluate(step.forEach.items, context));
      state.units =
        items === null
          ? [this.newUnit(state, step.id, null)]
          : items.map((value, index) => this.newUnit(state, `${step.id}[${index}]`, { value, index }));
      state.status = 'open';
      for (const unit of state.units)
        await this.startUnit(state, unit, this.unitContext(state, unit, context), progress);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      state.error = error.message;
      state.status = 'failed';
      this.reportFailure(state, error.message, progress);
    } finally {
      state.starting = false;
      if (state.units !== null && state.status === 'open') this.refresh(state);
    }
  }

  /** In a `forEach` step, the item and its index join the context under the step's names. */
  private unitContext(state: StepState, unit: UnitState, context: ExpressionContext): ExpressionContext {
    const { forEach } = state.step;
    if (forEach === null || unit.item === null) return context;
    return { ...context, [forEach.as || DEFAULT_ITEM_NAME]: unit.item.value, [ITEM_INDEX_NAME]: unit.item.index };
  }

  private newUnit(state: StepState, id: string, item: UnitState['item']): UnitState {
    const unit: UnitState = {
      id,
      taskId: `${this.run.instanceId}.${id}`,
      item,
      status: 'pending',
      opening: false,
      title: null,
      department: null,
      openedAt: null,
      dueAt: null,
      waitUntil: null,
      overdue: false,
      estimatedCost: 0,
      actualCost: null,
      output: null,
      completedAt: null,
      completedBy: null,
      error: null,
      childInstanceId: null,
    };
    this.byTaskId.set(unit.taskId, { state, unit });
    return unit;
  }

  /** Renders one unit by its step's kind; what needs a written row or a timer begins after the write. */
  private async startUnit(state: StepState, unit: UnitState, context: object, progress: Progress): Promise<void> {
    const { step } = state;
    const now = Date.now();
    try {
      switch (step.kind) {
        case 'task':
        case 'approval': {
          const task = await renderTask(step, context, this.plan.departments);
          Object.assign<UnitState, Partial<UnitState>>(unit, {
            status: 'open',
            opening: true,
            title: task.title,
            department: task.department,
            openedAt: now,
            dueAt: now + task.dueInMs,
            overdue: false,
            estimatedCost: task.estimatedCost,
          });
          progress.tasks.push({
            id: unit.taskId,
            instanceId: this.run.instanceId,
            stepId: unit.id,
            title: task.title,
            description: task.description,
            department: task.department,
            dueAt: iso(now + task.dueInMs),
            estimatedCost: task.estimatedCost,
            form: step.kind === 'approval' ? APPROVAL_FORM : step.form,
            openedAt: iso(now),
            ...(step.kind === 'approval' ? { kind: 'approval' } : {}),
            ...(state.round > 0 ? { round: state.round, note: state.note } : {}),
            ...(this.run.parent ? { parentInstanceId: this.run.parent.instanceId } : {}),
          });
          progress.units.push({ state, unit });
          return;
        }
        case 'notify': {
          const message = await renderNotification(step, context, this.plan.departments);
          message.recipients.forEach((recipient, index) => {
            progress.notifications.push({
              id: `${unit.taskId}:notify:${state.round}:${index}`,
              instanceId: this.run.instanceId,
              taskId: null,
              kind: 'notify',
              recipient,
              subject: message.subject,
              message: message.text,
              createdAt: iso(now),
            });
          });
          this.settleUnit(unit, 'done', message.text);
          return;
        }
        case 'milestone':
          unit.title = step.title === null ? null : await renderTemplate(step.title, context);
          this.settleUnit(unit, 'done', null);
          return;
        case 'wait': {
          const until = await resolveWaitUntil(step, context, now);
          Object.assign<UnitState, Partial<UnitState>>(unit, {
            status: 'open',
            opening: true,
            openedAt: now,
            waitUntil: until,
          });
          progress.units.push({ state, unit, work: () => this.waitFor(state, unit) });
          return;
        }
        case 'call': {
          const call = await renderCall(step, context);
          Object.assign<UnitState, Partial<UnitState>>(unit, { status: 'open', opening: true, openedAt: now });
          progress.units.push({ state, unit, work: () => this.callFor(state, unit, step, call) });
          return;
        }
        case 'process': {
          const input = await renderChildInput(step, context);
          Object.assign<UnitState, Partial<UnitState>>(unit, { status: 'open', opening: true, openedAt: now });
          progress.units.push({ state, unit, work: () => this.runChild(state, unit, step, input) });
          return;
        }
      }
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      this.failUnit(state, unit, error.message, progress);
    }
  }

  /** The rows exist: tasks can be completed and their deadlines run; waits and calls begin. */
  private started(progress: Progress): void {
    for (const { state, unit, work } of progress.units) {
      unit.opening = false;
      if (unit.status !== 'open') continue;
      if (work) this.inBackground(work);
      else if (state.step.kind === 'task' || state.step.kind === 'approval') this.watchDeadline(unit);
    }
  }

  private settleUnit(unit: UnitState, status: 'done' | 'skipped', output: JsonValue): void {
    unit.status = status;
    unit.output = output;
    unit.opening = false;
    unit.completedAt = Date.now();
  }

  private failUnit(state: StepState, unit: UnitState, message: string, progress: Progress): void {
    unit.status = 'failed';
    unit.error = message;
    this.reportFailure(state, `${unit.id}: ${message}`, progress);
    this.refresh(state);
  }

  /** A failed step waits for a manager; its owner is told what failed and what to do. */
  private reportFailure(state: StepState, message: string, progress: Progress): void {
    state.failures += 1;
    const { instanceId } = this.run;
    progress.notifications.push({
      id: `${instanceId}.${state.step.id}:failed:${state.failures}`,
      instanceId,
      taskId: null,
      kind: 'step-failed',
      recipient: `department:${this.plan.owner}`,
      subject: `Step "${state.step.id}" of "${this.plan.title}" failed`,
      message:
        `${message}. The instance ${instanceId} waits: retry the step (POST /instances/${instanceId}/steps/${state.step.id}/retry) ` +
        `or skip it (POST /instances/${instanceId}/steps/${state.step.id}/skip).`,
      createdAt: iso(Date.now()),
    });
  }

  /** A started step's status follows its units: failed if one failed, done once all are settled. */
  private refresh(state: StepState): void {
    const units = state.units ?? [];
    if (units.some((unit) => unit.status === 'failed')) state.status = 'failed';
    else if (units.every((unit) => SETTLED.includes(unit.status))) state.status = 'done';
    else state.status = 'open';
  }

  private async waitFor(state: StepState, unit: UnitState): Promise<void> {
    const until = unit.waitUntil ?? Date.now();
    const interrupted = await condition(() => unit.status !== 'open', Math.max(until - Date.now(), 1));
    if (interrupted) return;
    this.settleUnit(unit, 'done', null);
    this.refresh(state);
    await this.openReadySteps();
  }

  private async callFor(
    state: StepState,
    unit: UnitState,
    step: CallStep,
    call: Parameters<Activities['callHttp']>[0],
  ): Promise<void> {
    const { callHttp } = proxyActivities<Activities>({
      startToCloseTimeout: step.timeoutMs + 5_000,
      retry: {
        maximumAttempts: step.retry.maxAttempts,
        initialInterval: step.retry.initialIntervalMs,
        backoffCoefficient: step.retry.backoffCoefficient,
      },
    });
    const scope = new CancellationScope();
    this.calls.set(unit, scope);
    let output: JsonValue;
    try {
      output = await scope.run(() => callHttp(call));
    } catch (error) {
      if (isCancellation(error) || unit.status !== 'open') return;
      if (!(error instanceof ActivityFailure)) throw error;
      const reason = error.cause?.message ?? error.message;
      await this.failInBackground(
        state,
        unit,
        `${call.method} ${call.url} failed after ${step.retry.maxAttempts} attempt(s): ${reason}`,
      );
      return;
    } finally {
      this.calls.delete(unit);
    }
    if (unit.status !== 'open') return;
    this.settleUnit(unit, 'done', output);
    this.refresh(state);
    await this.openReadySteps();
  }

  /** Starts the sub-process as a child workflow and waits for it; cancelling the unit cancels it. */
  private async runChild(state: StepState, unit: UnitState, step: ProcessStep, input: JsonObject): Promise<void> {
    const instanceId = uuid4();
    const parent = { instanceId: this.run.instanceId, stepId: unit.id };
    const scope = new CancellationScope();
    this.calls.set(unit, scope);
    let result: InstanceView;
    try {
      result = await scope.run(async () => {
        const child = await db().prepareChildInstance({
          instanceId,
          key: step.process,
          input,
          parentInstanceId: parent.instanceId,
          parentStepId: parent.stepId,
          startedAt: iso(Date.now()),
        });
        unit.childInstanceId = instanceId;
        return executeChild<typeof processWorkflow>('processWorkflow', {
          workflowId: instanceId,
          taskQueue: workflowInfo().taskQueue,
          args: [{ instanceId, key: child.key, version: child.version, plan: child.plan, input: child.input, parent }],
          // Should the parent be terminated, its sub-processes are asked to cancel, closing their tasks.
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          typedSearchAttributes: [
            { key: processKeyAttribute, value: child.key },
            { key: processVersionAttribute, value: child.version },
            { key: instanceStatusAttribute, value: 'running' },
          ],
        });
      });
    } catch (error) {
      if (isCancellation(error) || unit.status !== 'open') return;
      // A local activity's refusal arrives as the activity's own ApplicationFailure, unwrapped.
      if (!(error instanceof TemporalFailure)) throw error;
      await this.failInBackground(state, unit, `sub-process ${step.process}: ${error.cause?.message ?? error.message}`);
      return;
    } finally {
      this.calls.delete(unit);
    }
    if (unit.status !== 'open') return;
    if (result.status !== 'completed') {
      await this.failInBackground(
        state,
        unit,
        `the sub-process ${instanceId} (${step.process}) ended ${result.status}`,
      );
      return;
    }
    this.settleUnit(unit, 'done', { instanceId, status: result.status, cost: result.cost });
    this.refresh(state);
    await this.openReadySteps();
  }

  /** A unit failing outside any request (a call, a sub-process): the owner's message is written at once. */
  private async failInBackground(state: StepState, unit: UnitState, message: string): Promise<void> {
    const progress: Progress = { tasks: [], notifications: [], units: [] };
    this.failUnit(state, unit, message, progress);
    await this.write(() => db().openTasks([], progress.notifications));
  }

  assertCanComplete(request: CompleteTaskRequest): void {
    const found = this.byTaskId.get(request.taskId);
    if (!found) {
      throw ApplicationFailure.nonRetryable(
        `task ${request.taskId} is not part of this instance`,
        RejectionType.taskNotFound,
      );
    }
    const { unit, state } = found;
    if (!isTask(state.step)) {
      throw ApplicationFailure.nonRetryable(
        `${request.taskId} is a ${state.step.kind} step, not a task`,
        RejectionType.taskNotFound,
      );
    }
    if (unit.status !== 'open' || unit.opening || this.status !== 'running') {
      throw ApplicationFailure.nonRetryable(
        `task ${request.taskId} is ${unit.opening ? 'not yet open' : unit.status}, it cannot be completed`,
        RejectionType.taskNotOpen,
      );
    }
    // The API checks these too; the workflow must not trust any other Temporal client.
    const { output, actualCost } = request;
    if (typeof output !== 'object' || output === null || Array.isArray(output)) {
      throw ApplicationFailure.nonRetryable('output must be an object', RejectionType.invalidCompletion);
    }
    if (state.step.kind === 'approval' && output.decision !== 'approve' && output.decision !== 'reject') {
      throw ApplicationFailure.nonRetryable(
        'an approval is completed with output.decision "approve" or "reject"',
        RejectionType.invalidCompletion,
      );
    }
    if (actualCost !== undefined && !(Number.isFinite(actualCost) && actualCost >= 0 && actualCost <= MAXIMUM_AMOUNT)) {
      throw ApplicationFailure.nonRetryable(
        `actualCost must be a number between 0 and ${MAXIMUM_AMOUNT}`,
        RejectionType.invalidCompletion,
      );
    }
  }

  async complete(request: CompleteTaskRequest): Promise<StepView> {
    const found = this.byTaskId.get(request.taskId);
    if (!found) throw ApplicationFailure.nonRetryable(`unknown task ${request.taskId}`, RejectionType.taskNotFound);
    const { state, unit } = found;
    // Synchronously, before any await, so a concurrent second completion fails validation.
    this.settleUnit(unit, 'done', request.output);
    unit.actualCost = request.actualCost ?? unit.estimatedCost;
    unit.completedBy = request.completedBy;
    const completion = {
      taskId: unit.taskId,
      output: request.output,
      actualCost: unit.actualCost,
      completedAt: iso(unit.completedAt ?? Date.now()),
      completedBy: request.completedBy,
    };
    if (state.step.kind === 'approval' && request.output.decision === 'reject') {
      await this.reject(state, state.step, completion, String(request.output.comment ?? ''));
      return this.unitView(state, unit);
    }
    this.refresh(state);
    const endsInstance = this.allStepsSettled();
    // Also before any await: a cancel arriving now must see an instance that has ended.
    if (endsInstance) this.markEnded('completed');
    // Open dependents (or close the instance) before answering, so the caller reads the result.
    if (patched(ONE_WRITE_PER_COMPLETION_PATCH)) {
      const progress = await this.advance();
      await this.write(() => db().completeTask(completion, progress.tasks, progress.notifications));
      this.started(progress);
    } else {
      await this.write(() => db().completeTask(completion));
      await this.openReadySteps();
    }
    if (endsInstance) await this.writeOutcome();
    else await this.endIfSettled();
    return this.unitView(state, unit);
  }

  /** A rejection ends the instance, or sends the work back for another round while rounds remain. */
  private async reject(
    state: StepState,
    step: ApprovalStep,
    completion: Parameters<Activities['completeTask']>[0],
    comment: string,
  ): Promise<void> {
    state.rejections += 1;
    const { onReject } = step;
    if (onReject.action === 'cancel' || state.rejections >= onReject.maxRounds) {
      this.refresh(state);
      const openTaskIds = this.closeEverything();
      this.markEnded('rejected');
      await this.write(() => db().completeTask(completion));
      await this.write(() => db().cancelTasks(openTaskIds));
      await this.writeOutcome();
      return;
    }
    const reset = this.stepsBetween(onReject.steps, step.id);
    const withdrawn: string[] = [];
    for (const resetState of reset) {
      for (const unit of resetState.units ?? []) {
        if (unit.status === 'open' && isTask(resetState.step)) withdrawn.push(unit.taskId);
        this.cancelUnit(unit);
        this.byTaskId.delete(unit.taskId);
      }
      Object.assign<StepState, Partial<StepState>>(resetState, {
        status: 'pending',
        units: null,
        error: null,
        round: state.rejections,
        note: comment,
      });
    }
    await this.write(() => db().completeTask(completion));
    if (withdrawn.length > 0) await this.write(() => db().cancelTasks(withdrawn));
    await this.openReadySteps();
  }

  /** The steps to redo: `targets`, the approval, and every step on a path between them. */
  private stepsBetween(targets: readonly string[], approvalId: string): StepState[] {
    const ancestorsOfApproval = this.ancestors(approvalId);
    const reset = new Set<string>([approvalId, ...targets]);
    // Steps are in topological order, so one pass sees every dependency before its dependents.
    for (const state of this.steps) {
      const { id, after } = state.step;
      if (
        ancestorsOfApproval.has(id) &&
        after.some((dependency) => reset.has(dependency) && dependency !== approvalId)
      ) {
        reset.add(id);
      }
    }
    return this.steps.filter((state) => reset.has(state.step.id));
  }

  private ancestors(stepId: string): Set<string> {
    const found = new Set<string>();
    const visit = (id: string) => {
      for (const dependency of this.byStepId.get(id)?.step.after ?? []) {
        if (!found.has(dependency)) {
          found.add(dependency);
          visit(dependency);
        }
      }
    };
    visit(stepId);
    return found;
  }

  assertRunning(): void {
    if (this.status !== 'running') {
      throw ApplicationFailure.nonRetryable(`the instance is already ${this.status}`, RejectionType.instanceNotRunning);
    }
  }

  async cancel(_request: CancelInstanceRequest): Promise<InstanceView> {
    const openTaskIds = this.closeEverything();
    this.markEnded('cancelled');
    const recorded = this.writeOutcome();
    await this.write(() => db().cancelTasks(openTaskIds));
    await recorded;
    return this.view();
  }

  /** Cancels every open and pending unit and step; returns the task ids to close in the read model. */
  private closeEverything(): string[] {
    const openTaskIds: string[] = [];
    for (const state of this.steps) {
      for (const unit of state.units ?? []) {
        if (unit.status === 'open' && isTask(state.step)) openTaskIds.push(unit.taskId);
        this.cancelUnit(unit);
      }
      if (state.status === 'open' || state.status === 'pending' || state.status === 'failed')
        state.status = 'cancelled';
    }
    return openTaskIds;
  }

  /** Its deadline timer or wait, watching its status, ends; its call in flight is cancelled. */
  private cancelUnit(unit: UnitState): void {
    if (unit.status === 'open' || unit.status === 'pending') unit.status = 'cancelled';
    this.calls.get(unit)?.cancel();
  }

  assertStepFailed(request: StepActionRequest): void {
    this.assertRunning();
    const state = this.byStepId.get(request.stepId);
    if (!state) {
      throw ApplicationFailure.nonRetryable(
        `step ${request.stepId} is not part of this process`,
        RejectionType.stepNotFound,
      );
    }
    if (state.status !== 'failed') {
      throw ApplicationFailure.nonRetryable(
        `step ${request.stepId} is ${state.status}; only a failed step can be retried or skipped`,
        RejectionType.stepNotFailed,
      );
    }
  }

  /** Runs a failed step again: the whole step if its `when` or `forEach` failed, else its failed units. */
  async retry(request: StepActionRequest): Promise<StepView> {
    const state = this.stepOf(request.stepId);
    if (state.units === null || state.error !== null) {
      Object.assign<StepState, Partial<StepState>>(state, { status: 'pending', units: null, error: null });
      await this.openReadySteps();
      return this.stepView(state);
    }
    const progress: Progress = { tasks: [], notifications: [], units: [] };
    const failed = state.units.filter((unit) => unit.status === 'failed');
    const context = this.context();
    for (const unit of failed) {
      Object.assign<UnitState, Partial<UnitState>>(unit, { status: 'pending', error: null });
      await this.startUnit(state, unit, this.unitContext(state, unit, context), progress);
    }
    this.refresh(state);
    const more = await this.advance();
    const tasks = [...progress.tasks, ...more.tasks];
    const notifications = [...progress.notifications, ...more.notifications];
    if (tasks.length > 0 || notifications.length > 0) await this.write(() => db().openTasks(tasks, notifications));
    this.started({ tasks, notifications, units: [...progress.units, ...more.units] });
    await this.endIfSettled();
    return this.stepView(state);
  }

  /** Treats a failed step as skipped: the steps after it go on. */
  async skip(request: StepActionRequest): Promise<StepView> {
    const state = this.stepOf(request.stepId);
    for (const unit of state.units ?? []) if (unit.status === 'failed') this.settleUnit(unit, 'skipped', null);
    state.status = 'skipped';
    state.error = null;
    await this.openReadySteps();
    return this.stepView(state);
  }

  private stepOf(stepId: string): StepState {
    const state = this.byStepId.get(stepId);
    if (!state) throw ApplicationFailure.nonRetryable(`unknown step ${stepId}`, RejectionType.stepNotFound);
    return state;
  }

  /** Lets in-flight writes, timers and calls finish, so nothing is cut off when the workflow returns. */
  async finish(): Promise<InstanceView> {
    if (this.status === 'running') {
      this.markEnded('completed');
      await this.writeOutcome();
    }
    await Promise.all(this.background);
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
    const units = this.steps.flatMap((state) => state.units ?? []);
    const settled = this.steps.filter((state) => SETTLED.includes(state.status));
    return {
      instanceId: this.run.instanceId,
      key: this.run.key,
      version: this.run.version,
      status: this.status,
      progress: { done: settled.length, total: this.steps.length },
      cost: {
        estimated: sum(this.steps.map((state) => this.estimatedCost(state))),
        actual: sum(units.filter((unit) => unit.status === 'done').map((unit) => unit.actualCost ?? 0)),
      },
      steps: this.steps.map((state) => this.stepView(state)),
      completedAt: this.completedAt === null ? null : iso(this.completedAt),
    };
  }

  /** Known once the step has started; before, a fixed cost counts and a computed one is not yet known. */
  private estimatedCost(state: StepState): number {
    if (state.status === 'skipped') return 0;
    if (state.units !== null) return sum(state.units.map((unit) => unit.estimatedCost));
    const { step } = state;
    return isTask(step) && 'amount' in step.cost && step.forEach === null ? step.cost.amount : 0;
  }

  private stepView(state: StepState): StepView {
    const { step, units } = state;
    const single = step.forEach === null ? (units?.[0] ?? null) : null;
    if (single !== null) return this.unitView(state, single);
    const base: StepView = {
      stepId: step.id,
      kind: step.kind,
      title: null,
      // A department written as is is known before the step starts; a computed one only after.
      department: isTask(step) ? literalText(step.department) : null,
      status: state.status,
      taskId: null,
      openedAt: null,
      dueAt: null,
      overdue: false,
      estimatedCost: this.estimatedCost(state),
      actualCost: null,
      completedAt: null,
      completedBy: null,
      error: state.error,
      round: state.round,
    };
    if (units === null) return base;
    const openedAt = units.flatMap((unit) => unit.openedAt ?? []);
    const completedAt = units.flatMap((unit) => unit.completedAt ?? []);
    const departments = new Set(units.flatMap((unit) => unit.department ?? []));
    return {
      ...base,
      department: departments.size === 1 ? ([...departments][0] ?? null) : base.department,
      openedAt: openedAt.length > 0 ? iso(Math.min(...openedAt)) : null,
      overdue: units.some((unit) => unit.overdue),
      actualCost: state.status === 'done' ? sum(units.map((unit) => unit.actualCost ?? 0)) : null,
      completedAt: state.status === 'done' && completedAt.length > 0 ? iso(Math.max(...completedAt)) : null,
      items: units.map((unit) => this.unitView(state, unit)),
    };
  }

  private unitView(state: StepState, unit: UnitState): StepView {
    const hasTask = isTask(state.step) && unit.status !== 'pending' && !unit.opening;
    return {
      stepId: unit.id,
      kind: state.step.kind,
      title: unit.title,
      department: unit.department,
      status: unit.opening ? 'pending' : unit.status,
      taskId: hasTask ? unit.taskId : null,
      openedAt: unit.openedAt === null ? null : iso(unit.openedAt),
      dueAt: unit.dueAt === null ? null : iso(unit.dueAt),
      overdue: unit.overdue,
      estimatedCost: unit.estimatedCost,
      actualCost: unit.actualCost,
      completedAt: unit.completedAt === null ? null : iso(unit.completedAt),
      completedBy: unit.completedBy,
      error: unit.error ?? state.error,
      round: state.round,
      ...(unit.waitUntil === null ? {} : { waitUntil: iso(unit.waitUntil) }),
      ...(unit.childInstanceId === null ? {} : { childInstanceId: unit.childInstanceId }),
    };
  }

  private dependenciesSettled(step: CompiledStep): boolean {
    return step.after.every((id) => {
      const status = this.byStepId.get(id)?.status;
      return status !== undefined && SETTLED.includes(status);
    });
  }

  /** A durable timer at the due date; it ends as soon as the task leaves `open`. */
  private watchDeadline(unit: UnitState): void {
    const dueAt = unit.dueAt ?? Date.now();
    this.inBackground(async () => {
      const closedInTime = await condition(() => unit.status !== 'open', Math.max(dueAt - Date.now(), 1));
      if (closedInTime) return;
      unit.overdue = true;
      const overdue = {
        taskId: unit.taskId,
        instanceId: this.run.instanceId,
        department: unit.department ?? this.plan.owner,
        title: unit.title ?? unit.id,
        dueAt: iso(dueAt),
        noticedAt: iso(Date.now()),
      };
      await this.write(() => db().markTaskOverdue(overdue));
    });
  }

  private inBackground(work: () => Promise<void>): void {
    this.background.push(
      work().catch((error: unknown) => {
        // Cancelling the whole workflow cancels timers too; the cancellation path cleans up.
        if (!isCancellation(error)) throw error;
      }),
    );
  }

  private write(operation: () => Promise<void>): Promise<void> {
    const result = this.writes.then(operation);
    this.writes = result.catch(() => undefined);
    return result;
  }

  private context(): ExpressionContext {
    const steps: { [stepId: string]: StepFacts } = {};
    for (const state of this.steps) {
      if (state.status === 'pending') continue;
      const { step } = state;
      const units = state.units ?? [];
      const completedAt = units.flatMap((unit) => unit.completedAt ?? []);
      steps[step.id] = {
        status: state.status,
        output: step.forEach === null ? (units[0]?.output ?? null) : units.map((unit) => unit.output),
        completedAt: state.status === 'done' && completedAt.length > 0 ? iso(Math.max(...completedAt)) : null,
        completedBy: step.forEach === null ? (units[0]?.completedBy ?? null) : null,
      };
    }
    return {
      input: this.run.input,
      data: this.plan.data,
      steps,
      process: { key: this.run.key, version: this.run.version, title: this.plan.title },
      instance: { id: this.run.instanceId, startedAt: workflowInfo().startTime.toISOString() },
    };
  }
}

function isTask(step: CompiledStep): step is TaskStep | ApprovalStep {
  return step.kind === 'task' || step.kind === 'approval';
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
