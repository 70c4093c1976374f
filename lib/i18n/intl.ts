/**
 * Locale-aware number formatting primitives and the template filler shared by every formatter
 * (dashboard, technology watch). No dictionary here, so client components can import it without
 * pulling the texts.
 */

/** The interface languages (fr is the reference). */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tag used for number and date formatting. */
export function intlTag(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

const cache = new Map<string, Intl.NumberFormat>();

/** An Intl.NumberFormat for (locale, options), cached: Intl constructors are slow. */
export function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlTag(locale), options);
    cache.set(key, f);
  }
  return f;
}

/** Replaces the narrow no-break space used by fr-FR with a regular no-break space (same look, simpler to search). */
export const normaliseSpaces = (s: string): string => s.replace(/\u202f/g, '\u00a0');

/** What a number that is not one (NaN, ±Infinity) shows, on every page and in every language. */
export const NOT_A_NUMBER = '—';

/** A number with at most `digits` decimals (at least `minDigits`): « 0,57 » / « 0.57 »; « — » when not finite. */
export function formatNumber(value: number, locale: Locale, digits = 2, minDigits = 0): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  return normaliseSpaces(numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: Math.min(minDigits, digits) }).format(value));
}

/**
 * A signed number (contributions, differences, deltas): « +0,42 » / « −0.42 » (a true minus sign),
 * no sign when it rounds to zero at `digits` decimals; « — » when not finite.
 */
export function formatSigned(value: number, locale: Locale, digits = 2, minDigits = 0): string {
  if (!Number.isFinite(value)) return NOT_A_NUMBER;
  const abs = formatNumber(Math.abs(value), locale, digits, minDigits);
  if (Number(Math.abs(value).toFixed(digits)) === 0) return abs;
  return value > 0 ? `+${abs}` : `−${abs}`;
}

/** A whole count: « 63 444 » / « 63,444 ». */
export function formatCount(value: number, locale: Locale): string {
  return formatNumber(value, locale, 0);
}

/** A ratio as a percentage with `digits` decimals: « 12,3 % » / « 12.3% »; « — » when not finite. */
export function formatPercent(ratio: number, locale: Locale, digits = 1): string {
  if (!Number.isFinite(ratio)) return NOT_A_NUMBER;
  return normaliseSpaces(numberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(ratio));
}

/**
 * Fills a dictionary template: fill('{n} prêts sur {total}', { n: '5', total: '10' }) → « 5 prêts sur 10 ».
 * Unknown placeholders are left as they are (visible in tests rather than silently empty).
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
