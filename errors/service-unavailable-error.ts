import { BatonError } from './baton-error';

/** What a request waited on: Baton's database, the Temporal server, or a Baton worker (which only Temporal reaches). */
export type Dependency = 'postgres' | 'temporal' | 'worker';

/** Long enough for a restarted Postgres, Temporal or worker to answer again, short enough not to strand a user. */
export const RETRY_AFTER_SECONDS = 5;

/** Something Baton depends on did not answer; retrying later may work, so answers say when (`Retry-After`). */
export class ServiceUnavailableError extends BatonError {
  readonly code = 'service-unavailable';
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;

  constructor(
    message: string,
    readonly dependency: Dependency,
    options?: ErrorOptions,
  ) {
    super(message, undefined, options);
  }
}
