import { ApplicationFailure } from '@temporalio/workflow';
import type { NotificationToSend } from '../activities/contract';
import type { ExpressionContext } from '../plan/context';
import { evaluateAll } from '../plan/evaluate';
import type { InstanceView } from '../plan/instance-view';
import { dueExpressions, resolveTaskDue, resolveWaitUntil, StepError } from '../plan/render-step';
import { isTask } from '../plan/steps';
import type { CompiledStep, Expression } from '../plan/types';
import { iso } from './instance-view';
import {
  type ChangeInputRequest,
  type InputChangePreview,
  type PreviewInputChangeRequest,
  type ProposedDue,
  type ProposedWaitEnd,
  RejectionType,
} from './messages';
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
      const expressions = dateExpressions(host, step);
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

/** What an open unit's dates read of the instance's data: none when its due is a fixed delay. */
function dateExpressions(host: Pick<RunHost, 'calendar'>, step: CompiledStep): Expression[] {
  if (isTask(step) && !('ms' in step.due)) return [...dueExpressions(step.due), ...host.calendar.expressionsFor(step)];
  if (step.kind === 'wait' && 'until' in step.wait) return [step.wait.until, ...host.calendar.expressionsFor(step)];
  return [];
}

/**
 * What `changeInput` would move with this input, nothing changed: the open tasks' due dates and
 * the waits' ends it would compute, by the same functions over the same data. A query cannot
 * wait, so expressions are evaluated synchronously, as from runtime 3 on (instances before it
 * evaluate the same expressions asynchronously). A date that could not be recomputed would stay.
 */
export function previewInputChange(host: RunHost, request: PreviewInputChangeRequest): InputChangePreview {
  const context: ExpressionContext = { ...host.context(), input: request.input };
  const dues: ProposedDue[] = [];
  const waits: ProposedWaitEnd[] = [];
  for (const state of host.steps) {
    const { step } = state;
    for (const unit of state.units ?? []) {
      if (unit.status !== 'open' || unit.opening || unit.openedAt === null) continue;
      const expressions = dateExpressions(host, step);
      if (expressions.length === 0) continue;
      const values = evaluateAll(expressions, host.unitContext(state, unit, context));
      try {
        if (isTask(step)) {
          const dueAt = resolveTaskDue(step, values, unit.openedAt, () => host.calendar.of(values));
          if (unit.dueAt === null || dueAt === unit.dueAt) continue;
          dues.push({ taskId: unit.taskId, stepId: unit.id, dueAt: iso(unit.dueAt), proposedDueAt: iso(dueAt) });
        } else if (step.kind === 'wait') {
          const waitUntil = resolveWaitUntil(step, values, unit.openedAt, host.calendar.forWait(values));
          if (waitUntil !== unit.waitUntil) waits.push({ stepId: unit.id, waitUntil: iso(waitUntil) });
        }
      } catch (error) {
        if (!(error instanceof StepError)) throw error;
      }
    }
  }
  return { view: host.view(), dues, waits };
}
