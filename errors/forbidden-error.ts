import { BatonError } from './baton-error';

export class ForbiddenError extends BatonError {
  readonly code = 'forbidden';
}
