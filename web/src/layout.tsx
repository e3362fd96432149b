import { useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Failure, Loading } from './components/feedback';
import type { MessageKey } from './i18n/en';
import { useI18n } from './i18n/i18n';
import { managerNavigation } from './pages/manager/area';
import { ownerNavigation } from './pages/owner/area';
import { STAFF_ROLES, useSession, useUser } from './session';
import type { Locale, Role } from './types';
import { asApiError } from './use-api';

export interface NavigationItem {
  readonly to: string;
  readonly label: MessageKey;
  readonly roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['requester', ...STAFF_ROLES];

/** The pages each role reaches from the menu; managers' and owners' come from their folders' area.ts. */
export const NAVIGATION: readonly NavigationItem[] = [
  { to: '/inbox', label: 'nav.inbox', roles: STAFF_ROLES },
  ...managerNavigation,
  ...ownerNavigation,
  { to: '/catalogue', label: 'nav.catalogue', roles: EVERYONE },
  { to: '/requests', label: 'nav.requests', roles: EVERYONE },
];

/** The first page of a role: managers start from their dashboard, process owners from their processes, staff from their inbox, requesters from the catalogue. */
export function homeOf(role: Role): string {
  if (role === 'manager') return '/dashboard';
  return role === 'owner' ? '/definitions' : STAFF_ROLES.includes(role) ? '/inbox' : '/catalogue';
}

/** Pages that need a session: to the sign-in page (and back here after it) without one. */
export function RequireSession() {
  const { session, reload } = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'unavailable') {
    return (
      <main id="main" className="page">
        <Failure error={asApiError(new Error(session.detail))} onRetry={reload} />
      </main>
    );
  }
  if (session.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Layout />;
}

/** Pages for the roles that work department queues. */
export function RequireRole({ roles }: { readonly roles: readonly Role[] }) {
  const user = useUser();
  const { t } = useI18n();
  if (roles.includes(user.role)) return <Outlet />;
  return (
    <>
      <h1 tabIndex={-1}>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
    </>
  );
}

function Layout() {
  const user = useUser();
  const { t, locale } = useI18n();
  const { signOut, setLocale } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // A new page moves the focus to its content, as a page load would, for keyboards and screen readers.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation, which the pathname identifies
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <NavLink to={homeOf(user.role)} className="brand">
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('app.mainNavigation')}>
          <ul>
            {NAVIGATION.filter((item) => item.roles.includes(user.role)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <span className="muted">{t('app.signedInAs', { name: user.name })}</span>
          <label className="language">
            <span className="visually-hidden">{t('app.language')}</span>
            <select value={locale} onChange={(event) => void setLocale(event.target.value as Locale)}>
              <option value="en" lang="en">
                English
              </option>
              <option value="fr" lang="fr">
                Français
              </option>
            </select>
          </label>
          <button
            type="button"
            className="secondary"
            onClick={() => void signOut().then(() => navigate('/sign-in', { replace: true }))}
          >
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="page">
        <Outlet />
      </main>
    </>
  );
}
