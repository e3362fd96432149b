import { patched } from '@temporalio/workflow';
import type { Activities } from '../activities/contract';
import { evaluateAll, type Values } from '../plan/evaluate';
import { evaluateAllAsync } from '../plan/evaluate-async';
import type { Expression } from '../plan/types';
import type { ProcessWorkflowInput } from './messages';
import { localWrites, remoteWrites } from './read-model';

const LOCAL_WRITES_PATCH = 'read-model-writes-as-local-activities';
/** A completion and the tasks it opens are written in one transaction, one activity. */
const ONE_WRITE_PER_COMPLETION_PATCH = 'completion-and-opened-tasks-in-one-write';
/** Instances before runtime 3 evaluate within ASYNC_EXPRESSION_BUDGET from here on. */
const ASYNC_EXPRESSION_BUDGET_PATCH = 'expression-budget-for-async-evaluation';

/** Whether an instance started with at least this runtime: behaviour changes branch on this, never on CURRENT_RUNTIME. */
function hasRuntime(run: Pick<ProcessWorkflowInput, 'runtime'>, runtime: number): boolean {
  return (run.runtime ?? 1) >= runtime;
}

/**
 * Every behaviour an instance keeps from the interpreter it started with, and what each
 * runtime changed. Instances without `runtime` (runtime 1) follow the patch markers their
 * histories recorded; from runtime 2 the input's `runtime` decides, which costs the history
 * nothing. A behaviour change adds a runtime here and a branch at its one point of use.
 *
 * - Runtime 2: read-model writes are local activities, a completion and the tasks it opens are
 *   one write, one deadline timer per instance watches the earliest due date of its open tasks,
 *   and sub-processes start with their parent's runtime.
 * - Runtime 3: expressions are evaluated synchronously, a `forEach` past its cap fails the step,
 *   a wait until a date without a time ends when that day begins in the instance's calendar
 *   zone, and sub-processes start in bounded batches across workflow tasks.
 */
export class Runtime {
  constructor(private readonly run: Pick<ProcessWorkflowInput, 'runtime'>) {}

  /** Started with `runtime` 2 or later: its behaviour is fixed by its input, not by patch markers. */
  get fixedByInput(): boolean {
    return hasRuntime(this.run, 2);
  }

  /**
   * The read-model writes are short and idempotent: as local activities they skip a round
   * trip through the Temporal server each, which was most of a completion's latency.
   * Instances started before this change keep replaying their remote activities.
   */
  readModel(): Activities {
    if (this.fixedByInput) return localWrites;
    return patched(LOCAL_WRITES_PATCH) ? localWrites : remoteWrites;
  }

  /** Whether a completion and the tasks it opens are one write; before, the completion was written first. */
  completesInOneWrite(): boolean {
    return this.fixedByInput || patched(ONE_WRITE_PER_COMPLETION_PATCH);
  }

  /** One deadline timer for the instance (`watchEarliestDue`); before runtime 2, one per task (`watchDueDate`). */
  get watchesEarliestDue(): boolean {
    return this.fixedByInput;
  }

  /** A parent replaying its old behaviour starts its children exactly as it did then. */
  get childrenInheritRuntime(): boolean {
    return this.fixedByInput;
  }

  /**
   * Runtime 3 evaluates synchronously (JSONata's promises cost a stack trace each in workflow
   * code); earlier instances keep the promises whose order their histories recorded, and get
   * a budget only from the activation that first reaches this patch: what their histories
   * evaluated before it, however long, replays as it ran.
   */
  evaluateAll(expressions: Iterable<Expression>, context: object): Values | Promise<Values> {
    if (hasRuntime(this.run, 3)) return evaluateAll(expressions, context);
    return evaluateAllAsync(expressions, context, patched(ASYNC_EXPRESSION_BUDGET_PATCH));
  }

  /** Runtime 3: a `forEach` past `MAXIMUM_FAN_OUT` items fails its step. */
  get capsFanOut(): boolean {
    return hasRuntime(this.run, 3);
  }

  /**
   * Runtime 3 reads a wait's date without a time as the start of that day in the instance's
   * calendar zone, as anchored dues do; earlier instances keep 00:00 UTC.
   */
  get waitsInCalendarZone(): boolean {
    return hasRuntime(this.run, 3);
  }

  /** Runtime 3: at most `CHILD_STARTS_PER_WORKFLOW_TASK` sub-processes start at once. */
  get boundsChildStarts(): boolean {
    return hasRuntime(this.run, 3);
  }
}
