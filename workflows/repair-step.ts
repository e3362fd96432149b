import { ApplicationFailure } from '@temporalio/workflow';
import type { StepView } from '../plan/instance-view';
import { stepView } from './instance-view';
import { RejectionType, type StepActionRequest } from './messages';
import type { RunHost } from './run-host';
import { emptyProgress, refreshStep, type StepState, settleUnit, type UnitState } from './run-state';

/** The retry and skip updates' validator: only a failed step waits for a manager's decision. */
export function assertStepFailed(host: Pick<RunHost, 'assertRunning' | 'stepOf'>, request: StepActionRequest): void {
  host.assertRunning();
  const state = host.stepOf(request.stepId);
  if (state.status !== 'failed') {
    throw ApplicationFailure.nonRetryable(
      `step ${request.stepId} is ${state.status}; only a failed step can be retried or skipped`,
      RejectionType.stepNotFailed,
    );
  }
}

/** Runs a failed step again: the whole step if its `when` or `forEach` failed, else its failed units. */
export async function retryStep(host: RunHost, request: StepActionRequest): Promise<StepView> {
  const state = host.stepOf(request.stepId);
  if (state.units === null || state.error !== null) {
    Object.assign<StepState, Partial<StepState>>(state, {
      status: 'pending',
      epoch: state.epoch + 1,
      units: null,
      error: null,
    });
    await host.openReadySteps();
    return stepView(state);
  }
  // Before any await, so a second retry or a skip in the same activation finds nothing failed.
  const failed = state.units.filter((unit) => unit.status === 'failed');
  for (const unit of failed) Object.assign<UnitState, Partial<UnitState>>(unit, { status: 'pending', error: null });
  state.status = 'open';
  const progress = emptyProgress();
  const context = host.context();
  for (const unit of failed) {
    const pending = host.startUnit(state, unit, host.unitContext(state, unit, context), progress);
    if (pending) await pending;
  }
  refreshStep(state);
  await host.advance(progress);
  const { tasks, notifications } = progress;
  if (tasks.length > 0 || notifications.length > 0) await host.write(() => host.db().openTasks(tasks, notifications));
  host.started(progress);
  const ending = host.endIfSettled();
  if (ending) await ending;
  return stepView(state);
}

/**
 * Treats what failed as skipped: the whole step when its `when` or `forEach` failed, else
 * its failed items, while its other items go on. The steps after it start once it settles.
 */
export async function skipStep(host: RunHost, request: StepActionRequest): Promise<StepView> {
  const state = host.stepOf(request.stepId);
  if (state.units === null || state.error !== null) {
    state.status = 'skipped';
    state.error = null;
  } else {
    for (const unit of state.units) if (unit.status === 'failed') settleUnit(unit, 'skipped', null, Date.now());
    refreshStep(state);
  }
  await host.openReadySteps();
  return stepView(state);
}
