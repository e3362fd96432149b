import { ApplicationFailure } from '@temporalio/workflow';
import type { TaskCompletion as CompletionRow } from '../activities/contract';
import { MAXIMUM_AMOUNT } from '../plan/amounts';
import { isTask } from '../plan/steps';
import type { ApprovalStep } from '../plan/types';
import { cancelUnit, closeEverything } from './cancel-instance';
import { iso, spentOn, taskCompletion } from './instance-view';
import { type CompleteTaskRequest, RejectionType, type TaskCompletion } from './messages';
import { stepsToRedo } from './reopen';
import type { RunHost } from './run-host';
import { refreshStep, type StepState, settleUnit } from './run-state';

/** The completion update's validator: the task is this instance's, open, and the output fits its kind. */
export function assertCanComplete(host: Pick<RunHost, 'unitOf' | 'isRunning'>, request: CompleteTaskRequest): void {
  const found = host.unitOf(request.taskId);
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
  if (unit.status !== 'open' || unit.opening || !host.isRunning()) {
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

/** Records the task done and opens what it made ready (or ends the instance) before answering. */
export async function completeTask(host: RunHost, request: CompleteTaskRequest): Promise<TaskCompletion> {
  const found = host.unitOf(request.taskId);
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
    await reject(host, state, state.step, completion, String(request.output.comment ?? ''));
    return taskCompletion(unit);
  }
  refreshStep(state);
  const endsInstance = host.allStepsSettled();
  // Also before any await: a cancel arriving now must see an instance that has ended.
  if (endsInstance) host.markEnded('completed');
  // Open dependents (or close the instance) before answering, so the caller reads the result.
  if (host.runtime.completesInOneWrite()) {
    const progress = await host.advance();
    await host.write(() => host.db().completeTask(completion, progress.tasks, progress.notifications));
    host.started(progress);
  } else {
    await host.write(() => host.db().completeTask(completion));
    await host.openReadySteps();
  }
  const told = host.budget.watch();
  if (told) await told;
  const ending = endsInstance ? host.writeOutcome() : host.endIfSettled();
  if (ending) await ending;
  return taskCompletion(unit);
}

/** A rejection ends the instance, or sends the work back for another round while rounds remain. */
async function reject(
  host: RunHost,
  state: StepState,
  step: ApprovalStep,
  completion: CompletionRow,
  comment: string,
): Promise<void> {
  state.rejections += 1;
  const { onReject } = step;
  if (onReject.action === 'cancel' || state.rejections >= onReject.maxRounds) {
    refreshStep(state);
    const openTaskIds = closeEverything(host);
    host.markEnded('rejected');
    await host.write(() => host.db().completeTask(completion));
    await host.write(() => host.db().cancelTasks(openTaskIds));
    await host.writeOutcome();
    return;
  }
  const redo = stepsToRedo(host.plan.steps, onReject.steps, step.id);
  const withdrawn: string[] = [];
  for (const resetState of host.steps.filter((candidate) => redo.has(candidate.step.id))) {
    const units = resetState.units ?? [];
    for (const unit of units) {
      if (unit.status === 'open' && isTask(resetState.step)) withdrawn.push(unit.taskId);
      cancelUnit(host, unit);
      host.forgetUnit(unit);
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
  await host.write(() => host.db().completeTask(completion));
  if (withdrawn.length > 0) await host.write(() => host.db().cancelTasks(withdrawn));
  await host.openReadySteps();
}
