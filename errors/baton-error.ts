/**
 * Every error Baton reports on purpose: a stable `code` tools can branch on, a message
 * a person can act on, and optional details (field errors, compile errors).
 */
export abstract class BatonError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
