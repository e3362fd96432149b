import { BatonError } from './baton-error';

/** Something Baton depends on (a Temporal worker, the server) did not answer in time; retrying later may work. */
export class ServiceUnavailableError extends BatonError {
  readonly code = 'service-unavailable';
}
