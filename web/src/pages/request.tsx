import { useParams } from 'react-router';
import { Comments } from '../components/comments';
import { Failure, Loading, StatusBadge, usePageTitle } from '../components/feedback';
import { type I18n, useI18n } from '../i18n/i18n';
import { useUser } from '../session';
import type { RequestDetails, TimelineEntry } from '../types';
import { useApi } from '../use-api';

/** One request as its requester follows it: where it stands, when it should be done, its story, its comments. */
export function RequestPage() {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const user = useUser();
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
              <time dateTime={entry.at}>{dateTime(entry.at)}</time> {timelineText(i18n, entry, request, user.id)}
            </li>
          ))}
        </ol>
      </section>

      <Comments path={`/requests/${encodeURIComponent(request.id)}/comments`} onAdded={reload} />
    </>
  );
}

/** One entry of the story in the reader's language, from its facts (the API's `text` is English). */
function timelineText(i18n: I18n, entry: TimelineEntry, request: RequestDetails, readerId: string): string {
  const { t, status } = i18n;
  const name = entry.actor?.name ?? '';
  const title = entry.step?.title ?? '';
  switch (entry.event) {
    case 'opened':
      return entry.actor && entry.actor.id !== readerId
        ? t('timeline.asked', { name, subject: request.subject })
        : t('timeline.youAsked', { subject: request.subject });
    case 'waiting-on':
      return t('timeline.waitingOn', { department: entry.department?.name ?? '', title });
    case 'taken':
      return t('timeline.taken', { name, title });
    case 'done':
      return entry.actor ? t('timeline.doneBy', { name, title }) : t('timeline.done', { title });
    case 'comment':
      return t('timeline.comment', { name, body: entry.body ?? '' });
    case 'closed':
      return request.status === 'completed'
        ? t('timeline.resolved')
        : t('timeline.closed', { status: status(request.status) });
    default:
      // An event this page does not know yet: the API's own words.
      return entry.text;
  }
}
