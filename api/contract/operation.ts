import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { ErrorObject } from 'ajv';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Role } from '../../db/entities/user';
import { InvalidRequestError, ValidationError } from '../../errors';
import { unstorableTextReason } from '../../plan/storable-text';
import { queryValidatorFor, validatorFor } from '../../validation/ajv';
import { fieldErrors } from '../../validation/field-errors';
import { requireRole } from '../auth';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** `/tasks/:id/assign` → `'id'`: a handler's path parameters, from the route's own path. */
export type PathParameterNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParameterNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** An OpenAPI link: where a client (or schemathesis's stateful phase) goes next with this answer's values. */
export interface OperationLink {
  readonly operationId: string;
  /** Parameter name → runtime expression (`$response.body#/id`). */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly requestBody?: unknown;
  readonly description?: string;
}

/**
 * One operation of the API, as it is both checked and documented: the query parameters and the
 * body it accepts, the JSON it answers, who may call it. `/openapi.json` is built from these
 * objects and the requests are validated against the very same schemas, so the document cannot
 * drift from what the server does.
 */
export interface OperationSpec<
  Query extends TObject = TObject,
  Body extends TSchema | undefined = TSchema | undefined,
  Result extends TSchema | undefined = TSchema | undefined,
> {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** Who may call it besides admins; absent: every signed-in user (the route may narrow it further). */
  readonly roles?: readonly Role[];
  /** No authentication (sign-in, health): documented with an empty security requirement. */
  readonly public?: boolean;
  readonly query?: Query;
  readonly body?: Body;
  /** The request body's media type when it is not JSON (a definition's YAML): documented, read by the route itself. */
  readonly rawBody?: { readonly mediaType: string; readonly schema: TSchema; readonly description: string };
  /** The JSON of a successful answer; absent: 204, or what `resultMediaType` says, sent by the route itself. */
  readonly result?: Result;
  readonly status?: 200 | 201 | 202;
  /**
   * Other statuses whose answer is the same `result` JSON (a start already made answers 200, not
   * 201; an unready probe 503): status → when. The handler sends those itself.
   */
  readonly alsoAnswers?: Readonly<Partial<Record<200 | 201 | 503, string>>>;
  /** A successful answer that is not JSON (`text/event-stream`, an attachment's bytes). */
  readonly resultMediaType?: { readonly mediaType: string; readonly schema: TSchema; readonly description: string };
  /** Headers of the request it reads (`Idempotency-Key`), documented as parameters. */
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema: TSchema }>>;
  readonly links?: Readonly<Record<string, OperationLink>>;
}

export interface DocumentedOperation {
  readonly method: Method;
  readonly path: string;
  readonly spec: OperationSpec;
}

export interface OperationInput<Path extends string, Query extends TObject, Body> {
  readonly params: Readonly<Record<PathParameterNames<Path>, string>>;
  readonly query: Static<Query>;
  readonly body: Body;
}

type BodyOf<Body extends TSchema | undefined> = Body extends TSchema ? Static<Body> : undefined;
type ResultOf<Result extends TSchema | undefined> = Result extends TSchema ? Static<Result> : undefined;

type OperationHandler<Path extends string, Query extends TObject, Body extends TSchema | undefined, Result> = (
  input: OperationInput<Path, Query, BodyOf<Body>>,
  request: Request,
  response: Response,
) => Promise<Result> | Result;

/**
 * An express Router whose routes are declared with their operation: each request is checked
 * against the operation's schemas before its handler runs (unknown query parameters and fields
 * refused, 400 and 422), and the handler's answer is typed by the result schema, so what the code
 * returns is what the document promises.
 */
export class ContractRouter {
  readonly router = Router();
  readonly operations: DocumentedOperation[] = [];

  readonly get = this.declarer<undefined>('get');
  readonly delete = this.declarer<undefined>('delete');
  readonly post = this.declarer<TSchema | undefined>('post');
  readonly put = this.declarer<TSchema | undefined>('put');
  readonly patch = this.declarer<TSchema | undefined>('patch');

  /** `api.post(path, spec, handler)` and its siblings: `Bodies` is what the method may carry (GET and DELETE none). */
  private declarer<Bodies extends TSchema | undefined>(method: Method) {
    return <const Path extends string, Query extends TObject, Body extends Bodies, Result extends TSchema | undefined>(
      path: Path,
      spec: OperationSpec<Query, Body, Result>,
      handler: OperationHandler<Path, Query, Body, ResultOf<Result>>,
    ): void => this.add(method, path, spec, handler);
  }

  /** A middleware for every route below (a role check shared by a family of paths). */
  use(path: string, ...handlers: RequestHandler[]): void {
    this.router.use(path, ...handlers);
  }

  private add<Path extends string, Query extends TObject, Body extends TSchema | undefined, Result>(
    method: Method,
    path: Path,
    spec: OperationSpec<Query, Body, TSchema | undefined>,
    handler: OperationHandler<Path, Query, Body, Result>,
  ): void {
    this.operations.push({ method, path, spec: spec as OperationSpec });
    const readQuery = queryReader(spec.query, method, path);
    const readBody = bodyReader(spec);
    const checks: RequestHandler[] = spec.roles ? [requireRole(...spec.roles)] : [];
    this.router[method](path, ...checks, async (request, response) => {
      const input = {
        params: pathParameters(request, path) as Readonly<Record<PathParameterNames<Path>, string>>,
        query: readQuery(request) as Static<Query>,
        body: readBody(request) as BodyOf<Body>,
      };
      const result = await handler(input, request, response);
      // A stream or a file the handler sent itself.
      if (response.headersSent) return;
      if (spec.result === undefined) response.status(204).end();
      else response.status(spec.status ?? 200).json(result);
    });
  }
}

function pathParameters(request: Request, path: string): Record<string, string> {
  const names = [...path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
  return Object.fromEntries(
    names.map((name) => {
      const value = request.params[name];
      if (typeof value !== 'string') throw new InvalidRequestError(`path parameter ${name} is missing`);
      return [name, storable(value, `path parameter ${name}`)];
    }),
  );
}

/**
 * The query, checked against its schema: strings coerced to the declared types (`limit=20` is
 * 20), an empty value taken as none (`?q=` from a form left blank), and every parameter the
 * operation does not declare refused rather than silently ignored, which would answer a question
 * the client did not ask.
 */
function queryReader(schema: TObject | undefined, method: Method, path: string): (request: Request) => unknown {
  const declared = Object.keys(schema?.properties ?? {});
  const validate = schema ? queryValidatorFor({ ...schema, additionalProperties: false }) : null;
  return (request) => {
    const unknown = Object.keys(request.query).filter((name) => !declared.includes(name));
    if (unknown.length > 0) {
      const accepted = declared.length > 0 ? `it accepts ${declared.join(', ')}` : 'it accepts none';
      throw new InvalidRequestError(
        `unknown query parameter${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} for ${method.toUpperCase()} ${path}: ${accepted}`,
      );
    }
    const query: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(request.query)) {
      if (value === '' || value === undefined) continue;
      if (typeof value !== 'string') throw new InvalidRequestError(`query parameter ${name} must be given once`);
      query[name] = storable(value, `query parameter ${name}`);
    }
    if (validate && !validate(query)) {
      throw new InvalidRequestError((validate.errors ?? []).map((error) => queryProblem(error, request)).join('; '));
    }
    return query;
  };
}

/** `query parameter limit must be at most 200; got "500"`: the bound, in words, and what was sent. */
function queryProblem(error: ErrorObject, request: Request): string {
  const name = error.instancePath.replace(/^\//, '');
  const sent = JSON.stringify(request.query[name]);
  const params = error.params as { limit?: number; allowedValues?: unknown[]; type?: string };
  switch (error.keyword) {
    case 'maxLength':
      return `query parameter ${name} must be at most ${params.limit} characters`;
    case 'minimum':
      return `query parameter ${name} must be at least ${params.limit}; got ${sent}`;
    case 'maximum':
      return `query parameter ${name} must be at most ${params.limit}; got ${sent}`;
    case 'enum':
      return `query parameter ${name} must be one of ${(params.allowedValues ?? []).join(', ')}; got ${sent}`;
    case 'type':
      return `query parameter ${name} must be ${params.type === 'integer' ? 'an integer' : `a ${params.type}`}; got ${sent}`;
    default:
      return `query parameter ${name} ${error.message ?? `fails ${error.keyword}`}; got ${sent}`;
  }
}

/** The JSON body, checked against its schema (422 naming each field); an operation without one takes none. */
function bodyReader(spec: OperationSpec): (request: Request) => unknown {
  if (spec.rawBody) return () => undefined;
  if (spec.body === undefined) {
    return (request) => {
      const body: unknown = request.body;
      if (body === undefined || (isPlainObject(body) && Object.keys(body).length === 0)) return undefined;
      const fields = isPlainObject(body) ? Object.keys(body) : [];
      throw new ValidationError(
        'this operation takes no request body',
        fields.length > 0
          ? fields.map((field) => ({ field: `/${field}`, message: 'is not an allowed field' }))
          : [{ field: '', message: 'must be empty' }],
      );
    };
  }
  const validate = validatorFor(spec.body);
  return (request) => {
    // No body at all is an empty object: `POST /tasks/:id/complete` with nothing to say.
    const body: unknown = request.body ?? {};
    if (validate(body)) return body;
    throw new ValidationError('the request body is not valid', fieldErrors(validate.errors ?? []));
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Path and query values end up in SQL; one Postgres cannot store must be refused before (400), not fail there (500). */
function storable(value: string, what: string): string {
  const reason = unstorableTextReason(value);
  if (reason) throw new InvalidRequestError(`${what} ${reason}`);
  return value;
}
