import { BatonError } from './baton-error';

/** The request is valid but the thing it acts on is not in a state that allows it (e.g. task not open). */
export class ConflictError extends BatonError {
  readonly code = 'conflict';
}
