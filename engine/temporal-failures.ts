import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { RejectionType } from '../workflows/messages';

/** Turns an update Temporal or the workflow's validator refused into the engine error callers expect. */
export function translateUpdateRejection(error: unknown): unknown {
  // The instance row exists (callers checked), so a missing execution is one that has ended.
  if (error instanceof WorkflowNotFoundError) return new ConflictError('the instance has already ended');
  if (!(error instanceof WorkflowUpdateFailedError)) return error;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return error;
  switch (cause.type) {
    case RejectionType.taskNotFound:
      return new NotFoundError(cause.message);
    case RejectionType.invalidCompletion:
      return new ValidationError('the completion is not valid', [{ field: '', message: cause.message }]);
    case RejectionType.taskNotOpen:
    case RejectionType.instanceNotRunning:
      return new ConflictError(cause.message);
    default:
      return error;
  }
}
