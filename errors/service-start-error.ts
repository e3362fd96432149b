import { BatonError } from './baton-error';

/** A local service (Temporal dev server, embedded Postgres) that could not be started. */
export class ServiceStartError extends BatonError {
  readonly code = 'service-start-failed';

  constructor(
    readonly service: string,
    message: string,
  ) {
    super(`${service}: ${message}`);
  }
}
