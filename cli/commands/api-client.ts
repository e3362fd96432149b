import type { Static, TSchema } from '@sinclair/typebox';
import { validatorFor } from '../../validation/ajv';
import { ContractBreachError } from './contract-breach-error';
import { ProblemError } from './problem-error';
import { ServerUnreachableError } from './server-unreachable-error';
import type { ServerSettings } from './settings';

/** The API answers within 20 s at worst (README); past this, the server is taken as hung. */
const REQUEST_TIMEOUT_MS = 60_000;

export type RequestBody = { readonly json: unknown } | { readonly yaml: string; readonly file?: string } | undefined;

export interface ApiAnswer<Body = unknown> {
  readonly status: number;
  /** Parsed JSON: checked against the operation's answer schema when one was given. */
  readonly body: Body;
}

/** A thin client of the Baton REST API: 2xx answers come back parsed, anything else is thrown. */
export class ApiClient {
  constructor(private readonly settings: ServerSettings) {}

  /**
   * With the schema of the operation's answer (the API's own, from api/contract), the answer
   * comes back typed by it, having been checked against it: the CLI reads what the contract
   * promises, and says so plainly when a server of another version answers otherwise.
   */
  get<Answer extends TSchema>(path: string, answer: Answer): Promise<ApiAnswer<Static<Answer>>>;
  get(path: string): Promise<ApiAnswer>;
  async get(path: string, answer?: TSchema): Promise<ApiAnswer> {
    return checked(path, await this.send('GET', path), answer);
  }

  post<Answer extends TSchema>(path: string, body: RequestBody, answer: Answer): Promise<ApiAnswer<Static<Answer>>>;
  post(path: string, body: RequestBody): Promise<ApiAnswer>;
  async post(path: string, body: RequestBody, answer?: TSchema): Promise<ApiAnswer> {
    return checked(path, await this.send('POST', path, body), answer);
  }

  patch<Answer extends TSchema>(path: string, body: RequestBody, answer: Answer): Promise<ApiAnswer<Static<Answer>>>;
  patch(path: string, body: RequestBody): Promise<ApiAnswer>;
  async patch(path: string, body: RequestBody, answer?: TSchema): Promise<ApiAnswer> {
    return checked(path, await this.send('PATCH', path, body), answer);
  }

  delete(path: string): Promise<ApiAnswer> {
    return this.send('DELETE', path);
  }

  private async send(method: string, path: string, body?: RequestBody): Promise<ApiAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.settings.token) headers.authorization = `Bearer ${this.settings.token}`;
    let payload: string | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'application/yaml';
      // Names the file in the server's error positions; headers only carry printable ASCII.
      if (body.file && /^[\x20-\x7e]+$/.test(body.file)) headers['x-baton-file'] = body.file;
      payload = body.yaml;
    }
    let response: Response;
    try {
      response = await fetch(`${this.settings.url}${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ServerUnreachableError(this.settings.url, networkReason(error));
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (response.ok) return { status: response.status, body: parsed ?? text };
    throw toProblem(response.status, parsed, text, this.settings.token !== null);
  }
}

function checked(path: string, answer: ApiAnswer, schema: TSchema | undefined): ApiAnswer {
  if (schema === undefined) return answer;
  const validate = validatorFor(schema);
  if (validate(answer.body)) return answer;
  const differences = (validate.errors ?? []).map(
    (error) => `${error.instancePath || '(the answer)'} ${error.message}`,
  );
  throw new ContractBreachError(path, differences);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toProblem(status: number, body: unknown, text: string, hasToken: boolean): ProblemError {
  const problem = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof problem.code === 'string' ? problem.code : `http-${status}`;
  const detail = typeof problem.detail === 'string' ? problem.detail : text.trim().slice(0, 300) || '(empty answer)';
  const hint = typeof problem.hint === 'string' ? problem.hint : clientHint(status, hasToken);
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  return new ProblemError(status, code, detail, hint, errors);
}

/** What the user can do about statuses the server does not explain in terms of this command line. */
function clientHint(status: number, hasToken: boolean): string | null {
  if (status !== 401) return null;
  return hasToken
    ? 'this server does not know the token: check --token / BATON_TOKEN'
    : 'pass --token <token> or set BATON_TOKEN (a local `npm start` keeps its admin token in .baton/admin-token)';
}

/** fetch says "fetch failed"; the reason is in its cause (undici) or is a timeout. */
function networkReason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? code : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}
