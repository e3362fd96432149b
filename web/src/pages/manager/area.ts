import type { RouteObject } from 'react-router';
import type { NavigationItem } from '../../layout';
import type { Role } from '../../types';

/** Who reaches the managers' pages: what the API lets read reports and act on instances. */
export const MANAGER_ROLES: readonly Role[] = ['manager', 'admin'];

/** The managers' pages (under RequireRole MANAGER_ROLES in routes.tsx), each its own chunk. */
export const managerRoutes: RouteObject[] = [];

export const managerNavigation: readonly NavigationItem[] = [];
