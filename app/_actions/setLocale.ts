'use server';

import { cookies } from 'next/headers';
import { LOCALE_COOKIE, LOCALE_COOKIE_OPTIONS, resolveLocale } from '@/lib/i18n';

/** Stores the chosen language in a cookie; works without JavaScript (form post). */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = resolveLocale(String(formData.get('locale') ?? ''));
  const store = await cookies();
  store.set(LOCALE_COOKIE, locale, LOCALE_COOKIE_OPTIONS);
}
