/** No HTTP answer at all: nothing listens at the address, the name does not resolve, or the server hangs. */
export class ServerUnreachableError extends Error {
  constructor(
    readonly url: string,
    /** What the network said: `ECONNREFUSED`, `ENOTFOUND`, `no answer within 60 s`... */
    readonly reason: string,
  ) {
    super(`the Baton server is not reachable at ${url} (${reason})`);
    this.name = 'ServerUnreachableError';
  }
}
