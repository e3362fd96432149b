import { useEffect } from 'react';
import type { ApiError } from '../api';
import { useI18n } from '../i18n/i18n';

/** The document's title: the page's, then the app's name. */
export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** What the API refused or why it could not be reached, in its own words, with a way to try again. */
export function Failure({ error, onRetry }: { readonly error: ApiError; readonly onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p>{t('app.error', { detail: error.detail })}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function StatusBadge({ status }: { readonly status: string }) {
  const i18n = useI18n();
  return <span className={`badge badge-${status}`}>{i18n.status(status)}</span>;
}
