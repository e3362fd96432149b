import { BatonError } from './baton-error';

export class NotFoundError extends BatonError {
  readonly code = 'not-found';
}
