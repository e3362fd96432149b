import type http from 'node:http';

/** How long requests in flight get to finish once the API is told to stop (a Kubernetes pod gets 30 s). */
export const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Stops taking connections and lets the requests in flight finish. Live pages' event streams
 * never finish by themselves: `endStreams` ends them first, and their browsers reconnect to
 * another replica. What is still open after `graceMs` is cut.
 */
export async function closeGracefully(
  server: http.Server,
  endStreams: () => Promise<void>,
  graceMs = SHUTDOWN_GRACE_MS,
): Promise<void> {
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await endStreams();
  await closed;
  clearTimeout(force);
}
