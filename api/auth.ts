import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from '../engine/context';
import { expiredTokenMessage, findSession, matchesCsrfToken, type Session } from '../engine/sessions';
import type { Authenticator, TokenCheck } from '../engine/users';
import { CsrfError, ForbiddenError, TooManyRequestsError, UnauthenticatedError } from '../errors';
import { FailedAuthThrottle } from './auth-throttle';

/** The browser session's cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'baton_session';

/** Reads that change nothing: they need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is acting: `Authorization: Bearer <token>` (scripts; the scheme in any case), or the
 * session cookie of a browser signed in through `/auth/session`, whose writes must repeat the
 * session's token in `X-CSRF-Token` (another site's form or script cannot read it); 401 otherwise.
 * A client address that keeps sending tokens that do not work is answered 429 for a while,
 * whatever it sends then.
 */
export function authentication(
  db: DataSource,
  authenticator: Authenticator,
  throttle: FailedAuthThrottle = new FailedAuthThrottle(),
): RequestHandler {
  return async (request: Request, response: Response, next: NextFunction) => {
    refuseThrottled(throttle, request);
    const header = request.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer +(\S+)$/i.exec(header);
      if (!match?.[1]) throw refusal(throttle, request, 'send `Authorization: Bearer <token>`');
      const check = await authenticator.check(match[1]);
      if (check.status !== 'valid') throw refusal(throttle, request, refusedTokenMessage(check));
      response.locals.actor = check.actor;
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

/** Why a token does not work, and what its holder can do. */
export function refusedTokenMessage(check: Exclude<TokenCheck, { status: 'valid' }>): string {
  switch (check.status) {
    case 'expired':
      return expiredTokenMessage(check.expiredAt);
    case 'revoked':
      return `this token was revoked on ${check.revokedAt.toISOString()}; use another of your tokens, or ask an admin for one (POST /users/:id/token)`;
    case 'unknown':
      return 'this token is unknown, replaced or its user deactivated; ask an admin for a new one (POST /users/:id/token)';
  }
}

/**
 * A failed authentication: 401 with why, or 429 once its address has failed too often in the
 * window (nothing said about the token then: it is no oracle).
 */
export function refusal(throttle: FailedAuthThrottle, request: Request, why: string): Error {
  const wait = throttle.fail(clientAddress(request));
  return wait === null ? new UnauthenticatedError(why) : tooManyFailures(wait);
}

/**
 * 429 for an address that has failed too often in the window, before its credentials are looked
 * up: a right guess answered otherwise would tell the guesser it was right.
 */
export function refuseThrottled(throttle: FailedAuthThrottle, request: Request): void {
  const wait = throttle.retryAfter(clientAddress(request));
  if (wait !== null) throw tooManyFailures(wait);
}

function tooManyFailures(wait: number): TooManyRequestsError {
  return new TooManyRequestsError(
    `too many failed authentications from your address; try again in ${wait} s with a working token`,
    wait,
  );
}

function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
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
