import { cookies } from 'next/headers';
import { dictionary, type Dictionary, type Locale, LOCALE_COOKIE, resolveLocale } from './index';

/** The locale of the current request (cookie `lang`, French by default). */
export async function requestLocale(): Promise<Locale> {
  const store = await cookies();
  return resolveLocale(store.get(LOCALE_COOKIE)?.value);
}

export async function requestDictionary(): Promise<{ locale: Locale; t: Dictionary }> {
  const locale = await requestLocale();
  return { locale, t: dictionary(locale) };
}
