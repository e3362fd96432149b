import type { EngineContext } from '../../engine/context';
import { listDepartmentMembers, listDepartments, putDepartment } from '../../engine/departments';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import { DepartmentBody, DepartmentMemberPage, DepartmentPage } from '../contract/people-schemas';
import { Department } from '../contract/schemas';
import { departmentJson } from '../presenters';

export function adminRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['departments'];
  // Not requesters': mailboxes and leads are the departments' own business.
  const roles = ['owner', 'manager', 'staff'] as const;

  api.get(
    '/departments',
    {
      operationId: 'listDepartments',
      summary: 'The departments: their shared mailbox and who leads each',
      tags,
      roles,
      result: DepartmentPage,
      links: {
        listFirstDepartmentMembers: {
          operationId: 'listDepartmentMembers',
          parameters: { id: '$response.body#/items/0/id' },
        },
      },
    },
    async () => ({ items: (await listDepartments(context.db)).map(departmentJson), nextCursor: null }),
  );

  api.get(
    '/departments/:id/members',
    {
      operationId: 'listDepartmentMembers',
      summary: "A department's active people, by name: whom its tasks may be given to",
      description:
        "Staff read their own department's (403 for another), its lead reads it too; requesters who belong to it are not listed.",
      tags,
      roles,
      result: DepartmentMemberPage,
    },
    async ({ params }, _request, response) => ({
      items: await listDepartmentMembers(context.db, params.id, actorOf(response)),
      nextCursor: null,
    }),
  );

  api.put(
    '/departments/:id',
    {
      operationId: 'putDepartment',
      summary: 'Add a department, or rename it, change its mailbox or its lead',
      description:
        'Answers 201 when it adds the department, 200 when it changes one. The id is lowercase letters, ' +
        'digits and dashes, starting with a letter; the lead must be an active member of the department (422 otherwise).',
      tags,
      roles: [],
      body: DepartmentBody,
      result: Department,
      status: 201,
      alsoAnswers: { 200: 'the department was there: it is changed' },
      links: {
        listMembers: { operationId: 'listDepartmentMembers', parameters: { id: '$response.body#/id' } },
      },
    },
    async ({ params, body }, _request, response) => {
      const { department, created } = await putDepartment(
        context.db,
        params.id,
        { name: body.name, email: body.email ?? null, lead: body.lead ?? null },
        actorOf(response),
      );
      if (!created) response.status(200).json(departmentJson(department));
      return departmentJson(department);
    },
  );

  return api;
}
