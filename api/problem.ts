import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { dependencyOutage } from '../engine/dependency-outages';
import { errorMessage } from '../engine/temporal-failures';
import {
  BatonError,
  CalendarInvalidError,
  DefinitionInvalidError,
  ServiceUnavailableError,
  TooManyRequestsError,
  ValidationError,
} from '../errors';

/** HTTP status for each stable error code. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'invalid-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'csrf-failed': 403,
  'not-found': 404,
  conflict: 409,
  'unsupported-media-type': 415,
  'too-many-requests': 429,
  'service-unavailable': 503,
  'validation-failed': 422,
  'definition-invalid': 422,
  'calendar-invalid': 422,
};

/** RFC 9457 problem details; `code` is Baton's stable error code, extra members carry the details. */
function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return { type: `https://baton.dev/problems/${code}`, title: code, status, code, detail, ...extra };
}

export const notFoundRoute: RequestHandler = (request, response) => {
  response
    .status(404)
    .type('application/problem+json')
    .json(problem(404, 'not-found', `no route for ${request.method} ${request.path}; see the README for the API`));
};

export const problemHandler: ErrorRequestHandler = (error: unknown, request, response, _next) => {
  // Errors Baton raised on purpose already say what went wrong; anything else may be a dependency gone away.
  const outage = error instanceof BatonError ? null : dependencyOutage(error);
  const log = logOf(request);
  if (outage) log.warn(`${outage.message}: ${errorMessage(outage.cause)}`);
  const reported = outage ?? error;
  const { status, body } = describe(reported);
  // The only stack traces logged: what Baton did not expect. A refusal is the request's own log line.
  if (status === 500) log.error({ err: error }, 'unexpected error');
  if (reported instanceof ServiceUnavailableError || reported instanceof TooManyRequestsError) {
    response.set('Retry-After', String(reported.retryAfterSeconds));
  }
  response.status(status).type('application/problem+json').json(body);
};

function describe(error: unknown): { status: number; body: object } {
  // A deploy refused for a calendar file of the server: its errors have the same shape as the process's own.
  if (error instanceof DefinitionInvalidError || error instanceof CalendarInvalidError) {
    const errors = error.errors.map(({ code, message, file, line, column, path, hint }) => ({
      code,
      message,
      file,
      line,
      column,
      path,
      hint,
    }));
    return { status: 422, body: problem(422, error.code, error.message, { errors }) };
  }
  if (error instanceof ValidationError) {
    return { status: 422, body: problem(422, error.code, error.message, { errors: error.errors }) };
  }
  if (error instanceof ServiceUnavailableError) {
    return { status: 503, body: problem(503, error.code, error.message, { dependency: error.dependency }) };
  }
  if (error instanceof BatonError) {
    const status = STATUS_BY_CODE[error.code] ?? 400;
    return { status, body: problem(status, error.code, error.message) };
  }
  const httpError = bodyValidatorError(error);
  if (httpError)
    return { status: httpError.status, body: problem(httpError.status, 'invalid-request', httpError.message) };
  return { status: 500, body: problem(500, 'internal', 'an unexpected error happened; it was logged on the server') };
}

/** Errors from express's body parsers carry a 4xx `status` (malformed JSON, body too large, bad charset). */
function bodyValidatorError(error: unknown): { status: number; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, message, type } = error as { status?: unknown; message?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  const detail = type === 'entity.parse.failed' ? `the body is not valid JSON: ${String(message)}` : String(message);
  return { status, message: detail };
}

interface ProblemLog {
  warn(message: string): void;
  error(fields: { readonly err: unknown }, message: string): void;
}

/** The request's logger (its id on every line) when the API logs requests; the console otherwise (`npm start`). */
function logOf(request: Request): ProblemLog {
  const { log } = request as Request & { log?: ProblemLog };
  return (
    log ?? {
      warn: (message) => console.error(`baton api: ${message}`),
      error: ({ err }) => console.error(err),
    }
  );
}
