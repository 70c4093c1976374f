import type { Locale } from '../i18n/intl';
export { fill } from '../i18n/intl';

/** The separator between a label and its value: « Seuil : 8 % » in French (no-break space), "Threshold: 8%" in English. */
export function colon(locale: Locale): string {
  return locale === 'fr' ? '\u00a0: ' : ': ';
}
