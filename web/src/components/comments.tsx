import { type FormEvent, useId, useState } from 'react';
import { type ApiError, api, withQuery } from '../api';
import { useI18n } from '../i18n/i18n';
import type { Comment, Page } from '../types';
import { asApiError, useApi } from '../use-api';
import { Failure, Loading } from './feedback';

const PAGE_SIZE = 100;

/** The comments of a request or a task (`path`: `/requests/:id/comments`, `/tasks/:id/comments`), and a form to add one. */
export function Comments({ path, onAdded }: { readonly path: string; readonly onAdded?: () => void }) {
  const { t, dateTime } = useI18n();
  const { result, reload } = useApi<Page<Comment>>(withQuery(path, { limit: PAGE_SIZE }));
  const [more, setMore] = useState<{ items: Comment[]; nextCursor: string | null } | null>(null);
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const headingId = useId();
  const fieldId = useId();
  const errorId = useId();

  async function add(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await api<Comment>('POST', path, { body: { body } });
      setBody('');
      setMore(null);
      reload();
      onAdded?.();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setSending(false);
    }
  }

  async function showMore(cursor: string) {
    try {
      const page = await api<Page<Comment>>('GET', withQuery(path, { limit: PAGE_SIZE, cursor }));
      setMore((previous) => ({ items: [...(previous?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (failure) {
      setError(asApiError(failure));
    }
  }

  const first = result.state === 'ready' ? result.data : null;
  const comments = first ? [...first.items, ...(more?.items ?? [])] : [];
  const nextCursor = more ? more.nextCursor : (first?.nextCursor ?? null);
  const fieldError = error?.errors.find((entry) => entry.field === '/body')?.message;

  return (
    <section className="comments" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('comments.title')}</h2>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' && comments.length === 0 ? <p className="muted">{t('comments.empty')}</p> : null}
      {comments.length > 0 ? (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="comment-byline">
                {t('comments.byline', { author: comment.author.name, at: dateTime(comment.createdAt) })}
                {comment.source === 'email' ? <span className="muted"> ({t('comments.byMail')})</span> : null}
              </p>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {nextCursor ? (
        <button type="button" className="secondary" onClick={() => void showMore(nextCursor)}>
          {t('app.loadMore')}
        </button>
      ) : null}
      <form className="comment-form" onSubmit={(event) => void add(event)}>
        <label htmlFor={fieldId}>{t('comments.label')}</label>
        <textarea
          id={fieldId}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          rows={3}
          maxLength={10_000}
          required
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? errorId : undefined}
        />
        {fieldError ? (
          <p id={errorId} className="field-error">
            {fieldError}
          </p>
        ) : null}
        {error && !fieldError ? <Failure error={error} /> : null}
        <button type="submit" disabled={sending || body.trim() === ''}>
          {sending ? t('comments.sending') : t('comments.submit')}
        </button>
      </form>
    </section>
  );
}
