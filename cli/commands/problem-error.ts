/** An HTTP answer of 4xx/5xx from the Baton API, read from its `application/problem+json` body. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    /** Baton's stable error code (`conflict`, `validation-failed`...), or `http-<status>` for a body that is no problem. */
    readonly code: string,
    readonly detail: string,
    readonly hint: string | null,
    /** The `errors` member of 422s: field errors or compile errors. */
    readonly errors: readonly unknown[],
  ) {
    super(`error ${status} ${code}: ${detail}`);
    this.name = 'ProblemError';
  }
}
