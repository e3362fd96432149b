import type { CancellationScope } from '@temporalio/workflow';
import type { Activities } from '../activities/contract';
import type { ExpressionContext } from '../plan/context';
import type { InstanceView, RunStatus } from '../plan/instance-view';
import type { CompiledProcess, JsonObject } from '../plan/types';
import type { BudgetWatch } from './budget-watch';
import type { ProcessWorkflowInput } from './messages';
import type { RunCalendar } from './run-calendar';
import type { Progress, StepState, UnitState } from './run-state';
import type { Runtime } from './runtime';

/**
 * What the update handlers and the unit runners read of their instance and do on it, each in
 * its own file. `ProcessRun` is the host: it holds the state and starts the steps.
 */
export interface RunHost {
  readonly run: ProcessWorkflowInput;
  readonly plan: CompiledProcess;
  readonly runtime: Runtime;
  readonly calendar: RunCalendar;
  readonly budget: BudgetWatch;
  readonly steps: readonly StepState[];
  /** Calls and sub-processes in flight, cancelled when their unit is. */
  readonly scopes: Map<UnitState, CancellationScope>;
  isRunning(): boolean;
  /** Refuses an update when the instance has ended. */
  assertRunning(): void;
  /** The unit of that task id, with its step; undefined when the instance has none. */
  unitOf(taskId: string): { readonly state: StepState; readonly unit: UnitState } | undefined;
  /** The step of that id; refuses an update naming a step the process does not have. */
  stepOf(stepId: string): StepState;
  /** A unit withdrawn for good: a step sent back starts with new ones. */
  forgetUnit(unit: UnitState): void;
  /** New start data; returns how many re-plans the instance has had, this one included. */
  replaceInput(input: JsonObject): number;
  context(): ExpressionContext;
  unitContext(state: StepState, unit: UnitState, context: ExpressionContext): ExpressionContext;
  advance(progress?: Progress): Promise<Progress>;
  startUnit(state: StepState, unit: UnitState, context: object, progress: Progress): Promise<void> | undefined;
  started(progress: Progress): void;
  openReadySteps(): Promise<void>;
  failInBackground(state: StepState, unit: UnitState, message: string): Promise<void>;
  allStepsSettled(): boolean;
  markEnded(status: Exclude<RunStatus, 'running'>): void;
  writeOutcome(): Promise<void>;
  endIfSettled(): Promise<void> | undefined;
  /** The read-model activities of this instance's runtime. */
  db(): Activities;
  /** Runs a database write after those decided before it. */
  write(operation: () => Promise<void>): Promise<void>;
  view(): InstanceView;
}
