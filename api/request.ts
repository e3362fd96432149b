import type { Request, RequestHandler } from 'express';
import { InvalidRequestError, ValidationError } from '../errors';
import { unstorableTextReason } from '../plan/storable-text';
import { validatorFor } from '../validation/ajv';
import { fieldErrors } from '../validation/field-errors';
import type { FromSchema } from '../validation/from-schema';

/** Checks a request body against its schema and returns it typed by it, or throws a 422 naming each field. */
export function bodyValidator<const Schema extends object>(schema: Schema): (body: unknown) => FromSchema<Schema> {
  const validate = validatorFor<FromSchema<Schema>>(schema);
  return (body) => {
    if (validate(body)) return body;
    throw new ValidationError('the request body is not valid', fieldErrors(validate.errors ?? []));
  };
}

type Query = Record<string, unknown>;

/**
 * Every route declares the query parameters it reads: a misspelt or unsupported one
 * (`/tasks?assignee=me`) is refused rather than silently ignored, which would answer a
 * question the client did not ask.
 */
export function acceptsQuery(...names: string[]): RequestHandler {
  return (request, _response, next) => {
    const unknown = Object.keys(request.query).filter((name) => !names.includes(name));
    if (unknown.length > 0) {
      const accepted = names.length > 0 ? `it accepts ${names.join(', ')}` : 'it accepts none';
      throw new InvalidRequestError(
        `unknown query parameter${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} for ${request.method} ${request.route?.path ?? request.path}: ${accepted}`,
      );
    }
    next();
  };
}

export function optionalString(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new InvalidRequestError(`query parameter ${name} must be given once`);
  return storable(value, `query parameter ${name}`);
}

/** A free text of at most `maximumLength` characters (a search); an empty one is none. */
export function optionalText(query: Query, name: string, maximumLength: number): string | undefined {
  const value = optionalString(query, name);
  if (value !== undefined && [...value].length > maximumLength) {
    throw new InvalidRequestError(`query parameter ${name} must be at most ${maximumLength} characters`);
  }
  return value;
}

export function optionalEnum<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidRequestError(`query parameter ${name} must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

export function optionalBoolean(query: Query, name: string): boolean | undefined {
  const value = optionalEnum(query, name, ['true', 'false'] as const);
  return value === undefined ? undefined : value === 'true';
}

export function limitOf(query: Query, fallback = 50, maximum = 200): number {
  const value = optionalString(query, 'limit');
  if (value === undefined) return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > maximum) {
    throw new InvalidRequestError(`limit must be an integer between 1 and ${maximum}; got "${value}"`);
  }
  return limit;
}

/** Express 5 types path parameters loosely (wildcards give arrays); Baton's routes use plain `:name` segments. */
export function pathParam(params: Record<string, string | string[] | undefined>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw new InvalidRequestError(`path parameter ${name} is missing`);
  return storable(value, `path parameter ${name}`);
}

/** Path and query values end up in SQL; one Postgres cannot store must be refused before (400), not fail there (500). */
function storable(value: string, what: string): string {
  const reason = unstorableTextReason(value);
  if (reason) throw new InvalidRequestError(`${what} ${reason}`);
  return value;
}

/** A UUID fits; the bound keeps keys to what a client generates, never a payload. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The client's key for a start it may send again (after a timeout or a 503): the same key gives the same instance. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new InvalidRequestError(
      'the Idempotency-Key header must be 1 to 255 visible ASCII characters, without spaces (a UUID is a good key)',
    );
  }
  return key;
}
