import { withQuery } from '../api';
import type { User } from '../types';

const PAGE_SIZE = 100;

export type Tab = 'mine' | 'unclaimed';

export interface Filters {
  readonly overdueOnly: boolean;
  /** Searched by the API in every open task's title, not only in the pages shown. */
  readonly query: string;
}

/** What the inbox's address asks for (`?tab=unclaimed&overdue=1&q=...`). */
export function inboxViewOf(params: URLSearchParams): { readonly tab: Tab } & Filters {
  return {
    tab: params.get('tab') === 'unclaimed' ? 'unclaimed' : 'mine',
    overdueOnly: params.get('overdue') === '1',
    query: (params.get('q') ?? '').trim(),
  };
}

/** The open tasks a tab lists: the user's own, or their department's that nobody holds. */
export function tasksPath(tab: Tab, user: User, { overdueOnly, query }: Filters, cursor?: string): string {
  return withQuery('/tasks', {
    status: 'open',
    assignee: tab === 'mine' ? 'me' : 'none',
    // Staff read their own department by default; managers and owners see every department's queue.
    department: tab === 'unclaimed' ? user.department : undefined,
    overdue: overdueOnly ? true : undefined,
    q: query || undefined,
    limit: PAGE_SIZE,
    cursor,
  });
}
