import { Type } from '@sinclair/typebox';
import type { EngineContext } from '../../engine/context';
import { assertMayReadInstance } from '../../engine/instance-access';
import {
  cancelInstance,
  changeInstanceInput,
  getInstance,
  listInstances,
  resolveFailedStep,
} from '../../engine/instances';
import { planInputChange, planRunningInstance } from '../../engine/plans';
import { INSTANCE_STATUSES } from '../../plan/instance-view';
import type { JsonObject } from '../../plan/types';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import { InputChangeBody, InstancePlan, ProposedInstancePlan } from '../contract/process-schemas';
import { Instance, InstancePage, OneOf, PageQuery } from '../contract/schemas';
import { instanceJson, instanceSummaryJson } from '../presenters';

const InstanceQuery = Type.Object({
  key: Type.Optional(Type.String({ description: "a process's key" })),
  status: Type.Optional(OneOf(INSTANCE_STATUSES)),
  ...PageQuery,
});

const WHO_READS =
  'Owners and managers read every instance; staff those their department has a task in (404 otherwise).';

export function instanceRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['instances'];
  // Staff read the instances their department works on.
  const instanceReaders = ['owner', 'manager', 'staff'] as const;
  const changers = ['owner', 'manager'] as const;

  api.get(
    '/instances',
    {
      operationId: 'listInstances',
      summary: 'The instances, newest first',
      tags,
      roles: ['owner', 'manager'],
      query: InstanceQuery,
      result: InstancePage,
      links: { getFirstInstance: { operationId: 'getInstance', parameters: { id: '$response.body#/items/0/id' } } },
    },
    async ({ query }) => {
      const page = await listInstances(context, {
        key: query.key,
        status: query.status,
        limit: query.limit ?? 50,
        cursor: query.cursor,
      });
      return { items: page.items.map(instanceSummaryJson), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/instances/:id',
    {
      operationId: 'getInstance',
      summary: 'An instance: where each step stands, its progress and its cost',
      description: `${WHO_READS} 503 when no worker answers in time.`,
      tags,
      roles: instanceReaders,
      result: Instance,
      links: {
        listInstanceTasks: { operationId: 'listTasks', parameters: { instance: '$response.body#/id' } },
        getInstancePlan: { operationId: 'getInstancePlan', parameters: { id: '$response.body#/id' } },
      },
    },
    async ({ params }, _request, response) => {
      await assertMayReadInstance(context.db, params.id, actorOf(response));
      return instanceJson(await getInstance(context, params.id));
    },
  );

  api.get(
    '/instances/:id/plan',
    {
      operationId: 'getInstancePlan',
      summary: "A running instance's action plan from where it stands",
      description:
        'Ended steps keep their real dates; the rest is scheduled from now, in the calendar its start chose. ' +
        `409 once the instance has ended (its own steps have their real dates). ${WHO_READS}`,
      tags,
      roles: instanceReaders,
      result: InstancePlan,
    },
    async ({ params }, _request, response) => {
      await assertMayReadInstance(context.db, params.id, actorOf(response));
      return planRunningInstance(context, params.id);
    },
  );

  api.post(
    '/instances/:id/plan',
    {
      operationId: 'previewInputChange',
      summary: "A running instance's plan as if its input changed, nothing changed",
      description:
        'The preview of `changeInstanceInput`: the input is checked as it checks it (422 naming the field), and ' +
        '`dueChanges` lists the open tasks whose due dates would move. 409 once the instance has ended.',
      tags,
      roles: changers,
      body: InputChangeBody,
      result: ProposedInstancePlan,
    },
    // Parsed from JSON: plain JSON values.
    async ({ params, body }) => planInputChange(context, params.id, body.input as JsonObject),
  );

  api.post(
    '/instances/:id/cancel',
    {
      operationId: 'cancelInstance',
      summary: 'Cancel a running instance, its sub-processes too',
      description: '409 when it has already ended; 503 when no worker takes the cancel in time.',
      tags,
      roles: ['manager'],
      result: Instance,
    },
    async ({ params }, _request, response) => instanceJson(await cancelInstance(context, params.id, actorOf(response))),
  );

  api.patch(
    '/instances/:id/input',
    {
      operationId: 'changeInstanceInput',
      summary: "Change a running instance's input and re-plan it",
      description:
        'The fields given replace the current ones; the result must match the start form (422 naming the field). ' +
        "Open tasks' due dates anchored on the input, and waits until an input date, move; each department " +
        'concerned is notified. 409 once the instance has ended.',
      tags,
      roles: changers,
      body: InputChangeBody,
      result: Instance,
      links: { getInstance: { operationId: 'getInstance', parameters: { id: '$response.body#/id' } } },
    },
    // Parsed from JSON: plain JSON values.
    async ({ params, body }, _request, response) =>
      instanceJson(await changeInstanceInput(context, params.id, body.input as JsonObject, actorOf(response))),
  );

  for (const action of ['retry', 'skip'] as const) {
    api.post(
      `/instances/:id/steps/:stepId/${action}`,
      {
        operationId: `${action}Step`,
        summary:
          action === 'retry'
            ? 'Run a failed step of an instance again'
            : 'Skip a failed step of an instance: the steps after it go on',
        description:
          'A step the instance does not have is a 404; 409 when it has not failed or the instance has ended.',
        tags,
        roles: ['manager'],
        result: Instance,
      },
      async ({ params }, _request, response) =>
        instanceJson(await resolveFailedStep(context, params.id, params.stepId, action, actorOf(response))),
    );
  }

  return api;
}
