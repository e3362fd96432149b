import type { Escalation, NotificationToSend } from '../activities/contract';
import type { CostFigures } from '../plan/instance-view';
import { Recipient, rungRecipient } from '../plan/recipient';
import type { RenderedNotification } from '../plan/render-step';
import type { CompiledProcess, EscalationRung } from '../plan/types';
import { iso } from './instance-view';
import type { ProcessWorkflowInput } from './messages';
import type { UnitState } from './run-state';

/*
 * The messages an instance writes to the outbox. Their ids are deterministic (instance, unit,
 * round, count), so a retried write sends nothing twice.
 */

/** The instance a message is about. */
export interface Sender {
  readonly run: Pick<ProcessWorkflowInput, 'instanceId'>;
  readonly plan: Pick<CompiledProcess, 'owner' | 'title'>;
}

/** A `notify` step's message, one per recipient. */
export function notifyMessages(
  { run, plan }: Sender,
  unit: UnitState,
  round: number,
  message: RenderedNotification,
  now: number,
): NotificationToSend[] {
  return message.recipients.map((recipient, index) => ({
    id: `${unit.taskId}:notify:${round}:${index}`,
    facts: { processTitle: plan.title },
    instanceId: run.instanceId,
    taskId: null,
    kind: 'notify',
    recipient,
    subject: message.subject,
    message: message.text,
    createdAt: iso(now),
  }));
}

/** Tells the owner department that the forecast went over the budget (its `crossing`th time). */
export function overBudgetMessage(
  { run, plan }: Sender,
  crossing: number,
  cost: CostFigures,
  budget: { readonly amount: number; readonly currency: string },
  now: number,
): NotificationToSend {
  const { amount, currency } = budget;
  return {
    id: `${run.instanceId}:budget:${crossing}`,
    instanceId: run.instanceId,
    taskId: null,
    kind: 'budget',
    recipient: Recipient.department(plan.owner),
    facts: { processTitle: plan.title, forecast: String(cost.forecast), budget: String(amount), currency },
    subject: `"${plan.title}" is forecast over its budget`,
    message: `The forecast of ${cost.forecast} ${currency} (${cost.actual} spent, ${Math.round((cost.forecast - cost.actual) * 100) / 100} still to do) is over the budget of ${amount} ${currency}.`,
    createdAt: iso(now),
  };
}

/** Tells the owner department what failed (the step's `failures`th failure) and how a manager goes on. */
export function stepFailedMessage(
  { run, plan }: Sender,
  stepId: string,
  failures: number,
  message: string,
  now: number,
): NotificationToSend {
  const { instanceId } = run;
  return {
    id: `${instanceId}.${stepId}:failed:${failures}`,
    instanceId,
    taskId: null,
    kind: 'step-failed',
    recipient: Recipient.department(plan.owner),
    facts: { processTitle: plan.title, stepId, error: message },
    subject: `Step "${stepId}" of "${plan.title}" failed`,
    message:
      `${message}. The instance ${instanceId} waits: retry the step (POST /instances/${instanceId}/steps/${stepId}/retry) ` +
      `or skip it (POST /instances/${instanceId}/steps/${stepId}/skip).`,
    createdAt: iso(now),
  };
}

/** A rung of a task's ladder firing: who is told, and the department the task moves to (if it moves). */
export function escalationOf(
  { run, plan }: Sender,
  unit: UnitState,
  round: number,
  rung: EscalationRung,
  index: number,
  now: number,
): Escalation {
  const from = unit.department ?? plan.owner;
  const title = unit.title ?? unit.id;
  const dueAt = iso(unit.dueAt ?? now);
  const when =
    rung.at.relative === 'before'
      ? `Reminder: "${title}" is due ${dueAt}.`
      : rung.at.relative === 'at'
        ? `"${title}" is due now (${dueAt}) and not done.`
        : `"${title}" was due ${dueAt} and is still not done.`;
  const moved = rung.reassignTo !== null && rung.reassignTo !== from ? rung.reassignTo : null;
  const message = moved === null ? when : `${when} It moves from ${from}'s queue to ${moved}'s.`;
  const recipients = rung.notify.map((entry) => rungRecipient(entry, from, plan.owner));
  if (moved !== null) recipients.push(Recipient.department(moved));
  return {
    taskId: unit.taskId,
    reassignTo: moved,
    notifications: [...new Set(recipients)].map((recipient, position) => ({
      id: `${unit.taskId}:escalation:${round}:${index}:${position}`,
      instanceId: run.instanceId,
      taskId: unit.taskId,
      kind: 'escalation' as const,
      recipient,
      facts: {
        processTitle: plan.title,
        taskTitle: title,
        dueAt,
        relative: rung.at.relative,
        from,
        ...(moved === null ? {} : { to: moved }),
      },
      subject: `${plan.title}: ${title}`,
      message,
      createdAt: iso(now),
    })),
  };
}

/** Tells the task's department that a re-plan (the `replans`th) moved its due date. */
export function dueMovedMessage(
  { run, plan }: Sender,
  unit: UnitState,
  replans: number,
  from: number | null,
  to: number,
  now: number,
): NotificationToSend {
  const title = unit.title ?? unit.id;
  return {
    id: `${unit.taskId}:replanned:${replans}`,
    instanceId: run.instanceId,
    taskId: unit.taskId,
    kind: 'replanned',
    recipient: Recipient.department(unit.department ?? plan.owner),
    facts: {
      processTitle: plan.title,
      taskTitle: title,
      dueAt: iso(to),
      ...(from === null ? {} : { previousDueAt: iso(from) }),
    },
    subject: `"${title}" is now due ${iso(to)}`,
    message: `The start data of "${plan.title}" changed: "${title}" is now due ${iso(to)}${from === null ? '' : ` (it was due ${iso(from)})`}.`,
    createdAt: iso(now),
  };
}

/** Tells the owner department why a re-plan could not recompute a unit's date, which stays. */
export function dateKeptMessage(
  { run, plan }: Sender,
  unit: UnitState,
  taskId: string | null,
  replans: number,
  reason: string,
  now: number,
): NotificationToSend {
  return {
    id: `${unit.taskId}:replanned:${replans}`,
    instanceId: run.instanceId,
    taskId,
    kind: 'replanned',
    recipient: Recipient.department(plan.owner),
    subject: `"${unit.title ?? unit.id}" keeps its date`,
    message: `The start data of "${plan.title}" changed, but the date of "${unit.title ?? unit.id}" could not be recomputed: ${reason}. It keeps its date.`,
    createdAt: iso(now),
  };
}
