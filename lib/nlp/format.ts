import { formatCount, formatNumber, formatPercent, formatSigned, intlTag, type Locale } from '../i18n/intl';

/** The shared number, count and percentage formatters (lib/i18n/intl.ts), under this module's names. */
export { formatNumber as fmtNumber, formatCount as fmtCount, formatPercent as fmtPercent };

/**
 * Number formatting of the technology watch pages (French « 0,947 », « 12,3 % », « 2,6 Mo »;
 * English « 0.947 », « 12.3% », « 2.6 MB »). Pure: the demo's client component uses it too.
 */

/** Exactly `digits` decimals: fmtFixed(0.9457, 'fr', 3) → « 0,946 ». */
export function fmtFixed(value: number, locale: Locale, digits: number): string {
  return formatNumber(value, locale, digits, digits);
}

/** A signed difference with exactly `digits` decimals: fmtSigned(1.25, 'fr', 1) → « +1,3 », fmtSigned(-0.5) → « −0,5 ». */
export function fmtSigned(value: number, locale: Locale, digits = 1): string {
  return formatSigned(value, locale, digits, digits);
}

/** Milliseconds with a precision that suits the magnitude: « 0,47 ms », « 12,3 ms », « 240 ms », « 1,2 s ». */
export function fmtMs(ms: number, locale: Locale): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${formatNumber(ms / 1000, locale, 1)}\u00a0s`;
  const digits = ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return `${formatNumber(ms, locale, digits)}\u00a0ms`;
}

/** A duration: « 49 s », « 3 min 05 s », « 2 h 05 min ». */
export function fmtDuration(seconds: number, locale: Locale): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${formatNumber(seconds, locale, 1)}\u00a0s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}\u00a0s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}\u00a0min ${pad(s % 60)}\u00a0s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}\u00a0h ${pad(m % 60)}\u00a0min`;
}

/** A size in bytes: « 383 ko », « 2,6 Mo » (fr) / « 383 kB », « 2.6 MB » (en); decimal units. */
export function fmtBytes(bytes: number, locale: Locale): string {
  if (!Number.isFinite(bytes)) return '—';
  const units = locale === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${formatNumber(v, locale, v < 10 && u > 0 ? 1 : 0)}\u00a0${units[u]}`;
}

/** A large count in millions: « 1,7 M » / « 1.7M ». */
export function fmtMillions(n: number, locale: Locale): string {
  const v = formatNumber(n / 1e6, locale, n < 1e7 ? 1 : 0);
  return locale === 'fr' ? `${v}\u00a0M` : `${v}M`;
}

/** A figure quoted from a paper, written with a dot in the source: « 84.3 » → « 84,3 » in French. */
export function localiseFigure(value: string, locale: Locale): string {
  return locale === 'fr' ? value.replace(/(\d)\.(\d)/g, '$1,$2') : value;
}

/** A date-time of a report: « 25/11/2026 09:39 » / « 25/11/2026, 09:39 ». */
export function fmtDate(iso: string, locale: Locale): string {
  const d = new Date(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';
}

export { fill } from '../i18n/intl';
