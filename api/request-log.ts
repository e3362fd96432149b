import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Actor } from '../engine/context';
import type { Logger } from '../infra/logger';
import { newRequestId } from './request-id';

/**
 * One log line per request, when it is answered: its id (`X-Request-Id`, named here first, so that
 * even a request refused by a body parser has one), method, path, status, duration and who made
 * it. A refused request (4xx) is one `info` line, never a stack trace; a 5xx is an `error`.
 * Nothing of its headers or body: no token, cookie or input reaches the logs.
 */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (request, response) => {
      const id = newRequestId(request as Parameters<typeof newRequestId>[0]);
      response.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (request, response) => `${request.method} ${request.url} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${request.url} ${response.statusCode}`,
    customProps: (_request, response) => {
      const actor = (response as unknown as { locals?: { actor?: Actor } }).locals?.actor;
      return actor ? { actor: actor.id } : {};
    },
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  });
}
