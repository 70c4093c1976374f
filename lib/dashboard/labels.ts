import { dictionary, type Locale } from '../i18n';

/**
 * Human labels of fields and category values. Field labels come from the credit engine's single
 * label table (fieldLabel); category values from the data dictionary section of lib/i18n.
 */

const PROFILE_KEYS = {
  DAYS_BIRTH: 'age',
  CODE_GENDER: 'gender',
  NAME_FAMILY_STATUS: 'family',
  CNT_CHILDREN: 'children',
  NAME_EDUCATION_TYPE: 'education',
  NAME_INCOME_TYPE: 'incomeType',
  OCCUPATION_TYPE: 'occupation',
  AMT_INCOME_TOTAL: 'income',
  AMT_CREDIT: 'credit',
  AMT_ANNUITY: 'annuity',
  AMT_GOODS_PRICE: 'goods',
  DAYS_EMPLOYED: 'employment',
  NAME_CONTRACT_TYPE: 'contract',
  NAME_HOUSING_TYPE: 'housing',
} as const;

const RATIO_KEYS = {
  CREDIT_INCOME_RATIO: 'creditIncome',
  ANNUITY_INCOME_RATIO: 'annuityIncome',
  GOODS_CREDIT_RATIO: 'creditGoods',
} as const;

// TODO(engine): delegate to the engine's fieldLabel once lib/credit exposes it; until then the
// profile's own words cover its fields and other fields show their column name.
export function fieldLabel(field: string, locale: Locale): string {
  const t = dictionary(locale).dashboard.profile;
  if (field in PROFILE_KEYS) return t.fields[PROFILE_KEYS[field as keyof typeof PROFILE_KEYS]];
  if (field in RATIO_KEYS) return t.ratioNames[RATIO_KEYS[field as keyof typeof RATIO_KEYS]];
  return field;
}

/** The people-facing name of a category value (unchanged when the dictionary has none). */
export function categoryLabel(field: string, value: string, locale: Locale): string {
  const values = dictionary(locale).data.values as Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;
  return values[field]?.[value] ?? value;
}
