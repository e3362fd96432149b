import { BatonError } from './baton-error';

/** A write authenticated by the session cookie without the session's CSRF token: maybe another site's form. */
export class CsrfError extends BatonError {
  readonly code = 'csrf-failed';
}
