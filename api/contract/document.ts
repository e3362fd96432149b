import type { TSchema } from '@sinclair/typebox';
import type { DocumentedOperation, OperationSpec } from './operation';
import { Problem } from './schemas';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface DocumentInfo {
  readonly version: string;
}

/**
 * The OpenAPI 3.1 document of the API, built from the operations the routers declared (the same
 * objects that check each request): served at `/openapi.json`, read by `/docs`, schemathesis and
 * the web app's generated types. A schema with an `$id` (`Task`) is listed once under
 * `components.schemas` and referred to wherever it appears.
 */
export function openApiDocument(operations: readonly DocumentedOperation[], info: DocumentInfo): JsonObject {
  const components: Record<string, Json> = {};
  const schemaOf = (schema: TSchema): Json => componentized(plainJson(schema), components);
  const paths: Record<string, Record<string, Json>> = {};
  for (const { method, path, spec } of operations) {
    const openApiPath = path.replace(/:(\w+)/g, '{$1}');
    paths[openApiPath] ??= {};
    (paths[openApiPath] as Record<string, Json>)[method] = operationObject(path, spec, schemaOf);
  }
  schemaOf(Problem);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Baton',
      version: info.version,
      description:
        'Cross-department business processes declared in YAML and run as durable Temporal workflows. ' +
        'Authenticate with `Authorization: Bearer <token>` (an admin makes tokens with `POST /users/{id}/token`), ' +
        'or with the session cookie of `POST /auth/session` plus its `X-CSRF-Token` on every change. ' +
        'Errors are RFC 9457 problem details with a stable `code`; every answer carries `X-Request-Id`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'an API token' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'baton_session', description: 'a browser session' },
      },
    },
  };
}

function operationObject(path: string, spec: OperationSpec, schemaOf: (schema: TSchema) => Json): JsonObject {
  const roles = spec.roles ? `Roles: ${[...spec.roles, 'admin'].join(', ')}.` : null;
  const description = [spec.description, roles].filter((part) => part).join('\n\n');
  const operation: JsonObject = {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(description ? { description } : {}),
    tags: [...spec.tags],
    parameters: parametersOf(path, spec, schemaOf),
    responses: responsesOf(spec, schemaOf),
    ...(spec.public ? { security: [] } : {}),
  };
  const body = spec.rawBody
    ? {
        required: true,
        description: spec.rawBody.description,
        mediaType: spec.rawBody.mediaType,
        schema: spec.rawBody.schema,
      }
    : spec.body
      ? { required: hasRequiredMembers(spec.body), mediaType: 'application/json', schema: spec.body }
      : null;
  if (body) {
    operation.requestBody = {
      required: body.required,
      ...('description' in body ? { description: body.description } : {}),
      content: { [body.mediaType]: { schema: schemaOf(body.schema) } },
    };
  }
  return operation;
}

function parametersOf(path: string, spec: OperationSpec, schemaOf: (schema: TSchema) => Json): Json[] {
  const pathParameters = [...path.matchAll(/:(\w+)/g)].map((match) => ({
    name: match[1] ?? '',
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1 },
  }));
  const required = new Set(spec.query?.required ?? []);
  const queryParameters = Object.entries(spec.query?.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = plainJson(schema) as JsonObject;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: schemaOf(rest as unknown as TSchema),
    };
  });
  const headerParameters = Object.entries(spec.headers ?? {}).map(([name, header]) => ({
    name,
    in: 'header',
    required: false,
    description: header.description,
    schema: schemaOf(header.schema),
  }));
  return [...pathParameters, ...queryParameters, ...headerParameters];
}

function responsesOf(spec: OperationSpec, schemaOf: (schema: TSchema) => Json): JsonObject {
  const problem = {
    description: 'a problem (RFC 9457): 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503 with `Retry-After`',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  const links: JsonObject = spec.links ? { links: plainJson(spec.links) } : {};
  if (spec.result) {
    const content = { 'application/json': { schema: schemaOf(spec.result) } };
    const others = Object.entries(spec.alsoAnswers ?? {}).map(([status, description]) => [
      status,
      { description: description ?? '', content, ...links },
    ]);
    return {
      [String(spec.status ?? 200)]: { description: 'done', content, ...links },
      ...Object.fromEntries(others),
      default: problem,
    };
  }
  if (spec.resultMediaType) {
    const { mediaType, schema, description } = spec.resultMediaType;
    return { 200: { description, content: { [mediaType]: { schema: schemaOf(schema) } } }, default: problem };
  }
  return { 204: { description: 'done; nothing to say', ...links }, default: problem };
}

function hasRequiredMembers(schema: TSchema): boolean {
  return Array.isArray(schema.required) && schema.required.length > 0;
}

/** TypeBox marks its schemas with symbol keys; the document holds their JSON only. */
function plainJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** The schema with every `$id`-named part moved to `components` and referred to by `$ref`. */
function componentized(schema: Json, components: Record<string, Json>): Json {
  if (Array.isArray(schema)) return schema.map((item) => componentized(item, components));
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $id, ...rest } = schema;
  const members: JsonObject = {};
  for (const [key, value] of Object.entries(rest)) {
    members[key] =
      key === '$ref' && typeof value === 'string' && !value.startsWith('#')
        ? `#/components/schemas/${value}`
        : componentized(value, components);
  }
  if (typeof $id !== 'string') return members;
  components[$id] ??= members;
  return { $ref: `#/components/schemas/${$id}` };
}
