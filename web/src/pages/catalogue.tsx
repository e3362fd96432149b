import { useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Failure, Loading, usePageTitle } from '../components/feedback';
import { useI18n } from '../i18n/i18n';
import { matches } from '../search';
import type { CatalogueItem, Page } from '../types';
import { useApi } from '../use-api';

/** What the user may ask for (GET /catalogue), by category, with a search box. */
export function CataloguePage() {
  const { t } = useI18n();
  usePageTitle(t('catalogue.title'));
  const { result, reload } = useApi<Page<CatalogueItem>>('/catalogue');
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const searchId = useId();

  const groups = useMemo(() => {
    if (result.state !== 'ready') return [];
    const byCategory = new Map<string, CatalogueItem[]>();
    for (const item of result.data.items) {
      if (!matches(query, item.title, item.summary, item.description, item.category)) continue;
      const category = item.category ?? t('catalogue.otherCategory');
      byCategory.set(category, [...(byCategory.get(category) ?? []), item]);
    }
    return [...byCategory.entries()];
  }, [result, query, t]);

  return (
    <>
      <h1>{t('catalogue.title')}</h1>
      <search className="search-box">
        <label htmlFor={searchId}>{t('catalogue.search')}</label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(event) => setParams(event.target.value ? { q: event.target.value } : {}, { replace: true })}
        />
      </search>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' && result.data.items.length === 0 ? <p>{t('catalogue.empty')}</p> : null}
      {result.state === 'ready' && result.data.items.length > 0 && groups.length === 0 ? (
        <p role="status">{t('catalogue.noMatch', { query })}</p>
      ) : null}
      {groups.map(([category, items]) => (
        <section key={category} className="catalogue-category" aria-label={category}>
          <h2>{category}</h2>
          <ul className="cards">
            {items.map((item) => (
              <li key={item.key} className="card catalogue-item">
                <h3>
                  <Link to={`/catalogue/${encodeURIComponent(item.key)}`}>{item.title}</Link>
                </h3>
                {item.summary ? <p>{item.summary}</p> : null}
                {item.email ? <p className="muted">{t('catalogue.byMail', { email: item.email })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
