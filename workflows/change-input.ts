import { ApplicationFailure } from '@temporalio/workflow';
import type { NotificationToSend } from '../activities/contract';
import type { InstanceView } from '../plan/instance-view';
import { dueExpressions, resolveTaskDue, resolveWaitUntil, StepError } from '../plan/render-step';
import { isTask } from '../plan/steps';
import { iso } from './instance-view';
import { type ChangeInputRequest, RejectionType } from './messages';
import { dateKeptMessage, dueMovedMessage } from './notifications';
import type { RunHost } from './run-host';

/** The re-plan update's validator. */
export function assertCanChangeInput(host: Pick<RunHost, 'assertRunning'>, request: ChangeInputRequest): void {
  host.assertRunning();
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
export async function changeInput(host: RunHost, request: ChangeInputRequest): Promise<InstanceView> {
  const replans = host.replaceInput(request.input);
  const context = host.context();
  const now = Date.now();
  const moves: { taskId: string; dueAt: string; overdue: boolean }[] = [];
  const notifications: NotificationToSend[] = [];
  for (const state of host.steps) {
    const { step } = state;
    for (const unit of state.units ?? []) {
      if (unit.status !== 'open' || unit.opening || unit.openedAt === null) continue;
      const expressions =
        isTask(step) && !('ms' in step.due)
          ? [...dueExpressions(step.due), ...host.calendar.expressionsFor(step)]
          : step.kind === 'wait' && 'until' in step.wait
            ? [step.wait.until, ...host.calendar.expressionsFor(step)]
            : [];
      if (expressions.length === 0) continue;
      const batch = host.runtime.evaluateAll(expressions, host.unitContext(state, unit, context));
      const values = batch instanceof Promise ? await batch : batch;
      if (unit.status !== 'open') continue;
      try {
        if (isTask(step)) {
          const dueAt = resolveTaskDue(step, values, unit.openedAt, () => host.calendar.of(values));
          if (dueAt === unit.dueAt) continue;
          notifications.push(dueMovedMessage(host, unit, replans, unit.dueAt, dueAt, now));
          unit.dueAt = dueAt;
          unit.overdue = unit.overdue && dueAt <= now;
          moves.push({ taskId: unit.taskId, dueAt: iso(dueAt), overdue: unit.overdue });
        } else if (step.kind === 'wait') {
          unit.waitUntil = resolveWaitUntil(step, values, unit.openedAt, host.calendar.forWait(values));
        }
      } catch (error) {
        if (!(error instanceof StepError)) throw error;
        const taskId = isTask(step) ? unit.taskId : null;
        notifications.push(dateKeptMessage(host, unit, taskId, replans, error.message, now));
      }
    }
  }
  const replan = { instanceId: host.run.instanceId, input: request.input, tasks: moves, notifications };
  await host.write(() => host.db().recordReplan(replan));
  if (host.plan.budget) {
    await host.budget.resolve(host.plan.budget);
    const told = host.budget.watch();
    if (told) await told;
  }
  return host.view();
}
