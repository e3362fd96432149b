import type { Response } from 'express';
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
  type TokenLife,
  updateOwnProfile,
  updateUser,
} from '../../engine/users';
import { ConflictError } from '../../errors';
import { DEFAULT_TOKEN_TTL_DAYS } from '../../infra/config';
import { actorOf } from '../auth';
import { ContractRouter } from '../contract/operation';
import {
  NewToken,
  NewTokenBody,
  NewUserBody,
  OwnChangesBody,
  Preferences,
  PreferencesBody,
  TokenPage,
  UserChangesBody,
  UserPage,
  UserWithToken,
} from '../contract/people-schemas';
import { User } from '../contract/schemas';
import { tokenJson, userJson } from '../presenters';

/**
 * People: admins manage them; everyone reads and edits their own name, address, zone and
 * language, and holds API tokens of their own (listed, made and revoked by them or an admin).
 */
export function userRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['people'];
  const tokenTags = ['tokens'];
  const adminOnly = [] as const;
  // Read when a request comes: the routes are declared (for the document) without an engine.
  const tokenLife = (): Required<TokenLife> => ({ tokenTtlDays: context.tokenTtlDays ?? DEFAULT_TOKEN_TTL_DAYS });

  /** The caller's user id for their own tokens: the bootstrap admin's one comes from configuration. */
  const ownId = (response: Response): string => {
    const actor = actorOf(response);
    if (actor.id === BOOTSTRAP_ADMIN.id) {
      throw new ConflictError(
        'the bootstrap admin has one token, BATON_ADMIN_TOKEN, and no others; create an admin user (POST /users) to hold tokens',
      );
    }
    return actor.id;
  };

  // Before `/users/:id...`: `me` is no user id.
  api.get(
    '/users/me/tokens',
    {
      operationId: 'listOwnTokens',
      summary: 'Your API tokens, the newest first, revoked and expired ones included',
      description: 'The newest 200; never their secrets. 409 for the bootstrap admin, whose one token is configured.',
      tags: tokenTags,
      result: TokenPage,
      links: {
        revokeFirstToken: { operationId: 'revokeOwnToken', parameters: { tokenId: '$response.body#/items/0/id' } },
      },
    },
    async (_input, _request, response) => {
      const tokens = await listTokens(context.db, ownId(response));
      return { items: tokens.map(tokenJson), nextCursor: null };
    },
  );

  api.post(
    '/users/me/tokens',
    {
      operationId: 'createOwnToken',
      summary: 'Make yourself an API token (for a script, a laptop); its secret is shown once',
      description:
        'At most 50 of your tokens work at once: 409 past that (revoke one first), and for the bootstrap admin.',
      tags: tokenTags,
      body: NewTokenBody,
      result: NewToken,
      status: 201,
      links: { revokeToken: { operationId: 'revokeOwnToken', parameters: { tokenId: '$response.body#/id' } } },
    },
    async ({ body }, _request, response) => {
      const { row, token } = await createToken(
        context.db,
        ownId(response),
        { name: body.name, lifeInDays: body.expiresInDays ?? tokenLife().tokenTtlDays },
        actorOf(response),
      );
      return { ...tokenJson(row), token };
    },
  );

  api.delete(
    '/users/me/tokens/:tokenId',
    {
      operationId: 'revokeOwnToken',
      summary: 'Revoke one of your tokens: it stops working at once, with the browser sessions it opened',
      description: 'Revoking a revoked token changes nothing; 404 for a token that is not yours.',
      tags: tokenTags,
    },
    async ({ params }, _request, response) => {
      await revokeToken(context.db, ownId(response), params.tokenId, actorOf(response));
    },
  );

  api.get(
    '/users/:id/tokens',
    {
      operationId: 'listUserTokens',
      summary: "A user's API tokens, never their secrets",
      tags: tokenTags,
      roles: adminOnly,
      result: TokenPage,
    },
    async ({ params }) => {
      const tokens = await listTokens(context.db, params.id);
      return { items: tokens.map(tokenJson), nextCursor: null };
    },
  );

  api.delete(
    '/users/:id/tokens/:tokenId',
    {
      operationId: 'revokeUserToken',
      summary: "Revoke one of a user's tokens (a lost laptop)",
      tags: tokenTags,
      roles: adminOnly,
    },
    async ({ params }, _request, response) => {
      await revokeToken(context.db, params.id, params.tokenId, actorOf(response));
    },
  );

  api.get(
    '/users/me',
    {
      operationId: 'getOwnUser',
      summary: 'Who you are: your role, department, address, zone and language',
      tags,
      result: User,
    },
    async (_input, _request, response) => userJson(await currentUser(context.db, actorOf(response))),
  );

  api.patch(
    '/users/me',
    {
      operationId: 'updateOwnUser',
      summary: 'Change your name, address, time zone or language',
      description: 'Not your role nor your department: an admin changes those. 409 for the bootstrap admin.',
      tags,
      body: OwnChangesBody,
      result: User,
    },
    async ({ body }, _request, response) => userJson(await updateOwnProfile(context.db, actorOf(response), body)),
  );

  api.get(
    '/users/me/preferences',
    {
      operationId: 'getOwnPreferences',
      summary: 'How you receive each kind of notification: at once or in a daily digest',
      tags,
      result: Preferences,
    },
    async (_input, _request, response) => preferencesOf(context.db, actorOf(response)),
  );

  api.put(
    '/users/me/preferences',
    {
      operationId: 'setOwnPreferences',
      summary: 'Choose how you receive some kinds of notification; the others stay as they were',
      description: 'Answers every kind with its mode. 409 for the bootstrap admin, who receives no notifications.',
      tags,
      body: PreferencesBody,
      result: Preferences,
    },
    async ({ body }, _request, response) => setPreferences(context.db, actorOf(response), body),
  );

  api.post(
    '/users',
    {
      operationId: 'createUser',
      summary: 'Add a person, with a first API token shown once',
      description: "Staff need a department; the address must be no other user's (422 naming the field).",
      tags,
      roles: adminOnly,
      body: NewUserBody,
      result: UserWithToken,
      status: 201,
      links: { getUser: { operationId: 'getUser', parameters: { id: '$response.body#/id' } } },
    },
    async ({ body }, _request, response) => {
      const { user, token, tokenExpiresAt } = await createUser(context.db, body, actorOf(response), tokenLife());
      return { ...userJson(user), token, tokenExpiresAt: tokenExpiresAt.toISOString() };
    },
  );

  api.get(
    '/users',
    {
      operationId: 'listUsers',
      summary: 'Everyone, deactivated people included, the earliest added first',
      tags,
      roles: adminOnly,
      result: UserPage,
      links: { getFirstUser: { operationId: 'getUser', parameters: { id: '$response.body#/items/0/id' } } },
    },
    async () => ({ items: (await listUsers(context.db)).map(userJson), nextCursor: null }),
  );

  api.get(
    '/users/:id',
    { operationId: 'getUser', summary: 'A person', tags, roles: adminOnly, result: User },
    async ({ params }) => userJson(await getUser(context.db, params.id)),
  );

  api.patch(
    '/users/:id',
    {
      operationId: 'updateUser',
      summary: "Change a person's profile, role or department",
      description:
        'A lead who leaves their department leaves its lead to nobody. 409 for a deactivated user: create a new one.',
      tags,
      roles: adminOnly,
      body: UserChangesBody,
      result: User,
    },
    async ({ params, body }, _request, response) =>
      userJson(await updateUser(context.db, params.id, body, actorOf(response))),
  );

  api.delete(
    '/users/:id',
    {
      operationId: 'deactivateUser',
      summary: 'Deactivate a person: their tokens stop working; their tasks, comments and history stay',
      description:
        'Answers the user, now inactive. Their open tasks go back to their department and nobody leads a ' +
        'department through them any more. Deactivating a deactivated user changes nothing.',
      tags,
      roles: adminOnly,
      result: User,
    },
    async ({ params }, _request, response) => userJson(await deactivateUser(context.db, params.id, actorOf(response))),
  );

  api.post(
    '/users/:id/token',
    {
      operationId: 'rotateUserToken',
      summary: 'Issue a person a new token; every other token of theirs stops working at once',
      description: 'Their browser sessions end too (a replaced token may have leaked). 409 for a deactivated user.',
      tags: tokenTags,
      roles: adminOnly,
      result: UserWithToken,
    },
    async ({ params }, _request, response) => {
      const { user, token, tokenExpiresAt } = await rotateToken(context.db, params.id, actorOf(response), tokenLife());
      return { ...userJson(user), token, tokenExpiresAt: tokenExpiresAt.toISOString() };
    },
  );

  return api;
}
