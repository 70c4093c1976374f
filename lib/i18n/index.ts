import { en } from './en';
import { type Dictionary, fr } from './fr';

export type { Dictionary } from './fr';

import { LOCALES, type Locale } from './intl';

export { intlTag, LOCALES, type Locale } from './intl';
export const DEFAULT_LOCALE: Locale = 'fr';
/** Name of the cookie that remembers the analyst's language. */
export const LOCALE_COOKIE = 'lang';
/** The chosen language is remembered a year, for this site only, sent on top-level navigation. */
export const LOCALE_COOKIE_OPTIONS = { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' } as const;

const dictionaries: Record<Locale, Dictionary> = { fr, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function resolveLocale(value: string | undefined | null): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function dictionary(locale: Locale): Dictionary {
  return dictionaries[locale];
}
