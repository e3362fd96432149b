import express, { type Request, Router } from 'express';
import type { EngineContext } from '../../engine/context';
import {
  deployDefinition,
  findDefinition,
  listLatestDefinitions,
  listVersions,
  validateDefinition,
} from '../../engine/definitions';
import { startInstance } from '../../engine/instances';
import { planDefinition, planDraft } from '../../engine/plans';
import { DefinitionInvalidError, InvalidRequestError, ValidationError } from '../../errors';
import { actorOf, requireRole } from '../auth';
import { refuseUnparsedBodies } from '../content-type';
import { definitionSummaryJson, instanceSummaryJson } from '../presenters';
import { acceptsQuery, bodyValidator, idempotencyKeyOf, pathParam } from '../request';

const parseStart = bodyValidator({
  type: 'object',
  required: ['input'],
  additionalProperties: false,
  properties: {
    input: { type: 'object' },
    version: { type: 'integer', minimum: 1, maximum: 2_147_483_647, nullable: true },
    calendar: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
  },
});

const parsePlan = bodyValidator({
  type: 'object',
  required: ['input'],
  additionalProperties: false,
  properties: {
    input: { type: 'object' },
    version: { type: 'integer', minimum: 1, maximum: 2_147_483_647, nullable: true },
    calendar: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
    start: { type: 'string', minLength: 1, maxLength: 40, nullable: true },
    budget: { type: 'number', minimum: 0, nullable: true },
  },
});

/** The most a process's YAML may weigh, as `POST /definitions` reads it (and a draft's `source`). */
export const MAXIMUM_DEFINITION_BYTES = 2 * 1024 * 1024;

const parseDraftPlan = bodyValidator({
  type: 'object',
  required: ['source', 'input'],
  additionalProperties: false,
  properties: {
    source: { type: 'string', minLength: 1 },
    input: { type: 'object' },
    calendar: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
    start: { type: 'string', minLength: 1, maxLength: 40, nullable: true },
    budget: { type: 'number', minimum: 0, nullable: true },
  },
});

/** The dry run of a draft, which reads its own (larger) JSON body after checking its caller. */
export const DRAFT_PLAN_PATH = '/definitions/plan';

/** Whether the request is one whose body its route reads itself (the app's parsers leave it). */
export function readsItsOwnBody(request: Request): boolean {
  return request.method === 'POST' && request.path === DRAFT_PLAN_PATH;
}

export function definitionRoutes(context: EngineContext): Router {
  const router = Router();
  const noQuery = acceptsQuery();
  const readers = requireRole('owner', 'manager', 'staff');

  router.post('/definitions', requireRole('owner'), noQuery, async (request, response) => {
    const result = await deployDefinition(context.db, yamlBody(request), {
      file: fileName(request),
      deployedBy: actorOf(response),
      dataDirectory: context.dataDirectory,
      calendarsDirectory: context.calendarsDirectory,
    });
    response
      .status(result.created ? 201 : 200)
      .json({ key: result.key, version: result.version, checksum: result.checksum });
  });

  router.post('/definitions/validate', requireRole('owner'), noQuery, async (request, response) => {
    const result = await validateDefinition(context.db, yamlBody(request), fileName(request), context);
    if (!result.ok) throw new DefinitionInvalidError(result.errors);
    response.json({ valid: true, key: result.plan.key, steps: result.plan.steps.length });
  });

  // A dry run of a draft: compiled as a deploy compiles it, planned as a deployed version is, nothing stored.
  // One path segment, so never a key: a process may be called `plan` (its plan is `/definitions/plan/plan`).
  router.post(
    DRAFT_PLAN_PATH,
    requireRole('owner'),
    // Read here, once the caller is known to be an owner: room for the most a YAML body may be, escaped.
    express.json({ limit: 4 * MAXIMUM_DEFINITION_BYTES }),
    refuseUnparsedBodies,
    noQuery,
    async (request, response) => {
      const body = parseDraftPlan(request.body);
      if (Buffer.byteLength(body.source) > MAXIMUM_DEFINITION_BYTES) {
        throw new ValidationError('the source is too large', [
          {
            field: '/source',
            message: `is larger than ${MAXIMUM_DEFINITION_BYTES} bytes, the most POST /definitions takes`,
          },
        ]);
      }
      const plan = await planDraft(context.db, context, {
        source: body.source,
        file: fileName(request),
        input: body.input,
        ...(body.calendar == null ? {} : { calendar: body.calendar }),
        ...(body.start == null ? {} : { start: body.start }),
        ...(body.budget == null ? {} : { budget: body.budget }),
      });
      response.json(plan);
    },
  );

  router.get('/definitions', readers, noQuery, async (_request, response) => {
    const definitions = await listLatestDefinitions(context.db);
    response.json({ items: definitions.map(definitionSummaryJson), nextCursor: null });
  });

  router.get('/definitions/:key', readers, noQuery, async (request, response) => {
    const latest = await findDefinition(context.db, pathParam(request.params, 'key'));
    const versions = await listVersions(context.db, latest.key);
    response.json({
      ...definitionSummaryJson(latest),
      source: latest.source,
      plan: latest.plan,
      versions: versions.map(definitionSummaryJson),
    });
  });

  router.post('/definitions/:key/instances', requireRole('owner', 'manager'), noQuery, async (request, response) => {
    const body = parseStart(wrappedInput(request.body));
    const { row, created } = await startInstance(
      context,
      {
        key: pathParam(request.params, 'key'),
        version: body.version ?? undefined,
        input: body.input,
        calendar: body.calendar ?? undefined,
        idempotencyKey: idempotencyKeyOf(request),
      },
      actorOf(response),
    );
    const { id, key, version, status } = instanceSummaryJson(row);
    response
      .status(created ? 201 : 200)
      .location(`/instances/${id}`)
      .json({ id, key, version, status });
  });

  // The action plan for a start form, nothing started: same roles and input checks as a start.
  router.post('/definitions/:key/plan', requireRole('owner', 'manager'), noQuery, async (request, response) => {
    const body = parsePlan(wrappedInput(request.body));
    const plan = await planDefinition(context.db, {
      key: pathParam(request.params, 'key'),
      input: body.input,
      ...(body.version == null ? {} : { version: body.version }),
      ...(body.calendar == null ? {} : { calendar: body.calendar }),
      ...(body.start == null ? {} : { start: body.start }),
      ...(body.budget == null ? {} : { budget: body.budget }),
    });
    response.json(plan);
  });

  return router;
}

/** The start form goes under `input`; sent bare, it would earn one puzzling error per field. */
function wrappedInput(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && !('input' in body)) {
    throw new ValidationError('the request body is not valid', [
      {
        field: '/input',
        message:
          'is required: send {"input": {...the start form...}, "version": n (optional), "calendar": id (optional)}',
      },
    ]);
  }
  return body;
}

function yamlBody(request: Request): string {
  if (typeof request.body !== 'string' || request.body.trim() === '') {
    throw new InvalidRequestError(
      'send the process YAML as the body with `Content-Type: application/yaml` (curl: --data-binary @file.yaml)',
    );
  }
  return request.body;
}

/** Lets clients name the file in error positions (`X-Baton-File: definitions/x.yaml`). */
function fileName(request: Request): string {
  return request.header('x-baton-file') ?? 'request.yaml';
}
