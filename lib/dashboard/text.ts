export { fill } from '../i18n/intl';

/** The separator between a label and its value: « Seuil : 8 % » in French (no-break space), "Threshold: 8%" in English. */
export function colon(locale: 'fr' | 'en'): string {
  return locale === 'fr' ? '\u00a0: ' : ': ';
}
