import { BatonError } from './baton-error';

export class UnauthenticatedError extends BatonError {
  readonly code = 'unauthenticated';
}
