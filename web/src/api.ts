import type { FieldError } from './types';

/** An answer other than 2xx: the API's problem details (RFC 9457) with Baton's stable `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
    /** The problem document as the API sent it, for the members `errors` does not keep (a definition's positions). */
    readonly problem: unknown = null,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The session's CSRF token: a write authenticated by the session cookie must carry it
 * (`X-CSRF-Token`), or the API answers 403 `csrf-failed`.
 */
let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the API answers 401 to a signed-in page: the session ended (expired, signed out elsewhere). */
export function whenSignedOut(listener: (() => void) | null): void {
  onSignedOut = listener;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** A YAML body, sent as is with `Content-Type: application/yaml` (process definitions); instead of `body`. */
  readonly yaml?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A 401 is an answer, not the end of the session (signing in, reading the session). */
  readonly unauthenticatedIsAnswer?: boolean;
}

/** One call to the API on this origin, with the session cookie; resolves to the parsed JSON body. */
export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.yaml !== undefined) headers['content-type'] = 'application/yaml';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.yaml ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Baton could not be reached: check your connection and try again.');
  }
  const text = await response.text();
  const body: unknown = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : null;
  if (response.ok) return body as T;
  if (response.status === 401 && !options.unauthenticatedIsAnswer) onSignedOut?.();
  throw problemOf(response.status, body);
}

function problemOf(status: number, body: unknown): ApiError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as {
    code?: unknown;
    detail?: unknown;
    errors?: unknown;
  };
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (error): error is FieldError =>
          typeof error === 'object' &&
          error !== null &&
          typeof (error as FieldError).field === 'string' &&
          typeof (error as FieldError).message === 'string',
      )
    : [];
  return new ApiError(
    status,
    typeof problem.code === 'string' ? problem.code : `http-${status}`,
    typeof problem.detail === 'string' ? problem.detail : `the API answered ${status}`,
    errors,
    body,
  );
}

/** A path with its query, leaving out the parameters that are not set. */
export function withQuery(path: string, query: Readonly<Record<string, string | number | boolean | null | undefined>>) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * A fresh Idempotency-Key (a version 4 UUID). `crypto.randomUUID` exists only in secure
 * contexts, and Baton is often reached over plain http on an intranet.
 */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
