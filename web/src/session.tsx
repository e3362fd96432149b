import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, setCsrfToken, whenSignedOut } from './api';
import { browserLocale, I18nProvider } from './i18n/i18n';
import type { Locale, User } from './types';

export type Session =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'unavailable'; readonly detail: string }
  | { readonly status: 'signed-in'; readonly user: User };

export interface SessionApi {
  readonly session: Session;
  /** Exchanges a sign-in link's token, or an API token, for the session cookie. */
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads the session again (after the API was unreachable). */
  reload(): void;
  /** Changes the signed-in user's language, in their profile when they have one. */
  setLocale(locale: Locale): Promise<void>;
}

interface SessionAnswer {
  readonly user: User;
  readonly csrfToken: string;
}

const SessionContext = createContext<SessionApi | null>(null);

const readSession = () => api<SessionAnswer>('GET', '/auth/session', { unauthenticatedIsAnswer: true });

/**
 * The first read of the session, sent as soon as the app's script runs (index.html preloads it
 * even before): every page waits for it, so it travels while React starts and the page's code loads.
 */
const initialRead = readSession();
// Read once the provider mounts, possibly after the answer (a 401 before signing in): not an unhandled rejection.
initialRead.catch(() => undefined);
let initialReadTaken = false;

/** Who was signed in when the app loaded (null: nobody), for a route's loader to prefetch their data. */
export function initialUser(): Promise<User | null> {
  return initialRead.then(
    (answer) => answer.user,
    () => null,
  );
}

/** Who is signed in (the `baton_session` cookie), in their language and time zone. */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Bumped by each sign-in and sign-out: a session read started before one of them is out of date.
  const generation = useRef(0);

  // The user's profile comes with the session: the zone and language dates and messages are shown in.
  const enter = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setSession({ status: 'signed-in', user: answer.user });
  }, []);

  const leave = useCallback(() => {
    setCsrfToken(null);
    setSession({ status: 'signed-out' });
  }, []);

  useEffect(() => {
    whenSignedOut(leave);
    return () => whenSignedOut(null);
  }, [leave]);

  useEffect(() => {
    void attempt;
    const started = generation.current;
    const isCurrent = () => generation.current === started;
    let current = true;
    const read = initialReadTaken ? readSession() : initialRead;
    initialReadTaken = true;
    read
      .then((answer) => (current && isCurrent() ? enter(answer) : undefined))
      .catch((error: unknown) => {
        if (!current || !isCurrent()) return;
        if (error instanceof ApiError && error.status === 401) leave();
        else setSession({ status: 'unavailable', detail: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      current = false;
    };
  }, [attempt, enter, leave]);

  const value = useMemo<SessionApi>(
    () => ({
      session,
      signIn: async (token) => {
        generation.current += 1;
        enter(await api<SessionAnswer>('POST', '/auth/session', { body: { token }, unauthenticatedIsAnswer: true }));
      },
      signOut: async () => {
        generation.current += 1;
        try {
          await api('DELETE', '/auth/session', { unauthenticatedIsAnswer: true });
        } finally {
          leave();
        }
      },
      reload: () => setAttempt((count) => count + 1),
      setLocale: async (locale) => {
        if (session.status !== 'signed-in') return;
        const user = session.user;
        setSession({ status: 'signed-in', user: { ...user, locale } });
        try {
          setSession({ status: 'signed-in', user: await api<User>('PATCH', '/users/me', { body: { locale } }) });
        } catch (error) {
          // The bootstrap admin has no profile to keep it in (409): the choice lasts this visit.
          if (!(error instanceof ApiError && error.status === 409)) throw error;
        }
      },
    }),
    [session, enter, leave],
  );

  const user = session.status === 'signed-in' ? session.user : null;
  return (
    <SessionContext.Provider value={value}>
      <I18nProvider
        locale={user?.locale ?? browserLocale()}
        timeZone={user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
      >
        {children}
      </I18nProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only inside the pages that require a session. */
export function useUser(): User {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser outside a signed-in page');
  return session.user;
}

/** Roles that work department queues (GET /tasks); requesters only ask and follow. */
export const STAFF_ROLES: readonly User['role'][] = ['staff', 'manager', 'owner', 'admin'];

export function worksTasks(user: User): boolean {
  return STAFF_ROLES.includes(user.role);
}
