import { isGrpcServiceError } from '@temporalio/client';
import { CannotExecuteNotConnectedError } from 'typeorm';
import { ServiceUnavailableError } from '../errors';

/** gRPC's status for a server that cannot be reached (the Temporal SDK does not re-export grpc-js's enum). */
const GRPC_UNAVAILABLE = 14;
/** Node's codes for a peer that is not there, or that went away mid-conversation. */
const NETWORK_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
/** SQLSTATEs of a server refusing or dropping connections: class 08, shutdowns (57P01-03), too many clients. */
const POSTGRES_GOING_AWAY = /^(08...|57P0[1-3]|53300)$/;
/** What pg and pg-pool throw, without a code, when a connection dies or cannot be had. */
const PG_CONNECTION_FAILURE =
  /^(Connection terminated|Client (has encountered a connection error|was closed) and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end on the pool)/;

/**
 * A request that failed because Postgres or Temporal is down or unreachable: the error to
 * answer with (503, retry later), or null when the failure is something else. Looks through
 * the wrappers (TypeORM's `driverError`, Temporal's `ServiceError` cause, `AggregateError`).
 * The message names the dependency only: the failure's own (addresses, ports) is for the log.
 */
export function dependencyOutage(error: unknown): ServiceUnavailableError | null {
  for (const failure of causesOf(error)) {
    if (isGrpcServiceError(failure)) {
      if (failure.code !== GRPC_UNAVAILABLE) continue;
      return new ServiceUnavailableError('the Temporal server cannot be reached', 'temporal', { cause: failure });
    }
    if (isPostgresOutage(failure)) {
      return new ServiceUnavailableError('the database cannot be reached', 'postgres', { cause: failure });
    }
  }
  return null;
}

function isPostgresOutage(failure: Error): boolean {
  if (failure instanceof CannotExecuteNotConnectedError) return true;
  const { code } = failure as { code?: unknown };
  if (typeof code === 'string' && (NETWORK_FAILURES.has(code) || POSTGRES_GOING_AWAY.test(code))) return true;
  return PG_CONNECTION_FAILURE.test(failure.message);
}

/** The error and everything it wraps, breadth first, each once. */
function causesOf(error: unknown): Error[] {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  const causes: Error[] = [];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    if (!(next instanceof Error) || seen.has(next)) continue;
    seen.add(next);
    causes.push(next);
    const { cause, driverError } = next as { cause?: unknown; driverError?: unknown };
    pending.push(cause, driverError, ...(next instanceof AggregateError ? next.errors : []));
  }
  return causes;
}
