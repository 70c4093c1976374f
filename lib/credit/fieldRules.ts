/**
 * The valid values of the numeric application fields — one rule per field, read by every input
 * boundary (the CSV readers of the CLIs, the API's JSON and CSV bodies through its schemas, the
 * what-if form): bounds every stored application satisfies (tests/unit/api), whether the field is
 * an integer, and special codes accepted outside the bounds. Violations are worded once here, as
 * the API words them (never echoing the value, which may be client data).
 */

export interface NumericRule {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** The minimum itself is refused (an income, a credit or an annuity of 0 is impossible). */
  readonly exclusiveMin?: boolean;
  /** Special codes accepted outside [min, max] (e.g. 365243 in DAYS_EMPLOYED for people without employment). */
  readonly codes?: readonly number[];
}

const HUNDRED_AND_TWENTY_YEARS_IN_DAYS = 43_830;
const SHARE: NumericRule = { min: 0, max: 1, integer: false };
const FLAG: NumericRule = { min: 0, max: 1, integer: true };
const DAYS_BEFORE: NumericRule = { min: -HUNDRED_AND_TWENTY_YEARS_IN_DAYS, max: 0, integer: true };
/** Credit is for adults: DAYS_BIRTH at most −18 years (the youngest stored client is 20). */
const EIGHTEEN_YEARS_IN_DAYS = 6_575;

/** Bounds of a numeric field, by name; throws for a field without a rule so that none is left unchecked. */
export function numericRule(field: string): NumericRule {
  if (['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY'].includes(field)) return { min: 0, max: 1e9, integer: false, exclusiveMin: true };
  if (field === 'AMT_GOODS_PRICE') return { min: 0, max: 1e9, integer: false };
  if (field === 'DAYS_BIRTH') return { min: -HUNDRED_AND_TWENTY_YEARS_IN_DAYS, max: -EIGHTEEN_YEARS_IN_DAYS, integer: true };
  if (field.startsWith('AMT_REQ_CREDIT_BUREAU_')) return { min: 0, max: 1000, integer: true };
  if (field === 'DAYS_EMPLOYED') return { ...DAYS_BEFORE, codes: [365243] };
  if (field.startsWith('DAYS_')) return DAYS_BEFORE;
  if (field.startsWith('FLAG_') || /_NOT_(LIVE|WORK)_(REGION|CITY)$/.test(field)) return FLAG;
  if (field.startsWith('EXT_SOURCE_') || field === 'REGION_POPULATION_RELATIVE') return SHARE;
  if (/_(AVG|MODE|MEDI)$/.test(field)) return SHARE;
  if (field.startsWith('REGION_RATING_CLIENT')) return { min: -1, max: 3, integer: true };
  if (field === 'HOUR_APPR_PROCESS_START') return { min: 0, max: 23, integer: true };
  if (field === 'CNT_CHILDREN') return { min: 0, max: 50, integer: true };
  if (field === 'CNT_FAM_MEMBERS') return { min: 1, max: 60, integer: true };
  if (field === 'OWN_CAR_AGE') return { min: 0, max: 150, integer: true };
  if (field.endsWith('_CNT_SOCIAL_CIRCLE')) return { min: 0, max: 10_000, integer: true };
  throw new Error(`no numeric rule for ${field}`);
}

/** What a finite number breaks of its field's rule, worded as the API words it; undefined when valid. */
export function numericRuleError(rule: NumericRule, n: number): string | undefined {
  if (rule.codes?.includes(n)) return undefined;
  if (rule.integer && !Number.isInteger(n)) return 'must be an integer';
  if (rule.exclusiveMin ? n <= rule.min : n < rule.min) return `must be ${rule.exclusiveMin ? '>' : '≥'} ${rule.min}`;
  if (n > rule.max) return `must be ≤ ${rule.max}`;
  return undefined;
}

/** A number as CSV cells write it (surrounding spaces allowed): decimal, optionally signed and with an exponent — no hex, no « Infinity ». */
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The number a CSV cell holds, or undefined when it is not one. */
export function numberOfText(cell: string): number | undefined {
  const text = cell.trim();
  if (!NUMBER_TEXT.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
