import { BatonError } from './baton-error';

/** The request itself is malformed: bad JSON, a parameter of the wrong type. */
export class InvalidRequestError extends BatonError {
  readonly code = 'invalid-request';
}
