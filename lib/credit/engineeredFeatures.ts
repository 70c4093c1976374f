/**
 * Domain features of the credit model, computed from the application's numeric fields.
 * Every function receives a reader returning the field's value or NaN when missing, and
 * returns NaN when the feature is undefined (missing input, division by zero), so that
 * XGBoost's learned missing direction applies.
 */

/** DAYS_EMPLOYED takes this value for pensioners and the unemployed: it means "not employed", not 1,000 years. */
export const DAYS_EMPLOYED_ANOMALY = 365243;

export const DAYS_PER_YEAR = 365.25;

/** DAYS_* fields (negative day counts relative to the application) turned into positive years. */
export const YEARS_FIELDS: ReadonlySet<string> = new Set([
  'DAYS_BIRTH',
  'DAYS_EMPLOYED',
  'DAYS_REGISTRATION',
  'DAYS_ID_PUBLISH',
  'DAYS_LAST_PHONE_CHANGE',
]);

const YEARS_NAMES: Readonly<Record<string, string>> = {
  DAYS_BIRTH: 'AGE_YEARS',
  DAYS_EMPLOYED: 'EMPLOYED_YEARS',
  DAYS_REGISTRATION: 'REGISTRATION_YEARS',
  DAYS_ID_PUBLISH: 'ID_PUBLISH_YEARS',
  DAYS_LAST_PHONE_CHANGE: 'PHONE_CHANGE_YEARS',
};

export function yearsFeatureName(field: string): string {
  return YEARS_NAMES[field] ?? `${field}_YEARS`;
}

/** Years elapsed for a DAYS_* value; DAYS_EMPLOYED's 365243 sentinel is missing. */
export function daysToYears(field: string, days: number): number {
  if (Number.isNaN(days)) return NaN;
  if (field === 'DAYS_EMPLOYED' && days === DAYS_EMPLOYED_ANOMALY) return NaN;
  return days === 0 ? 0 : -days / DAYS_PER_YEAR;
}

export type FieldReader = (field: string) => number;

export interface EngineeredDef {
  readonly name: string;
  readonly sources: readonly string[];
  /** Where SHAP contributions go: the field itself for single-source features, else the feature's own name. */
  readonly group: string;
  readonly compute: (get: FieldReader) => number;
}

const ratio = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) || b === 0 ? NaN : a / b);

const EXT = ['EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3'] as const;

function available(get: FieldReader): number[] {
  const out: number[] = [];
  for (let i = 0; i < EXT.length; i++) {
    const v = get(EXT[i]);
    if (v === v) out.push(v);
  }
  return out;
}

function employedDays(get: FieldReader): number {
  const d = get('DAYS_EMPLOYED');
  return d === DAYS_EMPLOYED_ANOMALY ? NaN : d;
}

function defineMulti(name: string, sources: readonly string[], compute: (get: FieldReader) => number): EngineeredDef {
  return { name, sources, group: sources.length === 1 ? sources[0] : name, compute };
}

export const ENGINEERED_FEATURES: readonly EngineeredDef[] = [
  defineMulti('CREDIT_INCOME_RATIO', ['AMT_CREDIT', 'AMT_INCOME_TOTAL'], (g) => ratio(g('AMT_CREDIT'), g('AMT_INCOME_TOTAL'))),
  defineMulti('ANNUITY_INCOME_RATIO', ['AMT_ANNUITY', 'AMT_INCOME_TOTAL'], (g) => ratio(g('AMT_ANNUITY'), g('AMT_INCOME_TOTAL'))),
  defineMulti('ANNUITY_CREDIT_RATIO', ['AMT_ANNUITY', 'AMT_CREDIT'], (g) => ratio(g('AMT_ANNUITY'), g('AMT_CREDIT'))),
  defineMulti('GOODS_CREDIT_RATIO', ['AMT_GOODS_PRICE', 'AMT_CREDIT'], (g) => ratio(g('AMT_GOODS_PRICE'), g('AMT_CREDIT'))),
  defineMulti('EMPLOYED_AGE_RATIO', ['DAYS_EMPLOYED', 'DAYS_BIRTH'], (g) => ratio(employedDays(g), g('DAYS_BIRTH'))),
  defineMulti('INCOME_PER_FAMILY_MEMBER', ['AMT_INCOME_TOTAL', 'CNT_FAM_MEMBERS'], (g) => ratio(g('AMT_INCOME_TOTAL'), g('CNT_FAM_MEMBERS'))),
  defineMulti('EXT_SOURCES_MEAN', EXT, (g) => {
    const v = available(g);
    return v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length;
  }),
  defineMulti('EXT_SOURCES_MIN', EXT, (g) => {
    const v = available(g);
    return v.length === 0 ? NaN : Math.min(...v);
  }),
  defineMulti('EXT_SOURCES_MAX', EXT, (g) => {
    const v = available(g);
    return v.length === 0 ? NaN : Math.max(...v);
  }),
  /** Product of the three scores; missing unless all three are known. */
  defineMulti('EXT_SOURCES_PROD', EXT, (g) => g('EXT_SOURCE_1') * g('EXT_SOURCE_2') * g('EXT_SOURCE_3')),
  defineMulti('EXT_SOURCES_MISSING', EXT, (g) => 3 - available(g).length),
  /** 1 when DAYS_EMPLOYED is the 365243 "not employed" sentinel (explained with DAYS_EMPLOYED). */
  defineMulti('DAYS_EMPLOYED_ANOMALY', ['DAYS_EMPLOYED'], (g) => {
    const d = g('DAYS_EMPLOYED');
    return Number.isNaN(d) ? NaN : d === DAYS_EMPLOYED_ANOMALY ? 1 : 0;
  }),
];
