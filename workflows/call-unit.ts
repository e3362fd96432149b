import { ActivityFailure, CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/contract';
import { redactUrl } from '../plan/redact';
import type { HttpCall } from '../plan/render-step';
import type { CallStep, JsonValue } from '../plan/types';
import type { RunHost } from './run-host';
import { refreshStep, type StepState, settleUnit, type UnitState } from './run-state';

/** A `call` step's request, retried as the step says; cancelling the unit cancels it. */
export async function callService(
  host: Pick<RunHost, 'scopes' | 'failInBackground' | 'openReadySteps'>,
  state: StepState,
  unit: UnitState,
  step: CallStep,
  call: HttpCall,
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
  host.scopes.set(unit, scope);
  let output: JsonValue;
  try {
    output = await scope.run(() => callHttp(call));
  } catch (error) {
    // Only our own cancellation (of the unit or the instance) is expected; anything else fails the step.
    if (scope.consideredCancelled || unit.status !== 'open') return;
    if (!(error instanceof ActivityFailure)) throw error;
    await host.failInBackground(
      state,
      unit,
      `${call.method} ${redactUrl(call.url)} failed: ${error.cause?.message ?? error.message}`,
    );
    return;
  } finally {
    host.scopes.delete(unit);
  }
  if (unit.status !== 'open') return;
  settleUnit(unit, 'done', output, Date.now());
  refreshStep(state);
  await host.openReadySteps();
}
