import { Type } from '@sinclair/typebox';
import { TASK_STATUSES } from '../../db/entities/task';
import type { EngineContext } from '../../engine/context';
import { assignTask, claimTask, reassignTask, unclaimTask } from '../../engine/task-assignment';
import { completeTask, getTask, listTasks } from '../../engine/tasks';
import { MAXIMUM_AMOUNT } from '../../plan/amounts';
import type { JsonObject as JsonValues } from '../../plan/types';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import { Id, JsonObject, Nullable, OneOf, PageQuery, Task, TaskPage } from '../contract/schemas';
import { taskJson } from '../presenters';

/** The longest title search: a few words typed in a box, not a document. */
const MAXIMUM_SEARCH_LENGTH = 200;

const InboxQuery = Type.Object({
  department: Type.Optional(Type.String({ maxLength: 64, description: "a department's id" })),
  status: Type.Optional(OneOf(TASK_STATUSES)),
  overdue: Type.Optional(Type.Boolean()),
  instance: Type.Optional(Type.String({ maxLength: 64, description: "an instance's id" })),
  assignee: Type.Optional(Type.String({ maxLength: 64, description: '`me`, `none` (nobody holds it) or a user id' })),
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: MAXIMUM_SEARCH_LENGTH, description: 'words of the title' })),
});

const CompleteBody = Type.Object(
  {
    output: Type.Optional(Nullable(JsonObject)),
    actualCost: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: MAXIMUM_AMOUNT }))),
  },
  { additionalProperties: false },
);

const AssignBody = Type.Object({ userId: Id }, { additionalProperties: false });
const ReassignBody = Type.Object({ department: Id }, { additionalProperties: false });

export interface TaskRouteHooks {
  /** A task completed through `POST /tasks/:id/complete` (metrics): its department. */
  readonly onCompleted?: (department: string) => void;
}

export function taskRoutes(context: EngineContext, hooks: TaskRouteHooks = {}): ContractRouter {
  const api = new ContractRouter();
  const tags = ['tasks'];
  // Requesters see their requests (GET /requests), not the departments' work.
  const roles = ['owner', 'manager', 'staff'] as const;

  api.get(
    '/tasks',
    {
      operationId: 'listTasks',
      summary: "Tasks: a department's inbox, a person's work, an instance's tasks",
      description:
        'Staff see the tasks of their department; soonest due first (add `status=open` for the work still to do).',
      tags,
      roles,
      query: InboxQuery,
      result: TaskPage,
      links: {
        completeFirstTask: { operationId: 'completeTask', parameters: { id: '$response.body#/items/0/id' } },
        claimFirstTask: { operationId: 'claimTask', parameters: { id: '$response.body#/items/0/id' } },
      },
    },
    async ({ query }, _request, response) => {
      const page = await listTasks(
        context.db,
        {
          department: query.department,
          status: query.status,
          overdue: query.overdue,
          instanceId: query.instance,
          assignee: query.assignee,
          titleContains: query.q,
          limit: query.limit ?? 50,
          cursor: query.cursor,
        },
        actorOf(response),
      );
      return { items: page.items.map(taskJson), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/tasks/:id',
    { operationId: 'getTask', summary: 'A task', tags, roles, result: Task },
    async ({ params }, _request, response) => taskJson(await getTask(context.db, params.id, actorOf(response))),
  );

  api.post(
    '/tasks/:id/complete',
    {
      operationId: 'completeTask',
      summary: 'Complete a task with its output (checked against its form) and what it cost',
      description: 'A task someone holds is completed by its holder, the lead of its department or an admin.',
      tags,
      roles,
      body: CompleteBody,
      result: Task,
    },
    async ({ params, body }, _request, response) => {
      const task = await completeTask(
        context,
        params.id,
        // Parsed from JSON and checked to be an object.
        { output: (body.output ?? {}) as JsonValues, actualCost: body.actualCost ?? undefined },
        actorOf(response),
      );
      hooks.onCompleted?.(task.department);
      return taskJson(task);
    },
  );

  api.post(
    '/tasks/:id/claim',
    { operationId: 'claimTask', summary: 'Take an open task of your department', tags, roles, result: Task },
    async ({ params }, _request, response) => taskJson(await claimTask(context.db, params.id, actorOf(response))),
  );

  api.post(
    '/tasks/:id/unclaim',
    { operationId: 'unclaimTask', summary: 'Give a held task back to its department', tags, roles, result: Task },
    async ({ params }, _request, response) => taskJson(await unclaimTask(context.db, params.id, actorOf(response))),
  );

  api.post(
    '/tasks/:id/assign',
    {
      operationId: 'assignTask',
      summary: 'Give a task to a person of its department (lead, manager, admin)',
      tags,
      roles,
      body: AssignBody,
      result: Task,
    },
    async ({ params, body }, _request, response) =>
      taskJson(await assignTask(context.db, params.id, body.userId, actorOf(response))),
  );

  api.post(
    '/tasks/:id/reassign',
    {
      operationId: 'reassignTask',
      summary: 'Send a task to another department; its escalations follow it',
      tags,
      roles,
      body: ReassignBody,
      result: Task,
    },
    async ({ params, body }, _request, response) =>
      taskJson(await reassignTask(context, params.id, body.department, actorOf(response))),
  );

  return api;
}
