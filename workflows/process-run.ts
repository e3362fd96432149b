import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  TemporalFailure,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, TaskCompletion as CompletionRow, HttpCall, NotificationToSend } from '../activities/contract';
import { MAXIMUM_AMOUNT } from '../plan/amounts';
import { APPROVAL_FORM } from '../plan/approval';
import { budgetAmount, budgetExpressions } from '../plan/budget';
import type { CompiledCalendar } from '../plan/calendar';
import type { ExpressionContext, StepFacts } from '../plan/context';
import { EvaluationError, type Values } from '../plan/evaluate';
import {
  CHILD_STARTS_PER_WORKFLOW_TASK,
  checkFanOut,
  conditionHolds,
  forEachItems,
  gateExpressions,
  itemContext,
  itemUnitId,
} from '../plan/fan-out';
import { calendarById, calendarExpressions, calendarIdOf } from '../plan/instance-calendar';
import { redactUrl } from '../plan/redact';
import {
  dueExpressions,
  expressionsOf,
  needsCalendar,
  renderCall,
  renderChildInput,
  renderNotification,
  renderTask,
  resolveTaskDue,
  resolveWaitUntil,
  StepError,
} from '../plan/render-step';
import { isTask, ladderOf } from '../plan/steps';
import { renderText } from '../plan/template';
import type {
  ApprovalStep,
  Budget,
  CallStep,
  CompiledProcess,
  CompiledStep,
  EscalationRung,
  JsonObject,
  JsonValue,
  ProcessStep,
} from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import { climbLadder, type DeadlineHost, watchDueDate, watchEarliestDue } from './deadlines';
import { costOf, instanceView, iso, spentOn, stepFacts, stepView, taskCompletion } from './instance-view';
import type { processWorkflow } from './interpreter';
import {
  type ChangeInputRequest,
  type CompleteTaskRequest,
  type FirstTasksOpened,
  type InstanceView,
  type ProcessWorkflowInput,
  RejectionType,
  type RunStatus,
  type StepActionRequest,
  type StepView,
  type TaskCompletion,
} from './messages';
import { stepsToRedo } from './reopen';
import {
  emptyProgress,
  newStepState,
  newUnitState,
  openUnit,
  type Progress,
  refreshStep,
  SETTLED,
  type StepState,
  settleUnit,
  type UnitState,
} from './run-state';
import { Runtime } from './runtime';
import { instanceStatusAttribute, processKeyAttribute, processVersionAttribute } from './search-attributes';

/** How deep sub-processes may nest: deeper is almost surely a process starting itself. */
const MAXIMUM_PROCESS_DEPTH = 10;

/** The state of one instance and the transitions on it; the workflow function only wires it to Temporal. */
export class ProcessRun {
  private readonly plan: CompiledProcess;
  private readonly runtime: Runtime;
  private readonly steps: StepState[];
  // Maps live in workflow memory only; they never cross the workflow boundary.
  private readonly byTaskId = new Map<string, { state: StepState; unit: UnitState }>();
  private readonly byStepId = new Map<string, StepState>();
  /** Database writes run one at a time, in the order the workflow decided them. */
  private writes: Promise<void> = Promise.resolve();
  /** Deadline timers, waits and calls, awaited before the workflow returns. */
  private readonly background: Promise<void>[] = [];
  /** The escalation ladders of open tasks, with the calendar their rungs are counted in. */
  private readonly ladders = new Map<UnitState, { ladder: readonly EscalationRung[]; calendar: CompiledCalendar }>();
  /** Calls in flight, cancelled when their unit is. */
  private readonly calls = new Map<UnitState, CancellationScope>();
  private status: RunStatus = 'running';
  /** Sub-processes being started now (see `childStartSlot`). */
  private childrenStarting = 0;
  private readonly deadlineHost: DeadlineHost = {
    isRunning: () => this.isRunning(),
    units: () => this.byTaskId.values(),
    markOverdue: (unit, dueAt) => this.markOverdue(unit, dueAt),
  };
  /** This instance's budget, and whether its forecast is over it now. */
  private budget: { amount: number; currency: string } | null = null;
  private overBudget = false;
  private budgetCrossings = 0;
  /** The start data; a re-plan replaces it. */
  private input: JsonObject;
  private replans = 0;
  private firstTasksOpened = false;
  private completedAt: number | null = null;

  constructor(private readonly run: ProcessWorkflowInput) {
    this.plan = upgradePlan(run.plan);
    this.runtime = new Runtime(run);
    this.input = run.input;
    this.steps = this.plan.steps.map(newStepState);
    for (const state of this.steps) this.byStepId.set(state.step.id, state);
  }

  private db(): Activities {
    return this.runtime.readModel();
  }

  /** Opens the steps that depend on nothing; the start call waits for this. */
  async openFirstSteps(): Promise<void> {
    if (this.plan.budget) await this.resolveBudget(this.plan.budget);
    if (this.runtime.watchesEarliestDue) this.inBackground(() => watchEarliestDue(this.deadlineHost));
    await this.openReadySteps();
    this.firstTasksOpened = true;
  }

  /** The budget's amount for this instance (an expression reads the start input); re-planning reads it again. */
  private async resolveBudget(budget: Budget): Promise<void> {
    const expressions = budgetExpressions(budget);
    let values: Values = new Map();
    if (expressions.length > 0) {
      const batch = this.runtime.evaluateAll(expressions, this.context());
      values = batch instanceof Promise ? await batch : batch;
    }
    try {
      this.budget = { amount: budgetAmount(budget, values), currency: budget.currency };
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      this.budget = null;
    }
  }

  /**
   * Tells the owner department when the forecast goes over the budget, once per crossing: it
   * may come back under (a cheaper actual) and cross again. A promise only when it tells.
   */
  private watchBudget(): Promise<void> | undefined {
    if (this.budget === null) return;
    const cost = costOf(this.steps);
    const over = cost.forecast > this.budget.amount;
    if (over === this.overBudget) return;
    this.overBudget = over;
    if (!over) return;
    this.budgetCrossings += 1;
    const { amount, currency } = this.budget;
    const notification: NotificationToSend = {
      id: `${this.run.instanceId}:budget:${this.budgetCrossings}`,
      instanceId: this.run.instanceId,
      taskId: null,
      kind: 'budget',
      recipient: `department:${this.plan.owner}`,
      subject: `"${this.plan.title}" is forecast over its budget`,
      message: `The forecast of ${cost.forecast} ${currency} (${cost.actual} spent, ${Math.round((cost.forecast - cost.actual) * 100) / 100} still to do) is over the budget of ${amount} ${currency}.`,
      createdAt: iso(Date.now()),
    };
    return this.write(() => this.db().openTasks([], [notification]));
  }

  async untilFirstTasksOpened(): Promise<FirstTasksOpened> {
    await condition(() => this.firstTasksOpened);
    const open = [...this.byTaskId.values()].filter(
      ({ state, unit }) => isTask(state.step) && unit.status === 'open' && !unit.opening,
    );
    return { taskIds: open.map(({ unit }) => unit.taskId) };
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
      await this.write(() => this.db().openTasks(progress.tasks, progress.notifications));
    }
    this.started(progress);
    const told = this.watchBudget();
    if (told) await told;
    const ending = this.endIfSettled();
    if (ending) await ending;
  }

  /** A promise only when the instance ends: completions call this every time. */
  private endIfSettled(): Promise<void> | undefined {
    if (this.status !== 'running' || !this.allStepsSettled()) return;
    this.markEnded('completed');
    return this.writeOutcome();
  }

  /**
   * Starts every step whose dependencies are done or skipped, again and again: a skipped
   * step, a notification or a milestone settles at once and may make further steps ready.
   */
  private async advance(progress: Progress = emptyProgress()): Promise<Progress> {
    for (;;) {
      if (this.status !== 'running') return progress;
      const ready = this.steps.filter(
        (state) => state.status === 'pending' && !state.starting && this.dependenciesSettled(state.step),
      );
      if (ready.length === 0) return progress;
      // Synchronously, before any await, so nothing else starts them too.
      for (const state of ready) state.starting = true;
      const context = this.context();
      for (const state of ready) {
        // `await` only a real promise: awaiting a plain value still costs a promise.
        const pending = this.start(state, context, progress);
        if (pending) await pending;
      }
    }
  }

  /**
   * Evaluates the step's `when` and `forEach`, then starts its units. Returns a promise only
   * when some expression needs JSONata: in workflow code every promise costs a stack trace.
   */
  private start(state: StepState, context: ExpressionContext, progress: Progress): Promise<void> | undefined {
    const { step } = state;
    const batch = this.runtime.evaluateAll(gateExpressions(step), context);
    if (!(batch instanceof Promise)) return this.startWith(state, batch, context, progress);
    const { epoch } = state;
    return batch.then((values) => {
      // A cancel or a rejection handled meanwhile has reset the step: leave it be.
      if (state.epoch !== epoch || this.status !== 'running') {
        state.starting = false;
        return;
      }
      return this.startWith(state, values, context, progress);
    });
  }

  private startWith(
    state: StepState,
    values: Values,
    context: ExpressionContext,
    progress: Progress,
  ): Promise<void> | undefined {
    const { step } = state;
    state.starting = false;
    try {
      if (!conditionHolds(step, values)) {
        state.status = 'skipped';
        return;
      }
      const items = forEachItems(step.forEach, values);
      if (step.forEach !== null && items !== null && this.runtime.capsFanOut)
        checkFanOut(step.forEach.items, items.length);
      state.units =
        items === null
          ? [this.newUnit(state, step.id, null)]
          : items.map((value, index) => this.newUnit(state, itemUnitId(step.id, index), { value, index }));
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      state.error = error.message;
      state.status = 'failed';
      this.reportFailure(state, error.message, progress);
      return;
    }
    state.status = 'open';
    const pending = state.units.flatMap(
      (unit) => this.startUnit(state, unit, this.unitContext(state, unit, context), progress) ?? [],
    );
    if (pending.length === 0) {
      refreshStep(state);
      return;
    }
    return Promise.all(pending).then(() => {
      if (state.status === 'open') refreshStep(state);
    });
  }

  private unitContext(state: StepState, unit: UnitState, context: ExpressionContext): ExpressionContext {
    const { forEach } = state.step;
    if (forEach === null || unit.item === null) return context;
    return itemContext(context, forEach, unit.item.value, unit.item.index);
  }

  private newUnit(state: StepState, id: string, item: UnitState['item']): UnitState {
    const unit = newUnitState(this.run.instanceId, id, item);
    this.byTaskId.set(unit.taskId, { state, unit });
    return unit;
  }

  /**
   * Evaluates what one unit needs and starts it by its step's kind; what needs a written row
   * or a timer begins after the write. A unit cancelled while JSONata ran stays cancelled.
   * Returns a promise only when some expression needs JSONata.
   */
  private startUnit(state: StepState, unit: UnitState, context: object, progress: Progress): Promise<void> | undefined {
    const { step } = state;
    const batch = this.runtime.evaluateAll([...expressionsOf(step), ...this.calendarExpressions(step)], context);
    if (!(batch instanceof Promise)) {
      this.startUnitWith(state, unit, batch, progress);
      return;
    }
    return batch.then((values) => this.startUnitWith(state, unit, values, progress));
  }

  private startUnitWith(state: StepState, unit: UnitState, values: Values, progress: Progress): void {
    if (unit.status !== 'pending' || this.status !== 'running') return;
    try {
      this.renderUnit(state, unit, state.step, values, progress);
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      this.failUnit(state, unit, error.message, progress);
    }
  }

  /** Renders the unit from its evaluated expressions and starts it. */
  private renderUnit(state: StepState, unit: UnitState, step: CompiledStep, values: Values, progress: Progress): void {
    const now = Date.now();
    switch (step.kind) {
      case 'task':
      case 'approval': {
        const task = renderTask(step, values, this.plan.departments, now, () => this.calendarFor(values));
        const ladder = ladderOf(step, this.plan);
        if (ladder.length > 0) this.ladders.set(unit, { ladder, calendar: this.calendarFor(values) });
        openUnit(unit, now, {
          title: task.title,
          department: task.department,
          dueAt: task.dueAt,
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
          dueAt: iso(task.dueAt),
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
        const message = renderNotification(step, values, this.plan.departments);
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
        settleUnit(unit, 'done', message.text, now);
        return;
      }
      case 'milestone':
        unit.title = step.title === null ? null : renderText(step.title, values);
        settleUnit(unit, 'done', null, now);
        return;
      case 'wait': {
        openUnit(unit, now, { waitUntil: resolveWaitUntil(step, values, now, this.waitCalendar(values)) });
        progress.units.push({ state, unit, work: () => this.waitFor(state, unit) });
        return;
      }
      case 'call': {
        const call = renderCall(step, values);
        openUnit(unit, now);
        progress.units.push({ state, unit, work: () => this.callFor(state, unit, step, call) });
        return;
      }
      case 'process': {
        const input = renderChildInput(step, values);
        if ((this.run.parent?.depth ?? 0) >= MAXIMUM_PROCESS_DEPTH) {
          throw new StepError(
            `sub-processes nest ${MAXIMUM_PROCESS_DEPTH} deep here: does "${step.process}" start itself, directly or through another process?`,
          );
        }
        openUnit(unit, now);
        progress.units.push({ state, unit, work: () => this.runChild(state, unit, step, input) });
        return;
      }
    }
  }

  /** The rows exist: tasks can be completed and their deadlines run; waits and calls begin. */
  private started(progress: Progress): void {
    for (const { state, unit, work } of progress.units) {
      unit.opening = false;
      if (unit.status !== 'open') continue;
      if (work) this.inBackground(work);
      else if (isTask(state.step)) {
        if (!this.runtime.watchesEarliestDue) this.inBackground(() => watchDueDate(unit, this.deadlineHost));
        const escalation = this.ladders.get(unit);
        this.ladders.delete(unit);
        if (escalation) {
          const { ladder, calendar } = escalation;
          this.inBackground(() =>
            climbLadder(unit, ladder, calendar, (rung, index) => this.escalate(state, unit, rung, index)),
          );
        }
      }
    }
  }

  private failUnit(state: StepState, unit: UnitState, message: string, progress: Progress): void {
    unit.status = 'failed';
    unit.error = message;
    this.reportFailure(state, `${unit.id}: ${message}`, progress);
    refreshStep(state);
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

  /** A durable timer; a re-plan that moves the date cancels it and sets the next one. */
  private async waitFor(state: StepState, unit: UnitState): Promise<void> {
    for (;;) {
      const until = unit.waitUntil ?? Date.now();
      const interrupted = await condition(
        () => unit.status !== 'open' || unit.waitUntil !== until,
        Math.max(until - Date.now(), 1),
      );
      if (unit.status !== 'open') return;
      if (!interrupted) break;
    }
    settleUnit(unit, 'done', null, Date.now());
    refreshStep(state);
    await this.openReadySteps();
  }

  private async callFor(state: StepState, unit: UnitState, step: CallStep, call: HttpCall): Promise<void> {
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
      // Only our own cancellation (of the unit or the instance) is expected; anything else fails the step.
      if (scope.consideredCancelled || unit.status !== 'open') return;
      if (!(error instanceof ActivityFailure)) throw error;
      await this.failInBackground(
        state,
        unit,
        `${call.method} ${redactUrl(call.url)} failed: ${error.cause?.message ?? error.message}`,
      );
      return;
    } finally {
      this.calls.delete(unit);
    }
    if (unit.status !== 'open') return;
    settleUnit(unit, 'done', output, Date.now());
    refreshStep(state);
    await this.openReadySteps();
  }

  /** Starts the sub-process as a child workflow and waits for it; cancelling the unit cancels it. */
  private async runChild(state: StepState, unit: UnitState, step: ProcessStep, input: JsonObject): Promise<void> {
    const instanceId = uuid4();
    const parent = { instanceId: this.run.instanceId, stepId: unit.id, depth: (this.run.parent?.depth ?? 0) + 1 };
    const scope = new CancellationScope();
    this.calls.set(unit, scope);
    let prepared = false;
    let started = false;
    let releaseStart = () => {};
    let result: InstanceView;
    try {
      result = await scope.run(async () => {
        releaseStart = await this.childStartSlot();
        const child = await this.db().prepareChildInstance({
          instanceId,
          key: step.process,
          input,
          parentInstanceId: parent.instanceId,
          parentStepId: parent.stepId,
          startedAt: iso(Date.now()),
        });
        prepared = true;
        unit.childInstanceId = instanceId;
        const handle = await startChild<typeof processWorkflow>('processWorkflow', {
          workflowId: instanceId,
          taskQueue: workflowInfo().taskQueue,
          args: [
            {
              instanceId,
              key: child.key,
              version: child.version,
              plan: child.plan,
              input: child.input,
              parent,
              ...(this.runtime.childrenInheritRuntime ? { runtime: this.run.runtime } : {}),
            },
          ],
          // Should the parent be terminated, its sub-processes are asked to cancel, closing their tasks.
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          typedSearchAttributes: [
            { key: processKeyAttribute, value: child.key },
            { key: processVersionAttribute, value: child.version },
            { key: instanceStatusAttribute, value: 'running' },
          ],
        });
        started = true;
        releaseStart();
        return handle.result();
      });
    } catch (error) {
      if (scope.consideredCancelled || unit.status !== 'open') {
        // Cancelled between writing the child's row and starting it: no workflow will ever close that row.
        if (prepared && !started) {
          const outcome = { instanceId, status: 'cancelled' as const, completedAt: iso(Date.now()) };
          await CancellationScope.nonCancellable(() => this.write(() => this.db().recordInstanceOutcome(outcome)));
        }
        return;
      }
      // TemporalFailure covers the activity's refusal (however the SDK wraps it) and a child that failed or was cancelled from outside.
      if (!(error instanceof TemporalFailure)) throw error;
      await this.failInBackground(state, unit, `sub-process ${step.process}: ${error.cause?.message ?? error.message}`);
      return;
    } finally {
      releaseStart();
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
    unit.estimatedCost = result.cost.estimated;
    unit.actualCost = result.cost.actual;
    const { estimated, actual } = result.cost;
    settleUnit(unit, 'done', { instanceId, status: result.status, cost: { estimated, actual } }, Date.now());
    refreshStep(state);
    await this.openReadySteps();
  }

  /**
   * Waits for one of the instance's few child-start slots (runtime 3): a start carries the
   * child's plan, and 200 of them in one workflow task were more than Temporal accepts. A
   * start holds its slot until Temporal says the child runs, which is a later workflow task.
   */
  private async childStartSlot(): Promise<() => void> {
    if (!this.runtime.boundsChildStarts) return () => {};
    // Checked again on waking: the waiters woken together would otherwise all take a slot.
    while (this.childrenStarting >= CHILD_STARTS_PER_WORKFLOW_TASK) {
      await condition(() => this.childrenStarting < CHILD_STARTS_PER_WORKFLOW_TASK);
    }
    this.childrenStarting += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.childrenStarting -= 1;
    };
  }

  /** A unit failing outside any request (a call, a sub-process): the owner's message is written at once. */
  private async failInBackground(state: StepState, unit: UnitState, message: string): Promise<void> {
    const progress = emptyProgress();
    this.failUnit(state, unit, message, progress);
    await this.write(() => this.db().openTasks([], progress.notifications));
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

  async complete(request: CompleteTaskRequest): Promise<TaskCompletion> {
    const found = this.byTaskId.get(request.taskId);
    if (!found) throw ApplicationFailure.nonRetryable(`unknown task ${request.taskId}`, RejectionType.taskNotFound);
    const { state, unit } = found;
    // Synchronously, before any await, so a concurrent second completion fails validation.
    settleUnit(unit, 'done', request.output, Date.now());
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
      return taskCompletion(unit);
    }
    refreshStep(state);
    const endsInstance = this.allStepsSettled();
    // Also before any await: a cancel arriving now must see an instance that has ended.
    if (endsInstance) this.markEnded('completed');
    // Open dependents (or close the instance) before answering, so the caller reads the result.
    if (this.runtime.completesInOneWrite()) {
      const progress = await this.advance();
      await this.write(() => this.db().completeTask(completion, progress.tasks, progress.notifications));
      this.started(progress);
    } else {
      await this.write(() => this.db().completeTask(completion));
      await this.openReadySteps();
    }
    const told = this.watchBudget();
    if (told) await told;
    const ending = endsInstance ? this.writeOutcome() : this.endIfSettled();
    if (ending) await ending;
    return taskCompletion(unit);
  }

  /** A rejection ends the instance, or sends the work back for another round while rounds remain. */
  private async reject(
    state: StepState,
    step: ApprovalStep,
    completion: CompletionRow,
    comment: string,
  ): Promise<void> {
    state.rejections += 1;
    const { onReject } = step;
    if (onReject.action === 'cancel' || state.rejections >= onReject.maxRounds) {
      refreshStep(state);
      const openTaskIds = this.closeEverything();
      this.markEnded('rejected');
      await this.write(() => this.db().completeTask(completion));
      await this.write(() => this.db().cancelTasks(openTaskIds));
      await this.writeOutcome();
      return;
    }
    const redo = stepsToRedo(this.plan.steps, onReject.steps, step.id);
    const withdrawn: string[] = [];
    for (const resetState of this.steps.filter((candidate) => redo.has(candidate.step.id))) {
      const units = resetState.units ?? [];
      for (const unit of units) {
        if (unit.status === 'open' && isTask(resetState.step)) withdrawn.push(unit.taskId);
        this.cancelUnit(unit);
        this.byTaskId.delete(unit.taskId);
      }
      Object.assign<StepState, Partial<StepState>>(resetState, {
        status: 'pending',
        starting: false,
        epoch: resetState.epoch + 1,
        units: null,
        error: null,
        // Each step counts its own rounds: two approvals may send the same step back.
        round: resetState.round + 1,
        note: comment,
        spentInEarlierRounds: resetState.spentInEarlierRounds + spentOn(units),
      });
    }
    await this.write(() => this.db().completeTask(completion));
    if (withdrawn.length > 0) await this.write(() => this.db().cancelTasks(withdrawn));
    await this.openReadySteps();
  }

  assertRunning(): void {
    if (this.status !== 'running') {
      throw ApplicationFailure.nonRetryable(`the instance is already ${this.status}`, RejectionType.instanceNotRunning);
    }
  }

  async cancel(): Promise<InstanceView> {
    const openTaskIds = this.closeEverything();
    this.markEnded('cancelled');
    const recorded = this.writeOutcome();
    await this.write(() => this.db().cancelTasks(openTaskIds));
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
      if (state.status === 'open' || state.status === 'pending' || state.status === 'failed') {
        state.status = 'cancelled';
        state.epoch += 1;
      }
    }
    return openTaskIds;
  }

  /** Its deadline timer or wait, watching its status, ends; its call or sub-process in flight is cancelled. */
  private cancelUnit(unit: UnitState): void {
    if (unit.status === 'open' || unit.status === 'pending' || unit.status === 'failed') unit.status = 'cancelled';
    this.calls.get(unit)?.cancel();
  }

  assertCanChangeInput(request: ChangeInputRequest): void {
    this.assertRunning();
    const { input } = request;
    // The API checks it against the start form; the workflow must not trust any other Temporal client.
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw ApplicationFailure.nonRetryable('input must be an object', RejectionType.invalidInput);
    }
  }

  /**
   * New start data: what is still to come uses it, and the open tasks whose due dates depend
   * on it (anchored, or computed) and the waits until a date move, their timers with them.
   * Each department concerned is told; a date that cannot be recomputed stays, and the owner
   * is told why.
   */
  async changeInput(request: ChangeInputRequest): Promise<InstanceView> {
    this.input = request.input;
    this.replans += 1;
    const context = this.context();
    const now = Date.now();
    const moves: { taskId: string; dueAt: string; overdue: boolean }[] = [];
    const notifications: NotificationToSend[] = [];
    for (const state of this.steps) {
      const { step } = state;
      for (const unit of state.units ?? []) {
        if (unit.status !== 'open' || unit.opening || unit.openedAt === null) continue;
        const expressions =
          isTask(step) && !('ms' in step.due)
            ? [...dueExpressions(step.due), ...this.calendarExpressions(step)]
            : step.kind === 'wait' && 'until' in step.wait
              ? [step.wait.until, ...this.calendarExpressions(step)]
              : [];
        if (expressions.length === 0) continue;
        const batch = this.runtime.evaluateAll(expressions, this.unitContext(state, unit, context));
        const values = batch instanceof Promise ? await batch : batch;
        if (unit.status !== 'open') continue;
        try {
          if (isTask(step)) {
            const dueAt = resolveTaskDue(step, values, unit.openedAt, () => this.calendarFor(values));
            if (dueAt === unit.dueAt) continue;
            notifications.push(this.movedMessage(unit, unit.dueAt, dueAt, now));
            unit.dueAt = dueAt;
            unit.overdue = unit.overdue && dueAt <= now;
            moves.push({ taskId: unit.taskId, dueAt: iso(dueAt), overdue: unit.overdue });
          } else if (step.kind === 'wait') {
            unit.waitUntil = resolveWaitUntil(step, values, unit.openedAt, this.waitCalendar(values));
          }
        } catch (error) {
          if (!(error instanceof StepError)) throw error;
          notifications.push(this.unmovedMessage(state, unit, error.message, now));
        }
      }
    }
    const replan = { instanceId: this.run.instanceId, input: request.input, tasks: moves, notifications };
    await this.write(() => this.db().recordReplan(replan));
    if (this.plan.budget) {
      await this.resolveBudget(this.plan.budget);
      const told = this.watchBudget();
      if (told) await told;
    }
    return this.view();
  }

  private calendarExpressions(step: CompiledStep): string[] {
    const counted = needsCalendar(step) || ladderOf(step, this.plan).length > 0 || this.waitsForDate(step);
    return counted ? calendarExpressions(this.plan, this.run.calendar) : [];
  }

  private async escalate(state: StepState, unit: UnitState, rung: EscalationRung, index: number): Promise<void> {
    const from = unit.department ?? this.plan.owner;
    const title = unit.title ?? unit.id;
    const dueAt = iso(unit.dueAt ?? Date.now());
    const when =
      rung.at.relative === 'before'
        ? `Reminder: "${title}" is due ${dueAt}.`
        : rung.at.relative === 'at'
          ? `"${title}" is due now (${dueAt}) and not done.`
          : `"${title}" was due ${dueAt} and is still not done.`;
    const moved = rung.reassignTo !== null && rung.reassignTo !== from ? rung.reassignTo : null;
    if (moved !== null) unit.department = moved;
    const message = moved === null ? when : `${when} It moves from ${from}'s queue to ${moved}'s.`;
    const recipients = rung.notify.map((recipient) => this.recipientOf(recipient, from));
    if (moved !== null) recipients.push(`department:${moved}`);
    const now = iso(Date.now());
    const escalation = {
      taskId: unit.taskId,
      reassignTo: moved,
      notifications: [...new Set(recipients)].map((recipient, position) => ({
        id: `${unit.taskId}:escalation:${state.round}:${index}:${position}`,
        instanceId: this.run.instanceId,
        taskId: unit.taskId,
        kind: 'escalation' as const,
        recipient,
        subject: `${this.plan.title}: ${title}`,
        message,
        createdAt: now,
      })),
    };
    await this.write(() => this.db().escalateTask(escalation));
  }

  /** Who a rung's `notify` entry names, for the outbox. */
  private recipientOf(entry: string, department: string): string {
    if (entry === 'department') return `department:${department}`;
    if (entry === 'department-lead') return `department-lead:${department}`;
    if (entry === 'process-owner') return `department:${this.plan.owner}`;
    return entry.startsWith('role:') ? entry : `department:${entry}`;
  }

  private movedMessage(unit: UnitState, from: number | null, to: number, now: number): NotificationToSend {
    const title = unit.title ?? unit.id;
    return {
      id: `${unit.taskId}:replanned:${this.replans}`,
      instanceId: this.run.instanceId,
      taskId: unit.taskId,
      kind: 'replanned',
      recipient: `department:${unit.department ?? this.plan.owner}`,
      subject: `"${title}" is now due ${iso(to)}`,
      message: `The start data of "${this.plan.title}" changed: "${title}" is now due ${iso(to)}${from === null ? '' : ` (it was due ${iso(from)})`}.`,
      createdAt: iso(now),
    };
  }

  private unmovedMessage(state: StepState, unit: UnitState, reason: string, now: number): NotificationToSend {
    return {
      id: `${unit.taskId}:replanned:${this.replans}`,
      instanceId: this.run.instanceId,
      taskId: isTask(state.step) ? unit.taskId : null,
      kind: 'replanned',
      recipient: `department:${this.plan.owner}`,
      subject: `"${unit.title ?? unit.id}" keeps its date`,
      message: `The start data of "${this.plan.title}" changed, but the date of "${unit.title ?? unit.id}" could not be recomputed: ${reason}. It keeps its date.`,
      createdAt: iso(now),
    };
  }

  assertStepFailed(request: StepActionRequest): void {
    this.assertRunning();
    const state = this.stepOf(request.stepId);
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
      Object.assign<StepState, Partial<StepState>>(state, {
        status: 'pending',
        epoch: state.epoch + 1,
        units: null,
        error: null,
      });
      await this.openReadySteps();
      return stepView(state);
    }
    // Before any await, so a second retry or a skip in the same activation finds nothing failed.
    const failed = state.units.filter((unit) => unit.status === 'failed');
    for (const unit of failed) Object.assign<UnitState, Partial<UnitState>>(unit, { status: 'pending', error: null });
    state.status = 'open';
    const progress = emptyProgress();
    const context = this.context();
    for (const unit of failed) {
      const pending = this.startUnit(state, unit, this.unitContext(state, unit, context), progress);
      if (pending) await pending;
    }
    refreshStep(state);
    await this.advance(progress);
    const { tasks, notifications } = progress;
    if (tasks.length > 0 || notifications.length > 0) await this.write(() => this.db().openTasks(tasks, notifications));
    this.started(progress);
    const ending = this.endIfSettled();
    if (ending) await ending;
    return stepView(state);
  }

  /**
   * Treats what failed as skipped: the whole step when its `when` or `forEach` failed, else
   * its failed items, while its other items go on. The steps after it start once it settles.
   */
  async skip(request: StepActionRequest): Promise<StepView> {
    const state = this.stepOf(request.stepId);
    if (state.units === null || state.error !== null) {
      state.status = 'skipped';
      state.error = null;
    } else {
      for (const unit of state.units) if (unit.status === 'failed') settleUnit(unit, 'skipped', null, Date.now());
      refreshStep(state);
    }
    await this.openReadySteps();
    return stepView(state);
  }

  private waitsForDate(step: CompiledStep): boolean {
    return step.kind === 'wait' && 'until' in step.wait && this.runtime.waitsInCalendarZone;
  }

  private waitCalendar(values: Values): (() => CompiledCalendar) | undefined {
    return this.runtime.waitsInCalendarZone ? () => this.calendarFor(values) : undefined;
  }

  private calendarFor(values: Values): CompiledCalendar {
    const id = calendarIdOf(this.plan, this.run.calendar, values);
    return calendarById(
      this.plan,
      id,
      (unknown, known) =>
        new StepError(
          `the calendar "${unknown}" chosen for this instance is not one of this process's calendars (${known.join(', ') || 'none'})`,
        ),
    );
  }

  private stepStateOf(unit: UnitState): StepState {
    const found = this.byTaskId.get(unit.taskId);
    if (!found) throw new Error(`unit ${unit.id} belongs to no step`);
    return found.state;
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
    if (this.status !== 'running') return;
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
    return this.write(() => this.db().recordInstanceOutcome(outcome));
  }

  view(): InstanceView {
    const view = instanceView(this.run, this.steps, this.status, this.completedAt);
    return this.budget === null ? view : { ...view, budget: { ...this.budget, overBudget: this.overBudget } };
  }

  private dependenciesSettled(step: CompiledStep): boolean {
    return step.after.every((id) => {
      const status = this.byStepId.get(id)?.status;
      return status !== undefined && SETTLED.includes(status);
    });
  }

  private markOverdue(unit: UnitState, dueAt: number): Promise<void> {
    unit.overdue = true;
    const overdue = {
      taskId: unit.taskId,
      instanceId: this.run.instanceId,
      department: unit.department ?? this.plan.owner,
      title: unit.title ?? unit.id,
      round: this.stepStateOf(unit).round,
      dueAt: iso(dueAt),
      noticedAt: iso(Date.now()),
    };
    return this.write(() => this.db().markTaskOverdue(overdue));
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
    for (const state of this.steps) if (state.status !== 'pending') steps[state.step.id] = stepFacts(state);
    return {
      input: this.input,
      data: this.plan.data,
      steps,
      process: { key: this.run.key, version: this.run.version, title: this.plan.title },
      instance: { id: this.run.instanceId, startedAt: workflowInfo().startTime.toISOString() },
    };
  }
}
