import { Type } from '@sinclair/typebox';
import type { Request } from 'express';
import { InvalidRequestError } from '../errors';

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

/** The header as an operation documents it: sending the `sent` again gives back the same `made`. */
export function idempotencyKeyHeader(sent: string, made: string) {
  return {
    'Idempotency-Key': {
      description: `a key of the client (a UUID) that makes sending the ${sent} again safe: the same key, the same ${made}`,
      schema: Type.String({ pattern: IDEMPOTENCY_KEY.source }),
    },
  };
}
