import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { Loading } from './components/feedback';
import { homeOf, RequireRole, RequireSession } from './layout';
import { inboxViewOf, tasksPath } from './pages/inbox-query';
import { MANAGER_ROLES, managerRoutes } from './pages/manager/area';
import { NotFound } from './pages/not-found';
import { OWNER_ROLES, ownerRoutes } from './pages/owner/area';
import { prefetch } from './prefetch';
import { initialUser, SessionProvider, STAFF_ROLES, useUser } from './session';

/**
 * The app's pages, under /app (the API serves index.html for any /app path without an
 * extension). Each page is its own chunk, loaded when first visited: the form renderer (rjsf)
 * only comes with the pages that show a form. Managers' and owners' pages are listed in their
 * own folders (pages/manager/area.ts, pages/owner/area.ts).
 */
export const router = createBrowserRouter(
  [
    {
      element: (
        <SessionProvider>
          <Outlet />
        </SessionProvider>
      ),
      hydrateFallbackElement: <Loading />,
      children: [
        { path: 'sign-in', lazy: async () => ({ Component: (await import('./pages/sign-in')).SignInPage }) },
        {
          element: <RequireSession />,
          children: [
            { index: true, Component: Home },
            { path: 'catalogue', lazy: async () => ({ Component: (await import('./pages/catalogue')).CataloguePage }) },
            {
              path: 'catalogue/:key',
              lazy: async () => ({ Component: (await import('./pages/request-form')).RequestFormPage }),
            },
            { path: 'requests', lazy: async () => ({ Component: (await import('./pages/requests')).RequestsPage }) },
            { path: 'requests/:id', lazy: async () => ({ Component: (await import('./pages/request')).RequestPage }) },
            {
              element: <RequireRole roles={STAFF_ROLES} />,
              children: [
                {
                  path: 'inbox',
                  lazy: async () => {
                    // The first page of tasks is asked for as the route matches, while the page's code loads.
                    prefetchInbox();
                    return { Component: (await import('./pages/inbox')).InboxPage };
                  },
                },
                { path: 'tasks/:id', lazy: async () => ({ Component: (await import('./pages/task')).TaskPage }) },
              ],
            },
            { element: <RequireRole roles={MANAGER_ROLES} />, children: managerRoutes },
            { element: <RequireRole roles={OWNER_ROLES} />, children: ownerRoutes },
            { path: '*', Component: NotFound },
          ],
        },
      ],
    },
  ],
  { basename: '/app' },
);

function Home() {
  const user = useUser();
  return <Navigate to={homeOf(user.role)} replace />;
}

/** Starts reading the inbox's first page as soon as the signed-in user is known; never holds the page back. */
function prefetchInbox(): void {
  const { tab, ...filters } = inboxViewOf(new URLSearchParams(window.location.search));
  void initialUser().then((user) => {
    if (user && STAFF_ROLES.includes(user.role)) prefetch(tasksPath(tab, user, filters));
  });
}
