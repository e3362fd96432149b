import { BatonError } from './baton-error';

export interface FieldError {
  /** JSON pointer of the offending field, `''` for the whole value. */
  readonly field: string;
  readonly message: string;
}

/** Well-formed data that does not satisfy a schema (start input, task output, user fields). */
export class ValidationError extends BatonError {
  readonly code = 'validation-failed';

  constructor(
    message: string,
    readonly errors: readonly FieldError[],
  ) {
    super(`${message}: ${errors.map((error) => `${error.field || '(root)'} ${error.message}`).join('; ')}`, errors);
  }
}
