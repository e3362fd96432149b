/** A setting Baton cannot run with; the message names the variable and how to fix it. */
export class ConfigError extends Error {
  readonly code = 'config-invalid';
  constructor(
    readonly variable: string,
    message: string,
    readonly hint: string,
  ) {
    super(`${message} (${hint})`);
    this.name = 'ConfigError';
  }
}

/** A local service (Temporal dev server, embedded Postgres) that could not be started. */
export class ServiceStartError extends Error {
  readonly code = 'service-start-failed';
  constructor(
    readonly service: string,
    message: string,
  ) {
    super(`${service}: ${message}`);
    this.name = 'ServiceStartError';
  }
}
