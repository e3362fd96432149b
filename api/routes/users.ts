import { Router } from 'express';
import { DELIVERY_MODES } from '../../db/entities/preference';
import { LOCALES, ROLES } from '../../db/entities/user';
import type { EngineContext } from '../../engine/context';
import { preferencesOf, setPreferences } from '../../engine/preferences';
import {
  createUser,
  currentUser,
  deactivateUser,
  getUser,
  listUsers,
  rotateToken,
  updateOwnProfile,
  updateUser,
} from '../../engine/users';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../plan/recipient';
import { actorOf, requireRole } from '../auth';
import { userJson } from '../presenters';
import { acceptsQuery, bodyValidator, pathParam } from '../request';

const PERSON_FIELDS = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  email: { type: 'string', format: 'email', maxLength: 320, nullable: true },
  timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  locale: { type: 'string', enum: LOCALES },
} as const;

const ORGANISATION_FIELDS = {
  role: { type: 'string', enum: ROLES },
  department: { type: 'string', maxLength: 64, nullable: true },
} as const;

const parseNewUser = bodyValidator({
  type: 'object',
  required: ['name', 'role'],
  additionalProperties: false,
  properties: { ...PERSON_FIELDS, ...ORGANISATION_FIELDS },
});

const parseUserChanges = bodyValidator({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...PERSON_FIELDS, ...ORGANISATION_FIELDS },
});

const parseOwnChanges = bodyValidator({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: PERSON_FIELDS,
});

const parsePreferences = bodyValidator({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, { type: 'string', enum: DELIVERY_MODES }]),
  ) as Record<NotificationKind, { type: 'string'; enum: typeof DELIVERY_MODES }>,
});

/** People: admins manage them; everyone reads and edits their own name, address, zone and language. */
export function userRoutes(context: EngineContext): Router {
  const router = Router();
  const adminOnly = requireRole();
  const noQuery = acceptsQuery();

  router.get('/users/me', noQuery, async (_request, response) => {
    response.json(userJson(await currentUser(context.db, actorOf(response))));
  });

  router.patch('/users/me', noQuery, async (request, response) => {
    const changes = parseOwnChanges(request.body);
    response.json(userJson(await updateOwnProfile(context.db, actorOf(response), changes)));
  });

  router.get('/users/me/preferences', noQuery, async (_request, response) => {
    response.json(await preferencesOf(context.db, actorOf(response)));
  });

  router.put('/users/me/preferences', noQuery, async (request, response) => {
    response.json(await setPreferences(context.db, actorOf(response), parsePreferences(request.body)));
  });

  router.post('/users', adminOnly, noQuery, async (request, response) => {
    const { user, token } = await createUser(context.db, parseNewUser(request.body), actorOf(response));
    response.status(201).json({ ...userJson(user), token });
  });

  router.get('/users', adminOnly, noQuery, async (_request, response) => {
    response.json({ items: (await listUsers(context.db)).map(userJson), nextCursor: null });
  });

  router.get('/users/:id', adminOnly, noQuery, async (request, response) => {
    response.json(userJson(await getUser(context.db, pathParam(request.params, 'id'))));
  });

  router.patch('/users/:id', adminOnly, noQuery, async (request, response) => {
    const changes = parseUserChanges(request.body);
    response.json(userJson(await updateUser(context.db, pathParam(request.params, 'id'), changes, actorOf(response))));
  });

  router.delete('/users/:id', adminOnly, noQuery, async (request, response) => {
    response.json(userJson(await deactivateUser(context.db, pathParam(request.params, 'id'), actorOf(response))));
  });

  router.post('/users/:id/token', adminOnly, noQuery, async (request, response) => {
    const { user, token } = await rotateToken(context.db, pathParam(request.params, 'id'), actorOf(response));
    response.json({ ...userJson(user), token });
  });

  return router;
}
