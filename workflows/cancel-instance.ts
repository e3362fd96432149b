import type { InstanceView } from '../plan/instance-view';
import { isTask } from '../plan/steps';
import type { RunHost } from './run-host';
import type { UnitState } from './run-state';

/** The cancel update, and a cancellation of the workflow itself: the open tasks close, then the outcome is written. */
export async function cancelInstance(
  host: Pick<RunHost, 'steps' | 'scopes' | 'markEnded' | 'writeOutcome' | 'write' | 'db' | 'view'>,
): Promise<InstanceView> {
  const openTaskIds = closeEverything(host);
  host.markEnded('cancelled');
  const recorded = host.writeOutcome();
  await host.write(() => host.db().cancelTasks(openTaskIds));
  await recorded;
  return host.view();
}

/** Cancels every open and pending unit and step; returns the task ids to close in the read model. */
export function closeEverything(host: Pick<RunHost, 'steps' | 'scopes'>): string[] {
  const openTaskIds: string[] = [];
  for (const state of host.steps) {
    for (const unit of state.units ?? []) {
      if (unit.status === 'open' && isTask(state.step)) openTaskIds.push(unit.taskId);
      cancelUnit(host, unit);
    }
    if (state.status === 'open' || state.status === 'pending' || state.status === 'failed') {
      state.status = 'cancelled';
      state.epoch += 1;
    }
  }
  return openTaskIds;
}

/** Its deadline timer or wait, watching its status, ends; its call or sub-process in flight is cancelled. */
export function cancelUnit(host: Pick<RunHost, 'scopes'>, unit: UnitState): void {
  if (unit.status === 'open' || unit.status === 'pending' || unit.status === 'failed') unit.status = 'cancelled';
  host.scopes.get(unit)?.cancel();
}
