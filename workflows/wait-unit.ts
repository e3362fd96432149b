import { condition } from '@temporalio/workflow';
import type { RunHost } from './run-host';
import { refreshStep, type StepState, settleUnit, type UnitState } from './run-state';

/** A `wait` step's durable timer; a re-plan that moves the date cancels it and sets the next one. */
export async function waitUntilDue(
  host: Pick<RunHost, 'openReadySteps'>,
  state: StepState,
  unit: UnitState,
): Promise<void> {
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
  await host.openReadySteps();
}
