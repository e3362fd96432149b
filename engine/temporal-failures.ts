import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { WRITE_REFUSED } from '../activities/contract';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors';
import { RejectionType } from '../workflows/messages';
import type { EngineContext } from './context';

/** How long a status read waits for a worker to answer the workflow's query. */
export const QUERY_DEADLINE_MS = 5_000;
/** How long a completion or cancel waits for a worker to run the workflow's update. */
export const UPDATE_DEADLINE_MS = 20_000;

/**
 * Runs an update with a deadline: with no worker running, Temporal would wait indefinitely.
 * The update may still apply once a worker is back, so the message says what to do before
 * retrying (`advice`): by default, to check first.
 */
export async function withUpdateDeadline<T>(
  context: EngineContext,
  update: () => Promise<T>,
  advice = 'read the task or instance before retrying',
): Promise<T> {
  try {
    return await context.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, update);
  } catch (error) {
    if (!(error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) throw error;
    throw new ServiceUnavailableError(
      `no worker ran the request within ${UPDATE_DEADLINE_MS / 1000} s: is a Baton worker running? It may still apply when one is; ${advice}`,
      'worker',
    );
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Turns an update Temporal or the workflow's validator refused into the engine error callers expect. */
export function translateUpdateRejection(error: unknown): unknown {
  // The instance row exists (callers checked), so a missing execution is one that has ended.
  if (error instanceof WorkflowNotFoundError) return new ConflictError('the instance has already ended');
  if (!(error instanceof WorkflowUpdateFailedError)) return error;
  const cause = error.cause;
  // The database refused what the request would have written (a value out of its range): retrying cannot help.
  if (
    cause instanceof ActivityFailure &&
    cause.cause instanceof ApplicationFailure &&
    cause.cause.type === WRITE_REFUSED
  ) {
    return new ValidationError('the database refused what this request would write', [
      { field: '', message: cause.cause.message },
    ]);
  }
  if (!(cause instanceof ApplicationFailure)) return error;
  switch (cause.type) {
    case RejectionType.taskNotFound:
    case RejectionType.stepNotFound:
      return new NotFoundError(cause.message);
    case RejectionType.invalidCompletion:
      return new ValidationError('the completion is not valid', [{ field: '', message: cause.message }]);
    case RejectionType.invalidInput:
      return new ValidationError('the new input is not valid', [{ field: '/input', message: cause.message }]);
    case RejectionType.invalidReassignment:
      return new ValidationError('the move is not valid', [{ field: '/department', message: cause.message }]);
    case RejectionType.taskNotOpen:
    case RejectionType.instanceNotRunning:
    case RejectionType.stepNotFailed:
      return new ConflictError(cause.message);
    default:
      return error;
  }
}
