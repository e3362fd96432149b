import type { RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from '../errors';

/**
 * A body the parsers skipped (curl -d sends `application/x-www-form-urlencoded`) would
 * otherwise reach the routes as "no body" and fail with puzzling field errors.
 */
export const refuseUnparsedBodies: RequestHandler = (request, _response, next) => {
  const length = request.header('content-length');
  const hasBody = request.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
  if (hasBody && request.body === undefined) {
    throw new UnsupportedMediaTypeError(
      `cannot read a ${request.header('content-type') ?? 'untyped'} body: send JSON with \`Content-Type: application/json\` (process definitions: \`Content-Type: application/yaml\`)`,
    );
  }
  next();
};
