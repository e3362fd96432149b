import {
  ApplicationFailure,
  type CancellationScope,
  condition,
  isCancellation,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/contract';
import type { ExpressionContext, StepFacts } from '../plan/context';
import { EvaluationError, type Values } from '../plan/evaluate';
import { checkFanOut, conditionHolds, forEachItems, gateExpressions, itemContext, itemUnitId } from '../plan/fan-out';
import type { InstanceView, RunStatus } from '../plan/instance-view';
import { expressionsOf, StepError } from '../plan/render-step';
import { isTask } from '../plan/steps';
import type { CompiledProcess, CompiledStep, JsonObject } from '../plan/types';
import { upgradePlan } from '../plan/upgrade';
import { BudgetWatch } from './budget-watch';
import { climbLadder, type DeadlineHost, escalate, markOverdue, watchDueDate, watchEarliestDue } from './deadlines';
import { instanceView, iso, stepFacts } from './instance-view';
import { type FirstTasksOpened, type ProcessWorkflowInput, RejectionType } from './messages';
import { stepFailedMessage } from './notifications';
import { renderUnit } from './open-unit';
import { RunCalendar } from './run-calendar';
import type { RunHost } from './run-host';
import {
  emptyProgress,
  newStepState,
  newUnitState,
  type Progress,
  refreshStep,
  SETTLED,
  type StepState,
  type UnitState,
} from './run-state';
import { Runtime } from './runtime';
import { SubProcesses } from './sub-process';

/**
 * The state of one instance, and how its steps start and end. The update handlers
 * (complete-task, change-input, repair-step, cancel-instance) and the unit runners (wait-unit,
 * call-unit, sub-process) work on it through `RunHost`; the workflow function wires them to Temporal.
 */
export class ProcessRun implements RunHost {
  readonly plan: CompiledProcess;
  readonly runtime: Runtime;
  readonly calendar: RunCalendar;
  readonly steps: StepState[];
  readonly scopes = new Map<UnitState, CancellationScope>();
  // Maps live in workflow memory only; they never cross the workflow boundary.
  private readonly byTaskId = new Map<string, { state: StepState; unit: UnitState }>();
  private readonly byStepId = new Map<string, StepState>();
  /** Database writes run one at a time, in the order the workflow decided them. */
  private writes: Promise<void> = Promise.resolve();
  /** Deadline timers, waits and calls, awaited before the workflow returns. */
  private readonly background: Promise<void>[] = [];
  private readonly subProcesses = new SubProcesses(this);
  readonly budget = new BudgetWatch(this);
  private status: RunStatus = 'running';
  private readonly deadlineHost: DeadlineHost = {
    isRunning: () => this.isRunning(),
    units: () => this.byTaskId.values(),
    markOverdue: (unit, dueAt) => markOverdue(this, this.stepStateOf(unit), unit, dueAt),
  };
  /** The start data; a re-plan replaces it. */
  private input: JsonObject;
  private replans = 0;
  private firstTasksOpened = false;
  private completedAt: number | null = null;

  constructor(readonly run: ProcessWorkflowInput) {
    this.plan = upgradePlan(run.plan);
    this.runtime = new Runtime(run);
    this.calendar = new RunCalendar(this.plan, run, this.runtime);
    this.input = run.input;
    this.steps = this.plan.steps.map(newStepState);
    for (const state of this.steps) this.byStepId.set(state.step.id, state);
  }

  db(): Activities {
    return this.runtime.readModel();
  }

  /** Opens the steps that depend on nothing; the start call waits for this. */
  async openFirstSteps(): Promise<void> {
    if (this.plan.budget) await this.budget.resolve(this.plan.budget);
    if (this.runtime.watchesEarliestDue) this.inBackground(() => watchEarliestDue(this.deadlineHost));
    await this.openReadySteps();
    this.firstTasksOpened = true;
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

  allStepsSettled(): boolean {
    return this.steps.every((state) => SETTLED.includes(state.status));
  }

  assertRunning(): void {
    if (this.status !== 'running') {
      throw ApplicationFailure.nonRetryable(`the instance is already ${this.status}`, RejectionType.instanceNotRunning);
    }
  }

  /** Starts what is ready and writes it; ends the instance when nothing is left to do. */
  async openReadySteps(): Promise<void> {
    const progress = await this.advance();
    if (progress.tasks.length > 0 || progress.notifications.length > 0) {
      await this.write(() => this.db().openTasks(progress.tasks, progress.notifications));
    }
    this.started(progress);
    const told = this.budget.watch();
    if (told) await told;
    const ending = this.endIfSettled();
    if (ending) await ending;
  }

  /** A promise only when the instance ends: completions call this every time. */
  endIfSettled(): Promise<void> | undefined {
    if (this.status !== 'running' || !this.allStepsSettled()) return;
    this.markEnded('completed');
    return this.writeOutcome();
  }

  /**
   * Starts every step whose dependencies are done or skipped, again and again: a skipped
   * step, a notification or a milestone settles at once and may make further steps ready.
   */
  async advance(progress: Progress = emptyProgress()): Promise<Progress> {
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

  unitContext(state: StepState, unit: UnitState, context: ExpressionContext): ExpressionContext {
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
  startUnit(state: StepState, unit: UnitState, context: object, progress: Progress): Promise<void> | undefined {
    const { step } = state;
    const batch = this.runtime.evaluateAll([...expressionsOf(step), ...this.calendar.expressionsFor(step)], context);
    if (!(batch instanceof Promise)) {
      this.startUnitWith(state, unit, batch, progress);
      return;
    }
    return batch.then((values) => this.startUnitWith(state, unit, values, progress));
  }

  private startUnitWith(state: StepState, unit: UnitState, values: Values, progress: Progress): void {
    if (unit.status !== 'pending' || this.status !== 'running') return;
    try {
      renderUnit(this, this.subProcesses, state, unit, state.step, values, progress);
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      this.failUnit(state, unit, error.message, progress);
    }
  }

  /** The rows exist: tasks can be completed and their deadlines run; waits and calls begin. */
  started(progress: Progress): void {
    for (const { state, unit, work, escalation } of progress.units) {
      unit.opening = false;
      if (unit.status !== 'open') continue;
      if (work) this.inBackground(work);
      else if (isTask(state.step)) {
        if (!this.runtime.watchesEarliestDue) this.inBackground(() => watchDueDate(unit, this.deadlineHost));
        if (escalation) {
          const { ladder, calendar } = escalation;
          this.inBackground(() =>
            climbLadder(unit, ladder, calendar, (rung, index) => escalate(this, state, unit, rung, index)),
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
    progress.notifications.push(stepFailedMessage(this, state.step.id, state.failures, message, Date.now()));
  }

  /** A unit failing outside any request (a call, a sub-process): the owner's message is written at once. */
  async failInBackground(state: StepState, unit: UnitState, message: string): Promise<void> {
    const progress = emptyProgress();
    this.failUnit(state, unit, message, progress);
    await this.write(() => this.db().openTasks([], progress.notifications));
  }

  unitOf(taskId: string): { readonly state: StepState; readonly unit: UnitState } | undefined {
    return this.byTaskId.get(taskId);
  }

  forgetUnit(unit: UnitState): void {
    this.byTaskId.delete(unit.taskId);
  }

  private stepStateOf(unit: UnitState): StepState {
    const found = this.byTaskId.get(unit.taskId);
    if (!found) throw new Error(`unit ${unit.id} belongs to no step`);
    return found.state;
  }

  stepOf(stepId: string): StepState {
    const state = this.byStepId.get(stepId);
    if (!state) throw ApplicationFailure.nonRetryable(`unknown step ${stepId}`, RejectionType.stepNotFound);
    return state;
  }

  private dependenciesSettled(step: CompiledStep): boolean {
    return step.after.every((id) => {
      const status = this.byStepId.get(id)?.status;
      return status !== undefined && SETTLED.includes(status);
    });
  }

  replaceInput(input: JsonObject): number {
    this.input = input;
    this.replans += 1;
    return this.replans;
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
  markEnded(status: Exclude<RunStatus, 'running'>): void {
    this.status = status;
    this.completedAt = Date.now();
  }

  writeOutcome(): Promise<void> {
    const { status } = this;
    if (status === 'running') throw new Error('writeOutcome before markEnded');
    const outcome = { instanceId: this.run.instanceId, status, completedAt: iso(this.completedAt ?? Date.now()) };
    return this.write(() => this.db().recordInstanceOutcome(outcome));
  }

  view(): InstanceView {
    return this.budget.shownIn(instanceView(this.run, this.steps, this.status, this.completedAt));
  }

  private inBackground(work: () => Promise<void>): void {
    this.background.push(
      work().catch((error: unknown) => {
        // Cancelling the whole workflow cancels timers too; the cancellation path cleans up.
        if (!isCancellation(error)) throw error;
      }),
    );
  }

  write(operation: () => Promise<void>): Promise<void> {
    const result = this.writes.then(operation);
    this.writes = result.catch(() => undefined);
    return result;
  }

  context(): ExpressionContext {
    const steps: { [stepId: string]: StepFacts } = {};
    for (const state of this.steps) if (state.status !== 'pending') steps[state.step.id] = stepFacts(state);
    return {
      input: this.input,
      data: this.plan.data,
      steps,
      process: { key: this.run.key, version: this.run.version, title: this.plan.title },
      instance: {
        id: this.run.instanceId,
        startedAt: workflowInfo().startTime.toISOString(),
        // Only when there is one: instances from before requesters evaluate exactly what they did.
        ...(this.run.requester === undefined ? {} : { requester: this.run.requester }),
      },
    };
  }
}
