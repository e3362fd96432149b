import { BatonError } from './baton-error';

/** A setting Baton cannot run with; the message names the variable and how to fix it. */
export class ConfigError extends BatonError {
  readonly code = 'config-invalid';

  constructor(
    readonly variable: string,
    message: string,
    readonly hint: string,
  ) {
    super(`${message} (${hint})`);
  }
}
