import { serialize } from 'cookie';
import { Router } from 'express';
import { mailSignInLink } from '../../channels/sign-in-mail';
import type { Mailer } from '../../channels/smtp';
import type { EngineContext } from '../../engine/context';
import {
  closeSession,
  createSignInLink,
  openSession,
  SESSION_HOURS,
  SIGN_IN_LINK_MINUTES,
} from '../../engine/sessions';
import { type Authenticator, currentUser } from '../../engine/users';
import { NotFoundError, UnauthenticatedError } from '../../errors';
import { actorOf, refusal, refuseThrottled, SESSION_COOKIE, sessionCookieOf, sessionOf } from '../auth';
import { FailedAuthThrottle } from '../auth-throttle';
import { refuseUnstorableJson } from '../json-body';
import { userJson } from '../presenters';
import { acceptsQuery, bodyValidator } from '../request';

export interface SignInOptions {
  readonly authenticator: Authenticator;
  /** Null: no SMTP server, so no link can be mailed (tokens still sign in). */
  readonly mailer: Mailer | null;
  /** Where people reach Baton: the sign-in link's base. */
  readonly publicUrl: () => string;
  readonly log?: (line: string) => void;
  /** Failed authentications per client address (the API's one, shared with bearer tokens). */
  readonly authThrottle?: FailedAuthThrottle;
}

const parseLinkRequest = bodyValidator({
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: { email: { type: 'string', format: 'email', maxLength: 320 } },
});

const parseSessionRequest = bodyValidator({
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: { type: 'string', minLength: 1, maxLength: 200 } },
});

/** Signing in a browser, before authentication: asking for a link, and trading a link or a token for a session. */
export function signInRoutes(context: EngineContext, options: SignInOptions): Router {
  const router = Router();
  const noQuery = acceptsQuery();
  const throttle = options.authThrottle ?? new FailedAuthThrottle();

  // The same answer whether or not the address is a user's: it tells nobody who has an account.
  router.post('/auth/sign-in-link', noQuery, refuseUnstorableJson, async (request, response) => {
    const { email } = parseLinkRequest(request.body ?? {});
    const link = await createSignInLink(context.db, email);
    if (link) {
      const url = `${options.publicUrl()}/app/sign-in#token=${link.token}`;
      const outcome = await mailSignInLink(options.mailer, link.user, url, SIGN_IN_LINK_MINUTES);
      if (!outcome.sent) options.log?.(`sign-in link for ${link.user.id} not sent: ${outcome.error}`);
    }
    response.status(202).json({ sent: true });
  });

  router.post('/auth/session', noQuery, refuseUnstorableJson, async (request, response) => {
    refuseThrottled(throttle, request);
    const { token } = parseSessionRequest(request.body ?? {});
    const { cookie, session } = await openSession(context.db, options.authenticator, token).catch((error: unknown) => {
      // A guessed token costs a guesser here as it does on any route.
      throw error instanceof UnauthenticatedError ? refusal(throttle, request, error.message) : error;
    });
    response.setHeader(
      'Set-Cookie',
      serialize(SESSION_COOKIE, cookie, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: options.publicUrl().startsWith('https:'),
        maxAge: SESSION_HOURS * 3600,
      }),
    );
    response.json({ user: userJson(await currentUser(context.db, session.actor)), csrfToken: session.csrfToken });
  });

  return router;
}

/** The signed-in browser's own session: read it (the page's start), or sign out. */
export function sessionRoutes(context: EngineContext): Router {
  const router = Router();
  const noQuery = acceptsQuery();

  router.get('/auth/session', noQuery, async (_request, response) => {
    const session = sessionOf(response);
    if (!session) throw new NotFoundError('this request came with a bearer token, not a browser session');
    response.json({ user: userJson(await currentUser(context.db, actorOf(response))), csrfToken: session.csrfToken });
  });

  router.delete('/auth/session', noQuery, async (request, response) => {
    const cookie = sessionCookieOf(request);
    if (cookie !== undefined) await closeSession(context.db, cookie);
    response.setHeader(
      'Set-Cookie',
      serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 }),
    );
    response.status(204).end();
  });

  return router;
}
