import { Type } from '@sinclair/typebox';
import express, { type Request, type RequestHandler } from 'express';
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
import { ContractRouter } from '../contract/operation';
import {
  Definition,
  DefinitionPage,
  DeployedDefinition,
  DraftPlanBody,
  PlanBody,
  ProcessPlan,
  StartBody,
  StartedInstance,
  ValidDefinition,
} from '../contract/process-schemas';
import { definitionSummaryJson, instanceSummaryJson } from '../presenters';
import { idempotencyKeyHeader, idempotencyKeyOf } from '../request';

/** The most a process's YAML may weigh, as `POST /definitions` reads it (and a draft's `source`). */
export const MAXIMUM_DEFINITION_BYTES = 2 * 1024 * 1024;

/** The dry run of a draft, which reads its own (larger) JSON body after checking its caller. */
export const DRAFT_PLAN_PATH = '/definitions/plan';

/** Whether the request is one whose body its route reads itself (the app's parsers leave it). */
export function readsItsOwnBody(request: Request): boolean {
  return request.method === 'POST' && request.path === DRAFT_PLAN_PATH;
}

const YAML_BODY = {
  mediaType: 'application/yaml',
  schema: Type.String({ minLength: 1, maxLength: MAXIMUM_DEFINITION_BYTES }),
  description: `the process's YAML (\`application/x-yaml\`, \`text/yaml\` too), at most ${MAXIMUM_DEFINITION_BYTES} bytes`,
};

const FILE_HEADER = {
  'X-Baton-File': {
    description: 'the file name errors point into (`definitions/x.yaml`); `request.yaml` when absent',
    schema: Type.String({ minLength: 1, maxLength: 500 }),
  },
};

const DEFINITION_INVALID =
  'A YAML that does not compile is a 422 `definition-invalid` naming each error by its line and column; ' +
  "a file of the server's `definitions/calendars/` that does not read is a 422 `calendar-invalid`.";

export function definitionRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['definitions'];
  const readers = ['owner', 'manager', 'staff'] as const;
  const starters = ['owner', 'manager'] as const;

  // Plain express routes in front of their operations, which they hand on to: the contract has no
  // step between the caller's role and the check of the body. A start form sent bare, not under
  // `input`, would earn one puzzling error per field: one saying where it goes comes first.
  for (const path of ['/definitions/:key/instances', '/definitions/:key/plan']) {
    api.router.post(path, requireRole(...starters), refuseBareInput);
  }
  // The draft's larger JSON body, read once the caller is known to be an owner (the app's parsers
  // leave it): room for the most a YAML body may be, escaped.
  api.router.post(
    DRAFT_PLAN_PATH,
    requireRole('owner'),
    express.json({ limit: 4 * MAXIMUM_DEFINITION_BYTES }),
    refuseUnparsedBodies,
  );

  api.post(
    '/definitions',
    {
      operationId: 'deployDefinition',
      summary: "Deploy a process's YAML as its next version",
      description: `Answers 201 with the new version; the same YAML as the latest version answers 200 with it, storing nothing. ${DEFINITION_INVALID}`,
      tags,
      roles: ['owner'],
      rawBody: YAML_BODY,
      headers: FILE_HEADER,
      result: DeployedDefinition,
      status: 201,
      alsoAnswers: { 200: 'this very YAML is the latest version: nothing was deployed' },
      links: { getDefinition: { operationId: 'getDefinition', parameters: { key: '$response.body#/key' } } },
    },
    async (_input, request, response) => {
      const result = await deployDefinition(context.db, yamlBody(request), {
        file: fileName(request),
        deployedBy: actorOf(response),
        dataDirectory: context.dataDirectory,
        calendarsDirectory: context.calendarsDirectory,
      });
      const deployed = { key: result.key, version: result.version, checksum: result.checksum };
      if (!result.created) response.status(200).json(deployed);
      return deployed;
    },
  );

  api.post(
    '/definitions/validate',
    {
      operationId: 'validateDefinition',
      summary: "Compile a process's YAML as a deploy would, storing nothing",
      description: DEFINITION_INVALID,
      tags,
      roles: ['owner'],
      rawBody: YAML_BODY,
      headers: FILE_HEADER,
      result: ValidDefinition,
    },
    async (_input, request) => {
      const result = await validateDefinition(context.db, yamlBody(request), fileName(request), context);
      if (!result.ok) throw new DefinitionInvalidError(result.errors);
      return { valid: true as const, key: result.plan.key, steps: result.plan.steps.length };
    },
  );

  // One path segment, so never a key: a process may be called `plan` (its plan is `/definitions/plan/plan`).
  api.post(
    DRAFT_PLAN_PATH,
    {
      operationId: 'planDraft',
      summary: 'Plan a process not deployed yet for a start form (a dry run)',
      description:
        '`source` is compiled as `POST /definitions/validate` compiles it (the same 422 `definition-invalid`), then planned as `planDefinition` plans a deployed version: the same answer, the same 422s. Nothing is deployed or started; the sub-processes it starts are planned from their deployed versions.',
      tags,
      roles: ['owner'],
      headers: FILE_HEADER,
      body: DraftPlanBody,
      result: ProcessPlan,
    },
    async ({ body }, request) => {
      if (Buffer.byteLength(body.source) > MAXIMUM_DEFINITION_BYTES) {
        throw new ValidationError('the source is too large', [
          {
            field: '/source',
            message: `is larger than ${MAXIMUM_DEFINITION_BYTES} bytes, the most POST /definitions takes`,
          },
        ]);
      }
      return planDraft(context.db, context, {
        source: body.source,
        file: fileName(request),
        input: body.input,
        ...(body.calendar == null ? {} : { calendar: body.calendar }),
        ...(body.start == null ? {} : { start: body.start }),
        ...(body.budget == null ? {} : { budget: body.budget }),
      });
    },
  );

  api.get(
    '/definitions',
    {
      operationId: 'listDefinitions',
      summary: 'The deployed processes, each at its latest version',
      description: 'One page, never a cursor.',
      tags,
      roles: readers,
      result: DefinitionPage,
      links: {
        getFirstDefinition: { operationId: 'getDefinition', parameters: { key: '$response.body#/items/0/key' } },
      },
    },
    async () => ({ items: (await listLatestDefinitions(context.db)).map(definitionSummaryJson), nextCursor: null }),
  );

  api.get(
    '/definitions/:key',
    {
      operationId: 'getDefinition',
      summary: 'A process at its latest version: its YAML, its compiled plan and every version',
      tags,
      roles: readers,
      result: Definition,
      links: {
        startInstance: { operationId: 'startInstance', parameters: { key: '$response.body#/key' } },
        planDefinition: { operationId: 'planDefinition', parameters: { key: '$response.body#/key' } },
      },
    },
    async ({ params }) => {
      const latest = await findDefinition(context.db, params.key);
      const versions = await listVersions(context.db, latest.key);
      return {
        ...definitionSummaryJson(latest),
        source: latest.source,
        plan: latest.plan,
        versions: versions.map(definitionSummaryJson),
      };
    },
  );

  api.post(
    '/definitions/:key/instances',
    {
      operationId: 'startInstance',
      summary: 'Start an instance of a process with its start form',
      description:
        'Answers 201 with `Location` once the first tasks are open; 422 naming the fields of an input the start form ' +
        "refuses, or `/calendar` when it is not one of the version's calendars. A start sent again by the same caller " +
        'with the same `Idempotency-Key` answers 200 with the instance it started, never a second one; the key with ' +
        'another request is a 409. 503 with `Retry-After` when no worker took the start in time: it may still ' +
        'complete, and retrying with the same key is safe.',
      tags,
      roles: starters,
      body: StartBody,
      headers: idempotencyKeyHeader('start', 'instance'),
      result: StartedInstance,
      status: 201,
      alsoAnswers: { 200: 'the Idempotency-Key was sent before: the instance it started' },
      links: {
        getInstance: { operationId: 'getInstance', parameters: { id: '$response.body#/id' } },
        listInstanceTasks: { operationId: 'listTasks', parameters: { instance: '$response.body#/id' } },
      },
    },
    async ({ params, body }, request, response) => {
      const { row, created } = await startInstance(
        context,
        {
          key: params.key,
          version: body.version ?? undefined,
          input: body.input,
          calendar: body.calendar ?? undefined,
          idempotencyKey: idempotencyKeyOf(request),
        },
        actorOf(response),
      );
      const { id, key, version, status } = instanceSummaryJson(row);
      const started = { id, key, version, status };
      response.location(`/instances/${id}`);
      if (!created) response.status(200).json(started);
      return started;
    },
  );

  api.post(
    '/definitions/:key/plan',
    {
      operationId: 'planDefinition',
      summary: 'The action plan of a process for a start form, nothing started',
      description:
        'The input is checked as a start checks it (422 naming its fields; `/calendar` or `/start` when the plan ' +
        'cannot count from them); sub-processes are planned from their latest deployed versions.',
      tags,
      roles: starters,
      body: PlanBody,
      result: ProcessPlan,
      links: { startInstance: { operationId: 'startInstance', parameters: { key: '$response.body#/key' } } },
    },
    async ({ params, body }) =>
      planDefinition(context.db, {
        key: params.key,
        input: body.input,
        ...(body.version == null ? {} : { version: body.version }),
        ...(body.calendar == null ? {} : { calendar: body.calendar }),
        ...(body.start == null ? {} : { start: body.start }),
        ...(body.budget == null ? {} : { budget: body.budget }),
      }),
  );

  return api;
}

const refuseBareInput: RequestHandler = (request, _response, next) => {
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && !('input' in body)) {
    throw new ValidationError('the request body is not valid', [
      {
        field: '/input',
        message:
          'is required: send {"input": {...the start form...}, "version": n (optional), "calendar": id (optional)}',
      },
    ]);
  }
  next();
};

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
