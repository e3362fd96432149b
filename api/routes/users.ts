import { Router } from 'express';
import { DELIVERY_MODES } from '../../db/entities/preference';
import { LOCALES, ROLES } from '../../db/entities/user';
import type { EngineContext } from '../../engine/context';
import { preferencesOf, setPreferences } from '../../engine/preferences';
import { createToken, listTokens, revokeToken } from '../../engine/tokens';
import {
  BOOTSTRAP_ADMIN,
  createUser,
  currentUser,
  deactivateUser,
  getUser,
  listUsers,
  rotateToken,
  updateOwnProfile,
  updateUser,
} from '../../engine/users';
import { ConflictError } from '../../errors';
import { DEFAULT_TOKEN_TTL_DAYS, MAXIMUM_TOKEN_TTL_DAYS } from '../../infra/config';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../plan/recipient';
import { actorOf, requireRole } from '../auth';
import { tokenJson, userJson } from '../presenters';
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

const parseNewToken = bodyValidator({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    expiresInDays: { type: 'integer', minimum: 1, maximum: MAXIMUM_TOKEN_TTL_DAYS },
  },
});

/**
 * People: admins manage them; everyone reads and edits their own name, address, zone and
 * language, and holds API tokens of their own (listed, made and revoked by them or an admin).
 */
export function userRoutes(context: EngineContext): Router {
  const router = Router();
  const adminOnly = requireRole();
  const noQuery = acceptsQuery();
  const tokenLife = { tokenTtlDays: context.tokenTtlDays ?? DEFAULT_TOKEN_TTL_DAYS };

  /** The caller's user id for their own tokens: the bootstrap admin's one comes from configuration. */
  const ownId = (response: Parameters<typeof actorOf>[0]): string => {
    const actor = actorOf(response);
    if (actor.id === BOOTSTRAP_ADMIN.id) {
      throw new ConflictError(
        'the bootstrap admin has one token, BATON_ADMIN_TOKEN, and no others; create an admin user (POST /users) to hold tokens',
      );
    }
    return actor.id;
  };

  router.get('/users/me/tokens', noQuery, async (_request, response) => {
    const tokens = await listTokens(context.db, ownId(response));
    response.json({ items: tokens.map(tokenJson), nextCursor: null });
  });

  router.post('/users/me/tokens', noQuery, async (request, response) => {
    const { name, expiresInDays } = parseNewToken(request.body);
    const { row, token } = await createToken(
      context.db,
      ownId(response),
      {
        name,
        lifeInDays: expiresInDays ?? tokenLife.tokenTtlDays,
      },
      actorOf(response),
    );
    response.status(201).json({ ...tokenJson(row), token });
  });

  router.delete('/users/me/tokens/:tokenId', noQuery, async (request, response) => {
    await revokeToken(context.db, ownId(response), pathParam(request.params, 'tokenId'), actorOf(response));
    response.status(204).end();
  });

  router.get('/users/:id/tokens', adminOnly, noQuery, async (request, response) => {
    const tokens = await listTokens(context.db, pathParam(request.params, 'id'));
    response.json({ items: tokens.map(tokenJson), nextCursor: null });
  });

  router.delete('/users/:id/tokens/:tokenId', adminOnly, noQuery, async (request, response) => {
    await revokeToken(
      context.db,
      pathParam(request.params, 'id'),
      pathParam(request.params, 'tokenId'),
      actorOf(response),
    );
    response.status(204).end();
  });

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
    const { user, token, tokenExpiresAt } = await createUser(
      context.db,
      parseNewUser(request.body),
      actorOf(response),
      tokenLife,
    );
    response.status(201).json({ ...userJson(user), token, tokenExpiresAt: tokenExpiresAt.toISOString() });
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
    const { user, token, tokenExpiresAt } = await rotateToken(
      context.db,
      pathParam(request.params, 'id'),
      actorOf(response),
      tokenLife,
    );
    response.json({ ...userJson(user), token, tokenExpiresAt: tokenExpiresAt.toISOString() });
  });

  return router;
}
