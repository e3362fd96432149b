import { ApplicationFailure } from '@temporalio/workflow';
import { Recipient } from '../plan/recipient';
import { isTask } from '../plan/steps';
import { iso } from './instance-view';
import { type ReassignTaskRequest, RejectionType, type TaskReassigned } from './messages';
import type { RunHost } from './run-host';

/** The reassignment update's validator: the task is this instance's, open, and moves somewhere else. */
export function assertCanReassign(host: Pick<RunHost, 'unitOf' | 'isRunning'>, request: ReassignTaskRequest): void {
  const found = host.unitOf(request.taskId);
  if (!found || !isTask(found.state.step)) {
    throw ApplicationFailure.nonRetryable(
      `task ${request.taskId} is not part of this instance`,
      RejectionType.taskNotFound,
    );
  }
  const { unit } = found;
  if (unit.status !== 'open' || unit.opening || !host.isRunning()) {
    throw ApplicationFailure.nonRetryable(
      `task ${request.taskId} is ${unit.opening ? 'not yet open' : unit.status}, it cannot be reassigned`,
      RejectionType.taskNotOpen,
    );
  }
  if (typeof request.department !== 'string' || request.department === '') {
    throw ApplicationFailure.nonRetryable('department must be a department id', RejectionType.invalidReassignment);
  }
}

/**
 * A manager moves an open task to another department's queue: the instance's view, its later
 * escalations and the read model all follow it there, and the department is told.
 */
export async function reassignTask(host: RunHost, request: ReassignTaskRequest): Promise<TaskReassigned> {
  const found = host.unitOf(request.taskId);
  if (!found) throw ApplicationFailure.nonRetryable(`unknown task ${request.taskId}`, RejectionType.taskNotFound);
  const { unit } = found;
  const from = unit.department ?? host.plan.owner;
  if (from === request.department) return { department: from };
  // Before any await: a concurrent escalation or view sees the task where it now is.
  unit.department = request.department;
  const now = Date.now();
  const title = unit.title ?? unit.id;
  await host.write(() =>
    host.db().escalateTask({
      taskId: unit.taskId,
      reassignTo: request.department,
      notifications: [
        {
          // Two moves in one workflow task share a time, not a destination.
          id: `${unit.taskId}:reassigned:${now}:${request.department}`,
          instanceId: host.run.instanceId,
          taskId: unit.taskId,
          kind: 'reassigned',
          recipient: Recipient.department(request.department),
          subject: `${host.plan.title}: ${title}`,
          message: `${request.reassignedByName} moved "${title}" from the ${from} queue to the ${request.department} queue.`,
          facts: {
            taskTitle: title,
            processTitle: host.plan.title,
            from,
            to: request.department,
            actor: request.reassignedByName,
          },
          createdAt: iso(now),
        },
      ],
    }),
  );
  return { department: request.department };
}
