import { ApplicationFailure } from '@temporalio/activity';
import { redactUrl, redactUrls } from '../plan/redact';
import type { HttpCall } from '../plan/render-step';
import type { JsonValue } from '../plan/types';

/** `ApplicationFailure.type` of a call that retrying cannot fix. */
export const CallRefused = 'CallRefused';
/** A response becomes the step's output, kept in the workflow's history: it must stay small. */
const MAXIMUM_RESPONSE_BYTES = 256 * 1024;

/**
 * Sends a `call` step's request. Only hosts of the allow-list are reached, since process
 * files are written by owners, not operators. A 4xx answer (but 408 and 429) will not
 * change on a retry, so it fails at once; 5xx, timeouts and network errors are retried by
 * the step's retry policy. `cancelled` (the activity's cancellation: a worker stopping past its
 * grace period) aborts the request, so that the attempt ends there and is retried elsewhere.
 */
export async function sendHttpCall(
  call: HttpCall,
  allowedHosts: readonly string[],
  cancelled?: AbortSignal,
): Promise<JsonValue> {
  const url = parseUrl(call.url);
  if (!isAllowed(url, allowedHosts)) {
    throw ApplicationFailure.nonRetryable(
      `${url.host} is not among the hosts calls may reach; an operator adds it to BATON_CALL_HOSTS`,
      CallRefused,
    );
  }
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  const hasHeader = (wanted: string) => Object.keys(headers).some((name) => name.toLowerCase() === wanted);
  if (call.body !== null && !hasHeader('content-type')) headers['content-type'] = 'application/json';
  // fetch refuses a URL with credentials (and echoes them in its error): they go as Basic auth, as curl sends them.
  if (url.username !== '' || url.password !== '') {
    if (!hasHeader('authorization')) {
      const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    }
    url.username = '';
    url.password = '';
  }
  if (call.body !== null && (call.method === 'GET' || call.method === 'DELETE')) {
    throw ApplicationFailure.nonRetryable(
      `a ${call.method} request carries no body; use POST, PUT or PATCH`,
      CallRefused,
    );
  }
  // What messages show of the address: they reach the step's error, the owner's notification, logs.
  const shown = `${call.method} ${redactUrl(call.url)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: call.method,
      headers,
      body: call.body === null ? undefined : JSON.stringify(call.body),
      signal: cancelled
        ? AbortSignal.any([AbortSignal.timeout(call.timeoutMs), cancelled])
        : AbortSignal.timeout(call.timeoutMs),
      // A redirect could lead outside the allow-list, carrying the step's headers with it.
      redirect: 'manual',
    });
  } catch (error) {
    // The SDK's own failure, which tells it the attempt was cancelled rather than failed.
    if (cancelled?.aborted) throw cancelled.reason;
    // Network errors and timeouts: retried; their messages may quote the address.
    throw ApplicationFailure.retryable(`${shown} did not answer: ${redactUrls(reasonOf(error))}`, 'CallFailed');
  }
  if (response.status >= 300 && response.status < 400) {
    throw ApplicationFailure.nonRetryable(
      `${shown} redirected (${response.status}) to ${redactUrls(response.headers.get('location') ?? 'nowhere')}; calls do not follow redirects: use the final address`,
      CallRefused,
    );
  }
  const text = await readLimited(response, MAXIMUM_RESPONSE_BYTES);
  if (text === undefined) {
    throw ApplicationFailure.nonRetryable(
      `${shown} answered more than ${MAXIMUM_RESPONSE_BYTES / 1024} KiB; a step's output must stay small`,
      CallRefused,
    );
  }
  if (!response.ok) {
    const message = `${shown} answered ${response.status}: ${redactUrls(text.slice(0, 300))}`;
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      throw ApplicationFailure.nonRetryable(message, CallRefused);
    }
    throw ApplicationFailure.retryable(message, 'CallFailed');
  }
  return parseBody(text);
}

function parseUrl(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw ApplicationFailure.nonRetryable(`"${redactUrl(text)}" is not an http(s) URL`, CallRefused);
}

/** An entry without a port allows any port; `*.example.com` allows every subdomain. */
function isAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some((allowed) => {
    const [allowedHost = '', allowedPort] = allowed.split(/:(?=\d+$)/);
    if (allowedPort !== undefined && allowedPort !== port) return false;
    return allowedHost.startsWith('*.') ? host.endsWith(allowedHost.slice(1)) : host === allowedHost;
  });
}

/** What went wrong, with the network error's own cause (fetch says only "fetch failed"). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { cause } = error;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

/** The body as text, or undefined once it passes `limit` bytes (the rest is not read). */
async function readLimited(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the rest of the stream.
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON when the answer is JSON, else its text; an empty answer is null. */
function parseBody(text: string): JsonValue {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
