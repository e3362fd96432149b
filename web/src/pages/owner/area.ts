import type { RouteObject } from 'react-router';
import type { NavigationItem } from '../../layout';
import type { Role } from '../../types';

/** Who reaches the process owners' pages: what the API lets validate, plan and deploy definitions. */
export const OWNER_ROLES: readonly Role[] = ['owner', 'admin'];

/**
 * The owners' pages (under RequireRole OWNER_ROLES in routes.tsx), each its own chunk: the
 * editor (CodeMirror) comes only with the pages that show YAML.
 */
export const ownerRoutes: RouteObject[] = [
  { path: 'definitions', lazy: async () => ({ Component: (await import('./definitions')).DefinitionsPage }) },
  { path: 'definitions/new', lazy: async () => ({ Component: (await import('./editor')).EditorPage }) },
  { path: 'definitions/:key', lazy: async () => ({ Component: (await import('./definition')).DefinitionPage }) },
  { path: 'definitions/:key/edit', lazy: async () => ({ Component: (await import('./editor')).EditorPage }) },
];

export const ownerNavigation: readonly NavigationItem[] = [
  { to: '/definitions', label: 'owner.nav.definitions', roles: OWNER_ROLES },
];
