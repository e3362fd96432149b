/**
 * Not a workflow: the interceptors the worker installs in every workflow it runs (its
 * `interceptors.workflowModules`), so that the workflow's log lines, and those of the activities
 * and sub-processes it starts, carry `requestId`: the API request behind them (`X-Request-Id`).
 *
 * Temporal headers come with each call, not with the workflow, and an instance is started by one
 * request and moved on by others. So a line names the request of the call being handled: a
 * signal's or an update's own request while its handler runs, and for what the handler schedules
 * (the completion's writes); the request that started the workflow everywhere else (the main
 * function, its timers, the start and end lines). A call that no request made (the reconciler, a
 * timer of another instance) leaves the lines of its handler without a `requestId`.
 *
 * Headers are not part of the commands Temporal replays, so histories recorded before this
 * module (or with other ids) replay as they were.
 */
import { AsyncLocalStorage, type WorkflowInterceptors } from '@temporalio/workflow';
import { requestIdOf, withRequestId } from './request-id';

/** Modules are loaded once per workflow: this is the request that started this one. */
let startRequestId: string | undefined;

/** The call (signal, update) whose handler is running, and its request, if any. */
const handledCall = new AsyncLocalStorage<{ readonly requestId: string | undefined }>();

function currentRequestId(): string | undefined {
  const call = handledCall.getStore();
  return call ? call.requestId : startRequestId;
}

function inCallOf<T>(headers: Parameters<typeof requestIdOf>[0], handle: () => T): T {
  return handledCall.run({ requestId: requestIdOf(headers) }, handle);
}

export const interceptors = (): WorkflowInterceptors => ({
  internals: [
    {
      // The start's headers, read before the workflow's first line is logged ("Workflow started").
      activate(input, next) {
        const start = input.activation.jobs?.[0]?.initializeWorkflow;
        if (start) startRequestId = requestIdOf(start.headers);
        next(input);
      },
      dispose(input, next) {
        handledCall.disable();
        next(input);
      },
    },
  ],
  inbound: [
    {
      handleSignal: (input, next) => inCallOf(input.headers, () => next(input)),
      validateUpdate: (input, next) => inCallOf(input.headers, () => next(input)),
      handleUpdate: (input, next) => inCallOf(input.headers, () => next(input)),
    },
  ],
  outbound: [
    {
      scheduleActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
      scheduleLocalActivity: (input, next) =>
        next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
      startChildWorkflowExecution: (input, next) =>
        next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
      continueAsNew: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
      getLogAttributes(attributes, next) {
        const requestId = currentRequestId();
        return next(requestId === undefined ? attributes : { ...attributes, requestId });
      },
    },
  ],
});
