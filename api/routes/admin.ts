import { Router } from 'express';
import type { EngineContext } from '../../engine/context';
import { listDepartmentMembers, listDepartments, putDepartment } from '../../engine/departments';
import { actorOf, requireRole } from '../auth';
import { departmentJson } from '../presenters';
import { acceptsQuery, bodyValidator, pathParam } from '../request';

const parseDepartment = bodyValidator({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    email: { type: 'string', format: 'email', maxLength: 320, nullable: true },
    lead: { type: 'string', nullable: true },
  },
});

export function adminRoutes(context: EngineContext): Router {
  const router = Router();
  const adminOnly = requireRole();
  const noQuery = acceptsQuery();

  // Not requesters': mailboxes and leads are the departments' own business.
  router.get('/departments', requireRole('owner', 'manager', 'staff'), noQuery, async (_request, response) => {
    const departments = await listDepartments(context.db);
    response.json({ items: departments.map(departmentJson), nextCursor: null });
  });

  // Whom a lead may give a task to; staff read their own department's, requesters none.
  router.get(
    '/departments/:id/members',
    requireRole('owner', 'manager', 'staff'),
    noQuery,
    async (request, response) => {
      const members = await listDepartmentMembers(context.db, pathParam(request.params, 'id'), actorOf(response));
      response.json({ items: members, nextCursor: null });
    },
  );

  router.put('/departments/:id', adminOnly, noQuery, async (request, response) => {
    const { name, email, lead } = parseDepartment(request.body);
    const { department, created } = await putDepartment(
      context.db,
      pathParam(request.params, 'id'),
      {
        name,
        email: email ?? null,
        lead: lead ?? null,
      },
      actorOf(response),
    );
    response.status(created ? 201 : 200).json(departmentJson(department));
  });

  return router;
}
