import { serialize } from 'cookie';
import type { RequestHandler } from 'express';
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
import { AUTH_FAILURE_LIMIT, AUTH_FAILURE_WINDOW_MS, FailedAuthThrottle } from '../auth-throttle';
import { ContractRouter } from '../contract/operation';
import { Session, SessionBody, SignInLinkBody, SignInLinkRequested } from '../contract/people-schemas';
import { refuseUnstorableJson } from '../json-body';
import { userJson } from '../presenters';

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

/** A middleware of a sign-in route's that runs for its POST alone (its router sees every request, before authentication). */
function onPost(middleware: RequestHandler): RequestHandler {
  return (request, response, next) => (request.method === 'POST' ? middleware(request, response, next) : next());
}

/** Signing in a browser, before authentication: asking for a link, and trading a link or a token for a session. */
export function signInRoutes(context: EngineContext, options: SignInOptions): ContractRouter {
  const api = new ContractRouter();
  const throttle = options.authThrottle ?? new FailedAuthThrottle();
  const tags = ['sign-in'];

  // Before each operation's own checks of its body: text Postgres cannot store never reaches a
  // lookup (the API's check of every body comes after authentication, below these routes), and a
  // throttled address is answered 429 whatever it sends.
  api.use('/auth/sign-in-link', onPost(refuseUnstorableJson));
  api.use(
    '/auth/session',
    onPost(refuseUnstorableJson),
    onPost((request, _response, next) => {
      refuseThrottled(throttle, request);
      next();
    }),
  );

  api.post(
    '/auth/sign-in-link',
    {
      operationId: 'requestSignInLink',
      summary: 'Mail a person a sign-in link for the web app',
      description:
        `The same answer whether or not the address is a user's: it tells nobody who has an account. ` +
        `The link works once, for ${SIGN_IN_LINK_MINUTES} minutes; none is sent without an SMTP server, nor to an address that asked too often.`,
      tags,
      public: true,
      body: SignInLinkBody,
      result: SignInLinkRequested,
      status: 202,
    },
    async ({ body }) => {
      const link = await createSignInLink(context.db, body.email);
      if (link) {
        const url = `${options.publicUrl()}/app/sign-in#token=${link.token}`;
        const outcome = await mailSignInLink(options.mailer, link.user, url, SIGN_IN_LINK_MINUTES);
        if (!outcome.sent) options.log?.(`sign-in link for ${link.user.id} not sent: ${outcome.error}`);
      }
      return { sent: true } as const;
    },
  );

  api.post(
    '/auth/session',
    {
      operationId: 'openSession',
      summary: "Trade a sign-in link's token or an API token for a browser session (a cookie)",
      description:
        `Sets the \`${SESSION_COOKIE}\` cookie (HttpOnly, SameSite=Strict, ${SESSION_HOURS} hours) and answers the ` +
        'CSRF token every change made with it must carry as `X-CSRF-Token`. A link works once; a session opened ' +
        'with an API token ends when that token is revoked or expires. A wrong token counts against the ' +
        `caller's address: past ${AUTH_FAILURE_LIMIT} failures in ${AUTH_FAILURE_WINDOW_MS / 1000} s it is answered 429, a right token too.`,
      tags,
      public: true,
      body: SessionBody,
      result: Session,
    },
    async ({ body }, request, response) => {
      const { cookie, session } = await openSession(context.db, options.authenticator, body.token).catch(
        (error: unknown) => {
          // A guessed token costs a guesser here as it does on any route.
          throw error instanceof UnauthenticatedError ? refusal(throttle, request, error.message) : error;
        },
      );
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
      return { user: userJson(await currentUser(context.db, session.actor)), csrfToken: session.csrfToken };
    },
  );

  return api;
}

/** The signed-in browser's own session: read it (the page's start), or sign out. */
export function sessionRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['sign-in'];

  api.get(
    '/auth/session',
    {
      operationId: 'getSession',
      summary: "The browser's session: who is signed in, and the CSRF token of their changes",
      description: 'What the web app reads when it starts. 404 for a request made with a bearer token, not a session.',
      tags,
      result: Session,
    },
    async (_input, _request, response) => {
      const session = sessionOf(response);
      if (!session) throw new NotFoundError('this request came with a bearer token, not a browser session');
      return { user: userJson(await currentUser(context.db, actorOf(response))), csrfToken: session.csrfToken };
    },
  );

  api.delete(
    '/auth/session',
    {
      operationId: 'closeSession',
      summary: 'Sign out: the session ends and its cookie is cleared',
      tags,
    },
    async (_input, request, response) => {
      const cookie = sessionCookieOf(request);
      if (cookie !== undefined) await closeSession(context.db, cookie);
      response.setHeader(
        'Set-Cookie',
        serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 }),
      );
    },
  );

  return api;
}
