import { Router } from 'express';
import { ROLES } from '../../db/entities/user';
import type { EngineContext } from '../../engine/context';
import { listDepartments, putDepartment } from '../../engine/departments';
import { createUser, listUsers } from '../../engine/users';
import { requireRole } from '../auth';
import { userJson } from '../presenters';
import { acceptsQuery, bodyValidator, pathParam } from '../request';

const parseNewUser = bodyValidator({
  type: 'object',
  required: ['name', 'role'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    role: { type: 'string', enum: ROLES },
    department: { type: 'string', nullable: true },
  },
});

const parseDepartment = bodyValidator({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
});

export function adminRoutes(context: EngineContext): Router {
  const router = Router();
  const adminOnly = requireRole();
  const noQuery = acceptsQuery();

  router.post('/users', adminOnly, noQuery, async (request, response) => {
    const { user, token } = await createUser(context.db, parseNewUser(request.body));
    response.status(201).json({ ...userJson(user), token });
  });

  router.get('/users', adminOnly, noQuery, async (_request, response) => {
    response.json({ items: (await listUsers(context.db)).map(userJson), nextCursor: null });
  });

  router.get('/departments', noQuery, async (_request, response) => {
    const departments = await listDepartments(context.db);
    response.json({ items: departments.map(({ id, name }) => ({ id, name })), nextCursor: null });
  });

  router.put('/departments/:id', adminOnly, noQuery, async (request, response) => {
    const { name } = parseDepartment(request.body);
    const { department, created } = await putDepartment(context.db, pathParam(request.params, 'id'), name);
    response.status(created ? 201 : 200).json({ id: department.id, name: department.name });
  });

  return router;
}
