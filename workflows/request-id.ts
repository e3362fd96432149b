import { defaultPayloadConverter, type Headers } from '@temporalio/common';

/**
 * The Temporal header naming the API request (`X-Request-Id`) behind a call: the API's client sets
 * it on the starts, signals and updates a request makes; workflows pass it on to the activities,
 * children and continuations they start. Workflow and activity logs name it as `requestId`.
 */
export const REQUEST_ID_HEADER = 'baton-request-id';

/** The headers with the request's id added; as given when there is no request. */
export function withRequestId(headers: Headers, requestId: string | undefined): Headers {
  if (requestId === undefined) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

/** The request id the headers carry, if any. */
export function requestIdOf(headers: Headers | null | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  // Any client may send headers: one that is not a string Baton wrote names no request, and must not fail the task.
  try {
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
