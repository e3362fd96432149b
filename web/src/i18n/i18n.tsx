import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import type { Locale } from '../types';
import { en, type MessageKey } from './en';
import { fr } from './fr';

const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, fr };

export type Params = Readonly<Record<string, string | number>>;

export interface I18n {
  readonly locale: Locale;
  readonly timeZone: string;
  /** The message in the user's language, `{name}` replaced by `params.name`. */
  t(key: MessageKey, params?: Params): string;
  /** A date and time in the user's zone and language, with the zone's name (`12 Dec 2026, 14:00 CET`). */
  dateTime(iso: string): string;
  /** A date in the user's zone and language (`12 Dec 2026`). */
  date(iso: string): string;
  /** A message for a status the API sends (`running`, `open`...); the status itself when it has none. */
  status(status: string): string;
}

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The language to use before anyone is signed in: the browser's, if Baton speaks it. */
export function browserLocale(): Locale {
  return navigator.languages.some((language) => language.toLowerCase().startsWith('fr')) ? 'fr' : 'en';
}

function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

export function makeI18n(locale: Locale, timeZone: string): I18n {
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  return {
    locale,
    timeZone,
    t: (key, params) => translate(locale, key, params),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
    date: (iso) => dateFormat.format(new Date(iso)),
    status: (status) => {
      const key = `status.${status}`;
      return isMessageKey(key) ? translate(locale, key) : status;
    },
  };
}

const I18nContext = createContext<I18n>(makeI18n('en', 'UTC'));

/** The messages and date formats of the signed-in user (their `locale` and `timeZone`), or the browser's. */
export function I18nProvider({
  locale,
  timeZone,
  children,
}: {
  readonly locale: Locale;
  readonly timeZone: string;
  readonly children: ReactNode;
}) {
  const i18n = useMemo(() => makeI18n(locale, safeTimeZone(timeZone)), [locale, timeZone]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** A zone the browser knows; UTC for one it does not (an older browser's time zone data). */
function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
