import { useParams } from 'react-router';
import { Comments } from '../components/comments';
import { Failure, Loading, StatusBadge, usePageTitle } from '../components/feedback';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import type { RequestDetails } from '../types';
import { useApi } from '../use-api';

/** One request as its requester follows it: where it stands, when it should be done, its story, its comments. */
export function RequestPage() {
  const { t, dateTime } = useI18n();
  const { id = '' } = useParams();
  const { result, reload } = useApi<RequestDetails>(`/requests/${encodeURIComponent(id)}`);
  usePageTitle(result.state === 'ready' ? result.data.subject : t('requests.title'));

  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') {
    if (result.error.status === 404) {
      return (
        <>
          <h1>{t('requests.title')}</h1>
          <p role="alert">{t('request.notFound')}</p>
        </>
      );
    }
    return <Failure error={result.error} onRetry={reload} />;
  }
  const request = result.data;
  return (
    <>
      <h1>{request.subject}</h1>
      <dl className="facts">
        {request.subject === request.title ? null : (
          <div>
            <dt>{t('request.process')}</dt>
            <dd>{request.title}</dd>
          </div>
        )}
        <div>
          <dt>{t('request.status')}</dt>
          <dd>
            <StatusBadge status={request.status} />
          </dd>
        </div>
        {request.status === 'running' ? (
          <div>
            <dt>{t('request.expectedAt')}</dt>
            <dd data-testid="expected-at">
              {request.expectedAt ? (
                <time dateTime={request.expectedAt}>{dateTime(request.expectedAt)}</time>
              ) : (
                t('request.expectedUnknown')
              )}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('request.askedOn')}</dt>
          <dd>
            <time dateTime={request.startedAt}>{dateTime(request.startedAt)}</time>
          </dd>
        </div>
        {request.completedAt ? (
          <div>
            <dt>{t('request.closedOn')}</dt>
            <dd>
              <time dateTime={request.completedAt}>{dateTime(request.completedAt)}</time>
            </dd>
          </div>
        ) : null}
      </dl>

      {request.status === 'running' ? (
        <section aria-labelledby="waiting-on">
          <h2 id="waiting-on">{t('request.waitingOn')}</h2>
          {request.waitingOn.length === 0 ? (
            <p>{t('request.waitingOnNothing')}</p>
          ) : (
            <ul>
              {request.waitingOn.map((step) => (
                <li key={`${step.department} ${step.title}`}>
                  {t('request.waitingOnItem', {
                    department: step.department,
                    title: step.title,
                    due: step.dueAt ? dateTime(step.dueAt) : t('app.none'),
                  })}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t('request.timeline')}</h2>
        <ol className="timeline">
          {request.timeline.map((entry) => (
            <li key={`${entry.at} ${entry.event} ${entry.text}`} className={`timeline-${entry.event}`}>
              <time dateTime={entry.at}>{dateTime(entry.at)}</time> <strong>{eventLabel(t, entry.event)}</strong>{' '}
              {entry.text}
            </li>
          ))}
        </ol>
      </section>

      <Comments path={`/requests/${encodeURIComponent(request.id)}/comments`} onAdded={reload} />
    </>
  );
}

function eventLabel(t: (key: MessageKey) => string, event: string): string {
  const known = ['opened', 'waiting-on', 'taken', 'done', 'comment', 'closed'];
  return known.includes(event) ? t(`event.${event}` as MessageKey) : event;
}
