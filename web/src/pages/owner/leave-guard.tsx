import { type RefObject, useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { useI18n } from '../../i18n/i18n';

/**
 * Asks before leaving a page whose changes would be lost: another page of the app (a dialog that
 * takes the focus, "stay" first) or closing or reloading the tab (the browser's own question).
 * `released` lets the page leave on purpose (after a deploy).
 */
export function LeaveGuard({ when, released }: { readonly when: boolean; readonly released: RefObject<boolean> }) {
  const { t } = useI18n();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && !released.current && currentLocation.pathname !== nextLocation.pathname,
  );
  const stay = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!when) return;
    const ask = (event: BeforeUnloadEvent) => {
      if (!released.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [when, released]);

  useEffect(() => {
    if (blocker.state === 'blocked') stay.current?.focus();
  }, [blocker.state]);

  if (blocker.state !== 'blocked') return null;
  return (
    <div className="leave-guard" role="alertdialog" aria-labelledby="leave-question">
      <p id="leave-question">{t('owner.leave.question')}</p>
      <div className="actions">
        <button type="button" ref={stay} onClick={() => blocker.reset()}>
          {t('owner.leave.stay')}
        </button>
        <button type="button" className="secondary" onClick={() => blocker.proceed()}>
          {t('owner.leave.leave')}
        </button>
      </div>
    </div>
  );
}
