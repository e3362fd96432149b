import type { RouteObject } from 'react-router';
import type { NavigationItem } from '../../layout';
import type { Role } from '../../types';

/** Who reaches the managers' pages: what the API lets read reports and act on instances. */
export const MANAGER_ROLES: readonly Role[] = ['manager', 'admin'];

/** The managers' pages (under RequireRole MANAGER_ROLES in routes.tsx), each its own chunk. */
export const managerRoutes: RouteObject[] = [
  { path: 'dashboard', lazy: async () => ({ Component: (await import('./dashboard')).DashboardPage }) },
  { path: 'instances', lazy: async () => ({ Component: (await import('./instances')).InstancesPage }) },
  { path: 'instances/:id', lazy: async () => ({ Component: (await import('./instance')).InstancePage }) },
  { path: 'reports', lazy: async () => ({ Component: (await import('./reports')).ReportsPage }) },
];

export const managerNavigation: readonly NavigationItem[] = [
  { to: '/dashboard', label: 'nav.dashboard', roles: MANAGER_ROLES },
  { to: '/instances', label: 'nav.instances', roles: MANAGER_ROLES },
  { to: '/reports', label: 'nav.reports', roles: MANAGER_ROLES },
];
