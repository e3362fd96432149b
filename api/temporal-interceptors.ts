import type { WorkflowClientInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { currentRequestId } from '../db/audit';
import { withRequestId } from '../workflows/request-id';

/**
 * Names the API request behind each start, signal and update (its `X-Request-Id`) in a Temporal
 * header, which the workflow's and the activities' log lines then carry (`requestId`). Calls made
 * outside a request (the reconciler, the mail intake) carry none.
 */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  startWithDetails: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
  signal: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
  startUpdateWithStart(input, next) {
    const requestId = currentRequestId();
    return next({
      ...input,
      workflowStartHeaders: withRequestId(input.workflowStartHeaders, requestId),
      updateHeaders: withRequestId(input.updateHeaders, requestId),
    });
  },
};

/**
 * The API's Temporal client interceptors: the request id always; with tracing on, a client span
 * per call, child of the request's span, whose context travels to the workflow in a header.
 */
export function temporalClientInterceptors(tracing: boolean): WorkflowClientInterceptor[] {
  return tracing
    ? [requestIdClientInterceptor, new OpenTelemetryWorkflowClientInterceptor()]
    : [requestIdClientInterceptor];
}
