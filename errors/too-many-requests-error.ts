import { BatonError } from './baton-error';

/** The client asked too often (e.g. failed to authenticate); answers say when to try again (`Retry-After`). */
export class TooManyRequestsError extends BatonError {
  readonly code = 'too-many-requests';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
