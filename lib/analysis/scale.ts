import { DAYS_EMPLOYED_ANOMALY, DAYS_PER_YEAR, daysToYears } from '../credit/engineeredFeatures';
import { fieldLabelInfo } from '../credit/fieldLabels';

/**
 * Display scales of the Home Credit fields. DAYS_* fields are negative day counts before the
 * application: people read them as years elapsed (age, years employed…). DAYS_EMPLOYED holds
 * 365243 for clients without salaried employment (pensioners, unemployed): that is "not
 * employed", not a duration, so it is missing on the years scale.
 */

export { DAYS_EMPLOYED_ANOMALY, daysToYears };

/** How a field's raw value is shown to people: the display unit of the field's label (lib/credit/fieldLabels.ts). */
export type FieldScale = 'amount' | 'times' | 'years' | 'employmentYears' | 'percent' | 'score' | 'count' | 'flag' | 'category' | 'number' | 'hour';

/**
 * The display scale of a Home Credit field (or engineered feature): its label's unit, the one
 * source the reasons and the pages share ('ratio' is shown as « × n »; DAYS_EMPLOYED has its own
 * years scale because of its « no employment » code). A field without a label is a plain number.
 */
export function fieldScale(field: string): FieldScale {
  const unit = fieldLabelInfo(field)?.unit ?? 'number';
  if (unit === 'years') return field === 'DAYS_EMPLOYED' ? 'employmentYears' : 'years';
  return unit === 'ratio' ? 'times' : unit;
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
