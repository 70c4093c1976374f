import { formatCount, formatNumber, formatPercent, formatSigned, intlTag, type Locale, normaliseSpaces, numberFormat } from '../i18n/intl';
import type { RawValue } from '../data/columnarTable';
import { DAYS_EMPLOYED_ANOMALY, fieldScale, toDisplayScale } from '../analysis/scale';

export { fieldScale, type FieldScale } from '../analysis/scale';
/** The number, count and percentage formatters are the ones every page shares (lib/i18n/intl.ts). */
export { formatCount, formatNumber, formatPercent, formatSigned };

/**
 * Number, amount, percentage, duration and date formatting for the dashboard, in French
 * (fr-FR: « 540 000 », « 12,3 % ») or British English (en-GB: « 540,000 », « 12.3% »).
 * Every user-visible number goes through here so that both languages stay consistent.
 * Formatters are cached per (locale, options) because Intl constructors are slow.
 */

/** A monetary amount, rounded to the unit, without currency sign (the data carries none): « 540 000 ». */
export function formatAmount(value: number, locale: Locale): string {
  return normaliseSpaces(numberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(value)));
}

/** A 0–1 score: two decimals, or two significant digits below 0,1 (« 0,57 », « 0,083 », « 0,0030 »). */
export function formatScore(value: number, locale: Locale): string {
  if (value === 0 || Math.abs(value) >= 0.1) return formatNumber(value, locale, 2);
  return normaliseSpaces(numberFormat(locale, { maximumSignificantDigits: 2, minimumSignificantDigits: 2 }).format(value));
}

/**
 * A model probability as a percentage, never « 0,0 % » nor « 100,0 % » (a model never knows for sure):
 * « < 0,1 % » / "< 0.1%" below 0.0005, « > 99,9 % » / "> 99.9%" from 0.9995 up, formatPercent otherwise.
 */
export function formatProbability(p: number, locale: Locale): string {
  if (p < 0.0005) return `<\u00a0${formatPercent(0.001, locale)}`;
  if (p >= 0.9995) return `>\u00a0${formatPercent(0.999, locale)}`;
  return formatPercent(p, locale);
}

/** A difference of two probabilities in percentage points: « +3,2 pts » / « −3.2 pts » (« 0,0 pts » when it rounds to nothing). */
export function formatPoints(delta: number, locale: Locale, digits = 1): string {
  return `${formatSigned(delta * 100, locale, digits, digits)}\u00a0pts`;
}

/** A signed amount difference, rounded to the unit: « +12 000 » / « −128 000 ». */
export function formatSignedAmount(value: number, locale: Locale): string {
  return formatSigned(Math.round(value), locale, 0);
}

/** A duration in years: « 35 ans » / « 35 years », « 1,5 an » / « 1.5 years ». */
export function formatYears(years: number, locale: Locale, digits = 1): string {
  const rounded = Math.round(years * 10 ** digits) / 10 ** digits;
  const text = formatNumber(rounded, locale, digits);
  if (locale === 'fr') return `${text}\u00a0${Math.abs(rounded) < 2 ? 'an' : 'ans'}`;
  return `${text}\u00a0${rounded === 1 ? 'year' : 'years'}`;
}

/** An hour of the day: « 14 h » / "14:00" (as the reasons write it). */
export function formatHour(hour: number, locale: Locale): string {
  const h = Math.round(hour);
  return locale === 'fr' ? `${h}\u00a0h` : `${String(h).padStart(2, '0')}:00`;
}

/** A value already on its display scale (years for DAYS_*), e.g. a histogram bin edge or a median. */
export function formatScaled(field: string, value: number, locale: Locale): string {
  switch (fieldScale(field)) {
    case 'amount':
      return formatAmount(value, locale);
    case 'years':
    case 'employmentYears':
      return formatYears(value, locale);
    case 'score':
      return formatScore(value, locale);
    case 'times':
      return `${formatNumber(value, locale, 2)}\u00a0×`;
    case 'percent':
      return formatPercent(value, locale);
    case 'count':
    case 'flag':
      return formatNumber(value, locale, 1);
    case 'hour':
      return formatHour(value, locale);
    default:
      return formatNumber(value, locale, Math.abs(value) >= 100 ? 0 : 3);
  }
}

/** A calendar date: « 25 novembre 2025 » / « 25 November 2025 ». */
export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** A stored UTC timestamp to the minute, the same in every language (audit records, accounts): « 2026-12-06 21:29 ». */
export const formatUtcMinute = (iso: string): string => iso.replace('T', ' ').slice(0, 16);

/** A date and time: « 25/11/2025 09:41 » / « 25/11/2025, 09:41 ». */
export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

export interface ValueWords {
  readonly missing: string;
  readonly yes: string;
  readonly no: string;
  readonly noEmployment: string;
}

/** Formats any field value for people (missing → the `missing` word). Categories go through `category` when given. */
export function formatFieldValue(
  field: string,
  value: RawValue,
  locale: Locale,
  words: ValueWords,
  category?: (field: string, value: string) => string,
): string {
  if (value === null || (typeof value === 'number' && Number.isNaN(value))) return words.missing;
  if (typeof value === 'string') return category ? category(field, value) : value;
  const scale = fieldScale(field);
  if (scale === 'employmentYears' && value === DAYS_EMPLOYED_ANOMALY) return words.noEmployment;
  if (scale === 'flag') return value === 1 ? words.yes : value === 0 ? words.no : formatNumber(value, locale);
  // everything else: the value on its display scale (DAYS_* in years), written as bin edges and medians are
  return formatScaled(field, toDisplayScale(field, value), locale);
}
