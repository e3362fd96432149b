import { ApplicationFailure } from '@temporalio/activity';
import type { JsonValue } from '../plan/types';
import type { HttpCall } from './contract';

/** `ApplicationFailure.type` of a call that retrying cannot fix. */
export const CallRefused = 'CallRefused';

/**
 * Sends a `call` step's request. Only hosts of the allow-list are reached, since process
 * files are written by owners, not operators. A 4xx answer (but 408 and 429) will not
 * change on a retry, so it fails at once; 5xx, timeouts and network errors are retried by
 * the step's retry policy.
 */
export async function sendHttpCall(call: HttpCall, allowedHosts: readonly string[]): Promise<JsonValue> {
  const url = parseUrl(call.url);
  if (!isAllowed(url, allowedHosts)) {
    throw ApplicationFailure.nonRetryable(
      `${url.host} is not among the hosts calls may reach; an operator adds it to BATON_CALL_HOSTS`,
      CallRefused,
    );
  }
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  if (call.body !== null && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, {
    method: call.method,
    headers,
    body: call.body === null ? undefined : JSON.stringify(call.body),
    signal: AbortSignal.timeout(call.timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) {
    const message = `${call.method} ${url.href} answered ${response.status}: ${text.slice(0, 300)}`;
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
  throw ApplicationFailure.nonRetryable(`"${text}" is not an http(s) URL`, CallRefused);
}

function isAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const hostWithPort = url.port ? `${host}:${url.port}` : host;
  return allowedHosts.some((allowed) =>
    allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : allowed === host || allowed === hostWithPort,
  );
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
