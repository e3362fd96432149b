import type { RouteObject } from 'react-router';
import type { NavigationItem } from '../../layout';
import type { Role } from '../../types';

/** Who reaches the process owners' pages: what the API lets validate, plan and deploy definitions. */
export const OWNER_ROLES: readonly Role[] = ['owner', 'admin'];

/** The owners' pages (under RequireRole OWNER_ROLES in routes.tsx), each its own chunk. */
export const ownerRoutes: RouteObject[] = [];

export const ownerNavigation: readonly NavigationItem[] = [];
