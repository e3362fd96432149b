/** A 2xx answer whose JSON is not what the API's contract says: a CLI and a server of different versions. */
export class ContractBreachError extends Error {
  constructor(
    readonly path: string,
    /** Where the answer differs: `/items/0/dueAt must be string`. */
    readonly differences: readonly string[],
  ) {
    super(`the answer to ${path} is not what this CLI's copy of the API contract says`);
    this.name = 'ContractBreachError';
  }
}
