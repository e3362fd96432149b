import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../engine/context';
import type { Authenticator } from '../engine/users';
import { ForbiddenError, UnauthenticatedError } from '../errors';

/** Resolves `Authorization: Bearer <token>` to the acting user, or answers 401. */
export function bearerAuth(authenticator: Authenticator): RequestHandler {
  return async (request: Request, response: Response, next: NextFunction) => {
    const match = /^Bearer (\S+)$/.exec(request.header('authorization') ?? '');
    if (!match?.[1]) {
      throw new UnauthenticatedError('send `Authorization: Bearer <token>`; an admin creates tokens with POST /users');
    }
    const actor = await authenticator.authenticate(match[1]);
    if (!actor) {
      throw new UnauthenticatedError(
        'this token is unknown, replaced or its user deactivated; ask an admin for a new one (POST /users/:id/token)',
      );
    }
    response.locals.actor = actor;
    next();
  };
}

export function actorOf(response: Response): Actor {
  return response.locals.actor as Actor;
}

export function requireRole(...roles: Actor['role'][]): RequestHandler {
  return (_request, response, next) => {
    const actor = actorOf(response);
    if (actor.role !== 'admin' && !roles.includes(actor.role)) {
      throw new ForbiddenError(`this needs the role ${[...roles, 'admin'].join(' or ')}; you are ${actor.role}`);
    }
    next();
  };
}
