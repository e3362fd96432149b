import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ApiError, api } from '../api';
import { Failure, Loading, usePageTitle } from '../components/feedback';
import { useI18n } from '../i18n/i18n';
import { useTaskEvents } from '../live';
import { useUser } from '../session';
import type { Page, Task, TaskEvent, User } from '../types';
import { asApiError, useApi } from '../use-api';
import { inboxViewOf, type Tab, tasksPath } from './inbox-query';

/** Typing pauses this long before the search is sent (`GET /tasks?q=`). */
const SEARCH_DELAY_MS = 250;

function isLate(task: Task, now: number): boolean {
  return task.overdue || Date.parse(task.dueAt) < now;
}

/** Overdue first, then the soonest due. */
function byUrgency(now: number) {
  return (a: Task, b: Task) =>
    Number(isLate(b, now)) - Number(isLate(a, now)) || Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

/** Whether an event may change what a tab lists. */
function concerns(event: TaskEvent, tab: Tab, user: User): boolean {
  if (tab === 'mine') return true; // a task leaving the user's hands is an event about it too
  return user.department === null || event.department === user.department;
}

/** The staff's inbox: their tasks and their department's unclaimed ones, kept up to date live. */
export function InboxPage() {
  const user = useUser();
  const { t, dateTime } = useI18n();
  usePageTitle(t('inbox.title'));
  const [params, setParams] = useSearchParams();
  const asked = inboxViewOf(params);
  const { tab } = asked;
  // The filters' inputs answer at once; the address follows (a router navigation, which may lag behind).
  const [overdueOnly, setOverdueOnly] = useState(asked.overdueOnly);
  const [searchText, setSearchText] = useState(asked.query);
  const query = useSettled(searchText.trim(), SEARCH_DELAY_MS);
  const filters = useMemo(() => ({ overdueOnly, query }), [overdueOnly, query]);
  const { result, reload } = useApi<Page<Task>>(tasksPath(tab, user, filters));
  const [more, setMore] = useState<Page<Task> | null>(null);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const searchId = useId();
  const overdueId = useId();

  // A new first page replaces the pages shown after it.
  const firstPage = result.state === 'ready' ? result.data : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new first page drops the pages read after the previous one
  useEffect(() => setMore(null), [firstPage]);

  const onTask = useCallback(
    (event: TaskEvent) => {
      if (!concerns(event, tab, user)) return;
      reload();
      setAnnouncement(t('inbox.updated'));
    },
    [tab, user, reload, t],
  );
  const live = useTaskEvents({ onTask, onResync: reload });

  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(''), 5_000);
    return () => clearTimeout(timer);
  }, [announcement]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the address follows the filters, not the other way round
  useEffect(() => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries({ overdue: overdueOnly ? '1' : '', q: query })) {
      if (value === '') next.delete(name);
      else next.set(name, value);
    }
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [overdueOnly, query]);

  async function showMore(cursor: string) {
    try {
      const page = await api<Page<Task>>('GET', tasksPath(tab, user, filters, cursor));
      setMore((previous) => ({ items: [...(previous?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (failure) {
      setMoreError(asApiError(failure));
    }
  }

  const tasks = useMemo(() => {
    const all = firstPage ? [...firstPage.items, ...(more?.items ?? [])] : [];
    return all.sort(byUrgency(Date.now()));
  }, [firstPage, more]);
  const total = firstPage ? firstPage.items.length + (more?.items.length ?? 0) : 0;
  const nextCursor = more ? more.nextCursor : (firstPage?.nextCursor ?? null);
  const tabLink = (target: Tab) => {
    const next = new URLSearchParams(params);
    next.set('tab', target);
    return `?${next.toString()}`;
  };
  const now = Date.now();

  return (
    <>
      <div className="page-heading">
        <h1>{t('inbox.title')}</h1>
        <p className={`live live-${live}`} role="status">
          {live === 'offline' ? t('inbox.offline') : live === 'live' ? t('inbox.live') : ''}
        </p>
      </div>
      <nav aria-label={t('inbox.tabs')} className="tabs">
        <Link to={tabLink('mine')} aria-current={tab === 'mine' ? 'page' : undefined} replace>
          {t('inbox.tab.mine')}
        </Link>
        <Link to={tabLink('unclaimed')} aria-current={tab === 'unclaimed' ? 'page' : undefined} replace>
          {user.department ? t('inbox.tab.unclaimed', { department: user.department }) : t('inbox.tab.unclaimedAll')}
        </Link>
      </nav>
      <search className="filters" aria-label={t('inbox.filters')}>
        <span className="check">
          <input
            id={overdueId}
            type="checkbox"
            checked={overdueOnly}
            onChange={(event) => setOverdueOnly(event.target.checked)}
          />
          <label htmlFor={overdueId}>{t('inbox.overdueOnly')}</label>
        </span>
        <span>
          <label htmlFor={searchId}>{t('inbox.search')}</label>
          <input
            id={searchId}
            type="search"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
          />
        </span>
      </search>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' && total === 0 ? (
        <p>
          {query ? t('inbox.noMatch', { query }) : tab === 'mine' ? t('inbox.empty.mine') : t('inbox.empty.unclaimed')}
        </p>
      ) : null}
      {tasks.length > 0 ? (
        <table className="list inbox">
          <caption className="visually-hidden">{t('inbox.count', { count: tasks.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.column.task')}</th>
              <th scope="col">{t('inbox.column.department')}</th>
              <th scope="col">{t('inbox.column.due')}</th>
              <th scope="col">{t('inbox.column.holder')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id} className={isLate(task, now) ? 'late' : undefined}>
                <td>
                  <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>
                </td>
                <td>{task.department}</td>
                <td>
                  <time dateTime={task.dueAt}>{dateTime(task.dueAt)}</time>
                  {isLate(task, now) ? <span className="badge badge-late">{t('task.overdue')}</span> : null}
                </td>
                <td>{task.assignee ? (task.assignee.name ?? task.assignee.id) : t('app.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {moreError ? <Failure error={moreError} /> : null}
      {nextCursor ? (
        <button type="button" className="secondary" onClick={() => void showMore(nextCursor)}>
          {t('app.loadMore')}
        </button>
      ) : null}
    </>
  );
}

/** `value` once it has stayed the same for `delayMs`. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
