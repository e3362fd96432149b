import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from '../engine/context';
import { findSession, matchesCsrfToken, type Session } from '../engine/sessions';
import type { Authenticator } from '../engine/users';
import { CsrfError, ForbiddenError, UnauthenticatedError } from '../errors';

/** The browser session's cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'baton_session';

/** Reads that change nothing: they need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is acting: `Authorization: Bearer <token>` (scripts; the scheme in any case), or the
 * session cookie of a browser signed in through `/auth/session`, whose writes must repeat the
 * session's token in `X-CSRF-Token` (another site's form or script cannot read it); 401 otherwise.
 */
export function authentication(db: DataSource, authenticator: Authenticator): RequestHandler {
  return async (request: Request, response: Response, next: NextFunction) => {
    const header = request.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer +(\S+)$/i.exec(header);
      if (!match?.[1]) throw new UnauthenticatedError('send `Authorization: Bearer <token>`');
      const actor = await authenticator.authenticate(match[1]);
      if (!actor) {
        throw new UnauthenticatedError(
          'this token is unknown, replaced or its user deactivated; ask an admin for a new one (POST /users/:id/token)',
        );
      }
      response.locals.actor = actor;
      next();
      return;
    }
    const cookie = sessionCookieOf(request);
    if (cookie === undefined) {
      throw new UnauthenticatedError(
        'send `Authorization: Bearer <token>` (an admin creates tokens with POST /users), or sign in at /app',
      );
    }
    const session = await findSession(db, cookie);
    if (!session) throw new UnauthenticatedError('your session has ended; sign in again at /app');
    if (!SAFE_METHODS.has(request.method) && !matchesCsrfToken(session, request.header('x-csrf-token'))) {
      throw new CsrfError('a change made with the session cookie must send the X-CSRF-Token of GET /auth/session');
    }
    response.locals.actor = session.actor;
    response.locals.session = session;
    next();
  };
}

export function sessionCookieOf(request: Request): string | undefined {
  return parseCookies(request.header('cookie') ?? '')[SESSION_COOKIE];
}

export function actorOf(response: Response): Actor {
  return response.locals.actor as Actor;
}

/** The browser session the request came with; undefined for a bearer token. */
export function sessionOf(response: Response): Session | undefined {
  return response.locals.session as Session | undefined;
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
