import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { inRequestScope } from '../db/audit';

/** A client's own request id is kept when it is a plain token; any other gets one of Baton's. */
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * Names each request (`X-Request-Id`: the client's, or a new UUID), answers with it, and runs the
 * request in its scope, so that the audit rows it writes carry it.
 */
export const requestId: RequestHandler = (request, response, next) => {
  const given = request.header('x-request-id');
  const id = given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  inRequestScope(id, () => next());
};
