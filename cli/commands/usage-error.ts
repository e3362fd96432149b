/** A command line `baton` cannot act on (unknown flag, missing file...): exit code 2, with how to fix it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
