import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { inRequestScope } from '../db/audit';

/** A client's own request id is kept when it is a plain token; any other gets one of Baton's. */
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
const HEADER = 'X-Request-Id';

/** The request's id: the client's `X-Request-Id`, or a new UUID. */
export function newRequestId(request: Request): string {
  const given = request.header(HEADER);
  return given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Names each request (`X-Request-Id`, kept when the request log named it first), answers with it,
 * and runs the request in its scope, so that the audit rows it writes carry it.
 */
export const requestId: RequestHandler = (request, response, next) => {
  const named = response.getHeader(HEADER);
  const id = typeof named === 'string' ? named : newRequestId(request);
  response.setHeader(HEADER, id);
  inRequestScope(id, () => next());
};
