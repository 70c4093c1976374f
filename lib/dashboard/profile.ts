import { applicationValue } from '../analysis/population';
import type { RawValue } from '../data/columnarTable';
import { dictionary, type Locale } from '../i18n';
import { formatFieldValue, formatNumber, formatScaled, type ValueWords } from './format';
import { categoryLabel, fieldLabel } from './labels';
import { fill } from './text';

/**
 * The client's profile as the analyst reads it: the main application fields with human labels
 * and French (or English) formatting, and the key ratios of the credit engine's engineered
 * features (credit / income, debt burden, goods price / credit) plus the implied term.
 */

export interface ProfileItem {
  readonly field: string;
  readonly label: string;
  readonly value: string;
}

export interface ClientProfile {
  readonly items: readonly ProfileItem[];
  readonly ratios: readonly ProfileItem[];
}

export const PROFILE_FIELDS = [
  'DAYS_BIRTH',
  'CODE_GENDER',
  'NAME_FAMILY_STATUS',
  'CNT_CHILDREN',
  'NAME_EDUCATION_TYPE',
  'NAME_INCOME_TYPE',
  'OCCUPATION_TYPE',
  'DAYS_EMPLOYED',
  'AMT_INCOME_TOTAL',
  'NAME_CONTRACT_TYPE',
  'AMT_CREDIT',
  'AMT_ANNUITY',
  'AMT_GOODS_PRICE',
  'NAME_HOUSING_TYPE',
] as const;

export const RATIO_FEATURES = ['CREDIT_INCOME_RATIO', 'ANNUITY_INCOME_RATIO', 'GOODS_CREDIT_RATIO'] as const;

export function valueWords(locale: Locale): ValueWords {
  const w = dictionary(locale).dashboard.words;
  return { missing: w.missing, yes: w.yes, no: w.no, noEmployment: w.noEmployment };
}

/** Formats one field's raw value for people (categories translated, DAYS_* in years, amounts grouped). */
export function displayValue(field: string, value: RawValue, locale: Locale): string {
  return formatFieldValue(field, value, locale, valueWords(locale), (f, v) => categoryLabel(f, v, locale));
}

export function clientProfile(fields: Readonly<Record<string, RawValue>>, locale: Locale): ClientProfile {
  const t = dictionary(locale).dashboard;
  const items = PROFILE_FIELDS.map((field) => ({
    field,
    label: fieldLabel(field, locale),
    value: displayValue(field, fields[field] ?? null, locale),
  }));
  const ratios: ProfileItem[] = RATIO_FEATURES.map((field) => {
    const v = applicationValue(fields, field);
    return { field, label: fieldLabel(field, locale), value: typeof v === 'number' ? formatScaled(field, v, locale) : t.words.missing };
  });
  const credit = fields.AMT_CREDIT;
  const annuity = fields.AMT_ANNUITY;
  ratios.push({
    field: 'TERM',
    label: t.profile.ratioNames.term,
    value:
      typeof credit === 'number' && typeof annuity === 'number' && annuity > 0
        ? fill(t.profile.termValue, { n: formatNumber(credit / annuity, locale, 1) })
        : t.words.missing,
  });
  return { items, ratios };
}
