import { DAYS_EMPLOYED_ANOMALY, DAYS_PER_YEAR, daysToYears } from '../credit/engineeredFeatures';

/**
 * Display scales of the Home Credit fields. DAYS_* fields are negative day counts before the
 * application: people read them as years elapsed (age, years employed…). DAYS_EMPLOYED holds
 * 365243 for clients without salaried employment (pensioners, unemployed): that is "not
 * employed", not a duration, so it is missing on the years scale.
 */

export { DAYS_EMPLOYED_ANOMALY, daysToYears };

/** How a field's raw value is shown to people. */
export type FieldScale = 'amount' | 'times' | 'years' | 'employmentYears' | 'percent' | 'score' | 'count' | 'flag' | 'category' | 'number';

/** The display scale of a Home Credit field (or engineered feature), from its name. */
export function fieldScale(field: string): FieldScale {
  if (field === 'DAYS_EMPLOYED') return 'employmentYears';
  if (field.startsWith('DAYS_')) return 'years';
  if (field.startsWith('AMT_REQ_')) return 'count';
  if (field.startsWith('AMT_')) return 'amount';
  if (field.startsWith('EXT_SOURCE')) return field === 'EXT_SOURCES_MISSING' ? 'count' : 'score';
  if (field.startsWith('FLAG_') || field.startsWith('REG_') || field.startsWith('LIVE_') || field === 'DAYS_EMPLOYED_ANOMALY') return 'flag';
  if (field.startsWith('CNT_') || field.startsWith('OBS_') || field.startsWith('DEF_') || field === 'OWN_CAR_AGE') return 'count';
  if (field === 'INCOME_PER_FAMILY_MEMBER') return 'amount';
  if (field === 'CREDIT_INCOME_RATIO') return 'times';
  if (field.endsWith('_RATIO')) return 'percent';
  return 'number';
}

/** A raw value on its display scale: DAYS_* in years (sentinel → NaN), other values unchanged. */
export function toDisplayScale(field: string, value: number): number {
  if (Number.isNaN(value)) return NaN;
  const scale = fieldScale(field);
  if (scale === 'employmentYears' || scale === 'years') return daysToYears(field, value);
  return value;
}

/** The inverse of toDisplayScale (what-if edits of DAYS_* fields are entered in years). */
export function fromDisplayScale(field: string, value: number): number {
  const scale = fieldScale(field);
  if (scale === 'years' || scale === 'employmentYears') return Math.round(-value * DAYS_PER_YEAR);
  return value;
}
