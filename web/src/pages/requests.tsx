import { useState } from 'react';
import { Link } from 'react-router';
import { type ApiError, api, withQuery } from '../api';
import { Failure, Loading, StatusBadge, usePageTitle } from '../components/feedback';
import { useI18n } from '../i18n/i18n';
import type { Page, RequestSummary } from '../types';
import { asApiError, useApi } from '../use-api';

const PAGE_SIZE = 50;

/** The user's requests, newest first (GET /requests). */
export function RequestsPage() {
  const { t, dateTime } = useI18n();
  usePageTitle(t('requests.title'));
  const { result, reload } = useApi<Page<RequestSummary>>(withQuery('/requests', { limit: PAGE_SIZE }));
  const [more, setMore] = useState<Page<RequestSummary> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function showMore(cursor: string) {
    try {
      const page = await api<Page<RequestSummary>>('GET', withQuery('/requests', { limit: PAGE_SIZE, cursor }));
      setMore((previous) => ({ items: [...(previous?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (failure) {
      setError(asApiError(failure));
    }
  }

  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') return <Failure error={result.error} onRetry={reload} />;
  const requests = [...result.data.items, ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : result.data.nextCursor;
  return (
    <>
      <h1>{t('requests.title')}</h1>
      {requests.length === 0 ? (
        <p>
          {t('requests.empty')} <Link to="/catalogue">{t('requests.askSomething')}</Link>
        </p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('requests.column.request')}</th>
              <th scope="col">{t('requests.column.status')}</th>
              <th scope="col">{t('requests.column.started')}</th>
              <th scope="col">{t('requests.column.completed')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.id}>
                <td>
                  <Link to={`/requests/${encodeURIComponent(request.id)}`}>{request.subject}</Link>
                  {request.subject === request.title ? null : <span className="muted"> · {request.title}</span>}
                </td>
                <td>
                  <StatusBadge status={request.status} />
                </td>
                <td>{dateTime(request.startedAt)}</td>
                <td>{request.completedAt ? dateTime(request.completedAt) : t('app.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error ? <Failure error={error} /> : null}
      {nextCursor ? (
        <button type="button" className="secondary" onClick={() => void showMore(nextCursor)}>
          {t('app.loadMore')}
        </button>
      ) : null}
    </>
  );
}
