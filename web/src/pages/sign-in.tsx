import { type FormEvent, useEffect, useId, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { type ApiError, api } from '../api';
import { Failure, Loading, usePageTitle } from '../components/feedback';
import { useI18n } from '../i18n/i18n';
import { homeOf } from '../layout';
import { useSession } from '../session';
import { asApiError } from '../use-api';

/** Where to go once signed in: a page of the app only (`/requests/42`), never another site. */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

function tokenInAddress(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('token');
}

/**
 * Sign-in: a sign-in link's token (`/app/sign-in#token=...`, mailed by POST /auth/sign-in-link),
 * an API token pasted by hand, or a request for a link by e-mail.
 */
export function SignInPage() {
  const { t } = useI18n();
  const { session, signIn } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  usePageTitle(t('signIn.title'));

  const [linkState, setLinkState] = useState<'none' | 'signing-in' | 'refused'>(() =>
    tokenInAddress() ? 'signing-in' : 'none',
  );

  // A sign-in link opens this page with `#token=...`: on load, or pasted into a tab already here.
  useEffect(() => {
    const signInFromLink = () => {
      const token = tokenInAddress();
      if (!token) return;
      // The token works once: it leaves the address bar (and the history) before anything else.
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
      setLinkState('signing-in');
      signIn(token).catch(() => setLinkState('refused'));
    };
    signInFromLink();
    window.addEventListener('hashchange', signInFromLink);
    return () => window.removeEventListener('hashchange', signInFromLink);
  }, [signIn]);

  if (session.status === 'signed-in') return <Navigate to={next ?? homeOf(session.user.role)} replace />;

  return (
    <main id="main" className="page sign-in" tabIndex={-1}>
      <h1>{t('signIn.title')}</h1>
      {linkState === 'signing-in' ? <Loading /> : null}
      {linkState === 'refused' ? (
        <p className="notice notice-error" role="alert">
          {t('signIn.linkRefused')}
        </p>
      ) : null}
      {linkState !== 'signing-in' ? (
        <div className="sign-in-options">
          <TokenForm onSignIn={signIn} />
          <LinkForm />
        </div>
      ) : null}
    </main>
  );
}

function TokenForm({ onSignIn }: { readonly onSignIn: (token: string) => Promise<void> }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(token.trim());
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  }

  const refused = error?.status === 401;
  return (
    <form className="card" onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{t('signIn.token.legend')}</legend>
        <label htmlFor={fieldId}>{t('signIn.token.label')}</label>
        <input
          id={fieldId}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={refused ? `${hintId} ${errorId}` : hintId}
          aria-invalid={refused ? true : undefined}
        />
        <p id={hintId} className="hint">
          {t('signIn.token.hint')}
        </p>
        {refused ? (
          <p id={errorId} className="field-error" role="alert">
            {t('signIn.token.refused')}
          </p>
        ) : null}
        {error && !refused ? <Failure error={error} /> : null}
        <button type="submit" disabled={busy || token.trim() === ''}>
          {t('signIn.token.submit')}
        </button>
      </fieldset>
    </form>
  );
}

function LinkForm() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fieldId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/auth/sign-in-link', { body: { email: email.trim() }, unauthenticatedIsAnswer: true });
      setSentTo(email.trim());
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{t('signIn.link.legend')}</legend>
        <label htmlFor={fieldId}>{t('signIn.link.label')}</label>
        <input
          id={fieldId}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        {error ? <Failure error={error} /> : null}
        <button type="submit" disabled={busy || email.trim() === ''}>
          {t('signIn.link.submit')}
        </button>
        <p role="status" className="notice-slot">
          {sentTo ? t('signIn.link.sent', { email: sentTo }) : ''}
        </p>
      </fieldset>
    </form>
  );
}
