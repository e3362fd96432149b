import './manager.css';
import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ApiError, api, withQuery } from '../../api';
import { Failure, Loading, StatusBadge, usePageTitle } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import type { DefinitionSummary, Page } from '../../types';
import { asApiError, useApi } from '../../use-api';
import { INSTANCE_STATUSES, type InstanceSummary } from './types';

const PAGE_SIZE = 50;

function instancesPath(key: string, status: string, cursor?: string): string {
  return withQuery('/instances', { key, status, limit: PAGE_SIZE, cursor });
}

/** Every instance, newest first, by process and status, a page at a time. */
export function InstancesPage() {
  const { t, dateTime, status: statusName } = useI18n();
  usePageTitle(t('instances.title'));
  const [params, setParams] = useSearchParams();
  const key = params.get('key') ?? '';
  const status = params.get('status') ?? '';
  const { result, reload } = useApi<Page<InstanceSummary>>(instancesPath(key, status));
  const definitions = useApi<Page<DefinitionSummary>>('/definitions');
  const [more, setMore] = useState<Page<InstanceSummary> | null>(null);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const keyId = useId();
  const statusId = useId();

  const firstPage = result.state === 'ready' ? result.data : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new first page drops the pages read after the previous one
  useEffect(() => setMore(null), [firstPage]);

  const titles = new Map(
    definitions.result.state === 'ready' ? definitions.result.data.items.map((item) => [item.key, item.title]) : [],
  );
  const titleOf = (processKey: string) => titles.get(processKey) ?? processKey;

  function update(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  async function showMore(cursor: string) {
    setMoreError(null);
    try {
      const page = await api<Page<InstanceSummary>>('GET', instancesPath(key, status, cursor));
      setMore((previous) => ({ items: [...(previous?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (failure) {
      setMoreError(asApiError(failure));
    }
  }

  const instances = firstPage ? [...firstPage.items, ...(more?.items ?? [])] : [];
  const nextCursor = more ? more.nextCursor : (firstPage?.nextCursor ?? null);

  return (
    <>
      <h1>{t('instances.title')}</h1>
      <search className="filters" aria-label={t('instances.filters')}>
        <span>
          <label htmlFor={keyId}>{t('instances.process')}</label>
          <select id={keyId} value={key} onChange={(event) => update('key', event.target.value)}>
            <option value="">{t('instances.anyProcess')}</option>
            {definitions.result.state === 'ready'
              ? definitions.result.data.items.map((item) => (
                  <option key={item.key} value={item.key}>
                    {item.title}
                  </option>
                ))
              : null}
          </select>
        </span>
        <span>
          <label htmlFor={statusId}>{t('instances.status')}</label>
          <select id={statusId} value={status} onChange={(event) => update('status', event.target.value)}>
            <option value="">{t('instances.anyStatus')}</option>
            {INSTANCE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusName(value)}
              </option>
            ))}
          </select>
        </span>
      </search>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' && instances.length === 0 ? <p>{t('instances.empty')}</p> : null}
      {instances.length > 0 ? (
        <div className="table-scroll">
          <table className="list">
            <caption className="visually-hidden">{t('instances.caption', { count: instances.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('instances.column.process')}</th>
                <th scope="col">{t('instances.column.status')}</th>
                <th scope="col">{t('instances.column.started')}</th>
                <th scope="col">{t('instances.column.completed')}</th>
                <th scope="col">{t('instances.column.reference')}</th>
              </tr>
            </thead>
            <tbody>
              {instances.map((instance) => (
                <tr key={instance.id}>
                  <td>
                    <Link to={`/instances/${encodeURIComponent(instance.id)}`}>
                      {t('instances.linkName', { title: titleOf(instance.key), date: dateTime(instance.startedAt) })}
                    </Link>
                    {instance.parentInstanceId ? (
                      <span className="muted small"> · {t('instances.subProcess')}</span>
                    ) : null}
                  </td>
                  <td>
                    <StatusBadge status={instance.status} />
                  </td>
                  <td>
                    <time dateTime={instance.startedAt}>{dateTime(instance.startedAt)}</time>
                  </td>
                  <td>
                    {instance.completedAt ? (
                      <time dateTime={instance.completedAt}>{dateTime(instance.completedAt)}</time>
                    ) : (
                      t('app.none')
                    )}
                  </td>
                  <td>
                    <code>{instance.id.slice(0, 8)}</code> · v{instance.version}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
