import { groupIndex, reasonsTowards } from '@/lib/credit/explanation';
import { ENGINEERED_FEATURES } from '@/lib/credit/engineeredFeatures';
import type { FeatureSpec } from '@/lib/credit/featureSpec';
import { fieldLabel } from '@/lib/credit/fieldLabels';
import { isProtectedField, PROTECTED_FIELDS } from '@/lib/credit/fields';
import type { PopulationStats } from '@/lib/credit/population';
import { allExplanationGroups, codedReasonText, REASON_CODES, reasonCode, reasonCodeEntry } from '@/lib/credit/reasonCodes';
import { APPLICATION_FIELDS } from '@/lib/data/homeCreditSchema';

/** The catalogue of stable reason codes (issue #15 point 7), and the reason builder's use of it. */

/**
 * Golden catalogue: number → [theme, fields]. R<nn> and A<nn> share them. Codes are stable: changing
 * this table means changing what a code already given to a client means — add a new number instead.
 */
const GOLDEN: Record<string, [string, string]> = {
  '01': [
    'external-scores',
    'EXT_SOURCE_1 EXT_SOURCE_2 EXT_SOURCE_3 EXT_SOURCES_MEAN EXT_SOURCES_MIN EXT_SOURCES_MAX EXT_SOURCES_PROD EXT_SOURCES_MISSING',
  ],
  '02': ['credit-amount', 'AMT_CREDIT AMT_GOODS_PRICE GOODS_CREDIT_RATIO'],
  '03': ['annuity-term', 'AMT_ANNUITY ANNUITY_CREDIT_RATIO'],
  '04': ['contract-type', 'NAME_CONTRACT_TYPE'],
  '05': ['income', 'AMT_INCOME_TOTAL INCOME_PER_FAMILY_MEMBER NAME_INCOME_TYPE'],
  '06': ['credit-income', 'CREDIT_INCOME_RATIO'],
  '07': ['annuity-income', 'ANNUITY_INCOME_RATIO'],
  '08': ['employment-length', 'DAYS_EMPLOYED'],
  '09': ['occupation', 'OCCUPATION_TYPE ORGANIZATION_TYPE'],
  '10': ['education', 'NAME_EDUCATION_TYPE'],
  '11': ['household', 'CNT_CHILDREN CNT_FAM_MEMBERS'],
  '12': ['housing', 'FLAG_OWN_REALTY NAME_HOUSING_TYPE'],
  '13': [
    'building',
    'APARTMENTS_AVG APARTMENTS_MODE APARTMENTS_MEDI BASEMENTAREA_AVG BASEMENTAREA_MODE BASEMENTAREA_MEDI ' +
      'YEARS_BEGINEXPLUATATION_AVG YEARS_BEGINEXPLUATATION_MODE YEARS_BEGINEXPLUATATION_MEDI YEARS_BUILD_AVG YEARS_BUILD_MODE YEARS_BUILD_MEDI ' +
      'COMMONAREA_AVG COMMONAREA_MODE COMMONAREA_MEDI ELEVATORS_AVG ELEVATORS_MODE ELEVATORS_MEDI ENTRANCES_AVG ENTRANCES_MODE ENTRANCES_MEDI ' +
      'FLOORSMAX_AVG FLOORSMAX_MODE FLOORSMAX_MEDI FLOORSMIN_AVG FLOORSMIN_MODE FLOORSMIN_MEDI LANDAREA_AVG LANDAREA_MODE LANDAREA_MEDI ' +
      'LIVINGAPARTMENTS_AVG LIVINGAPARTMENTS_MODE LIVINGAPARTMENTS_MEDI LIVINGAREA_AVG LIVINGAREA_MODE LIVINGAREA_MEDI ' +
      'NONLIVINGAPARTMENTS_AVG NONLIVINGAPARTMENTS_MODE NONLIVINGAPARTMENTS_MEDI NONLIVINGAREA_AVG NONLIVINGAREA_MODE NONLIVINGAREA_MEDI ' +
      'FONDKAPREMONT_MODE HOUSETYPE_MODE TOTALAREA_MODE WALLSMATERIAL_MODE EMERGENCYSTATE_MODE',
  ],
  '14': ['car', 'FLAG_OWN_CAR OWN_CAR_AGE'],
  '15': ['region', 'REGION_POPULATION_RELATIVE REGION_RATING_CLIENT REGION_RATING_CLIENT_W_CITY'],
  '16': [
    'addresses',
    'REG_REGION_NOT_LIVE_REGION REG_REGION_NOT_WORK_REGION LIVE_REGION_NOT_WORK_REGION REG_CITY_NOT_LIVE_CITY REG_CITY_NOT_WORK_CITY LIVE_CITY_NOT_WORK_CITY',
  ],
  '17': ['identity-changes', 'DAYS_REGISTRATION DAYS_ID_PUBLISH DAYS_LAST_PHONE_CHANGE'],
  '18': ['contact', 'FLAG_MOBIL FLAG_EMP_PHONE FLAG_WORK_PHONE FLAG_CONT_MOBILE FLAG_PHONE FLAG_EMAIL'],
  '19': [
    'documents',
    'FLAG_DOCUMENT_2 FLAG_DOCUMENT_3 FLAG_DOCUMENT_4 FLAG_DOCUMENT_5 FLAG_DOCUMENT_6 FLAG_DOCUMENT_7 FLAG_DOCUMENT_8 FLAG_DOCUMENT_9 FLAG_DOCUMENT_10 ' +
      'FLAG_DOCUMENT_11 FLAG_DOCUMENT_12 FLAG_DOCUMENT_13 FLAG_DOCUMENT_14 FLAG_DOCUMENT_15 FLAG_DOCUMENT_16 FLAG_DOCUMENT_17 FLAG_DOCUMENT_18 ' +
      'FLAG_DOCUMENT_19 FLAG_DOCUMENT_20 FLAG_DOCUMENT_21',
  ],
  '20': [
    'credit-bureau-enquiries',
    'AMT_REQ_CREDIT_BUREAU_HOUR AMT_REQ_CREDIT_BUREAU_DAY AMT_REQ_CREDIT_BUREAU_WEEK AMT_REQ_CREDIT_BUREAU_MON AMT_REQ_CREDIT_BUREAU_QRT AMT_REQ_CREDIT_BUREAU_YEAR',
  ],
  '21': ['social-circle', 'OBS_30_CNT_SOCIAL_CIRCLE DEF_30_CNT_SOCIAL_CIRCLE OBS_60_CNT_SOCIAL_CIRCLE DEF_60_CNT_SOCIAL_CIRCLE'],
  '22': ['application-circumstances', 'NAME_TYPE_SUITE WEEKDAY_APPR_PROCESS_START HOUR_APPR_PROCESS_START'],
};

describe('the reason code catalogue', () => {
  test('is the golden catalogue: R01–R22 towards refusal, A01–A22 towards acceptance, same number same theme and fields', () => {
    const refusal = REASON_CODES.filter((c) => c.direction === 'refusal');
    const acceptance = REASON_CODES.filter((c) => c.direction === 'acceptance');
    expect(refusal.map((c) => c.code)).toEqual(
      Object.keys(GOLDEN)
        .sort()
        .map((n) => `R${n}`),
    );
    expect(acceptance.map((c) => c.code)).toEqual(
      Object.keys(GOLDEN)
        .sort()
        .map((n) => `A${n}`),
    );
    for (const c of REASON_CODES) {
      expect([c.code, c.theme, c.fields.join(' ')]).toEqual([c.code, ...GOLDEN[c.code.slice(1)]]);
    }
  });

  test('codes are unique and well formed; each has a short and a long text in French and English', () => {
    const codes = REASON_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(20);
    expect(codes.length).toBeLessThanOrEqual(50);
    for (const c of REASON_CODES) {
      expect(c.code).toMatch(c.direction === 'refusal' ? /^R\d{2}$/ : /^A\d{2}$/);
      for (const lang of ['fr', 'en'] as const) {
        expect(c.short[lang].length).toBeGreaterThan(5);
        expect(c.long[lang].length).toBeGreaterThan(c.short[lang].length);
        expect(c.long[lang]).toMatch(c.direction === 'refusal' ? /refus/ : /accept/);
      }
      expect(c.short.fr).not.toBe(c.short.en);
      expect(reasonCodeEntry(c.code)).toBe(c);
    }
    expect(reasonCodeEntry('R99')).toBeUndefined();
  });

  test('covers every model input: each non-protected application field and engineered feature, exactly once per direction', () => {
    const groups = allExplanationGroups();
    expect(groups).toEqual(expect.arrayContaining([...APPLICATION_FIELDS]));
    for (const e of ENGINEERED_FEATURES) expect(groups).toContain(e.group);
    const eligible = groups.filter((g) => !isProtectedField(g));
    expect(eligible.length).toBe(groups.length - 4); // CODE_GENDER, NAME_FAMILY_STATUS, DAYS_BIRTH, EMPLOYED_AGE_RATIO
    for (const direction of ['refusal', 'acceptance'] as const) {
      const covered = REASON_CODES.filter((c) => c.direction === direction).flatMap((c) => c.fields);
      expect(new Set(covered).size).toBe(covered.length);
      expect([...covered].sort()).toEqual([...eligible].sort());
      for (const g of eligible) {
        const c = reasonCode(g, direction);
        expect(c.direction).toBe(direction);
        expect(c.fields).toContain(g);
      }
    }
    expect(reasonCode('ANNUITY_INCOME_RATIO', 'refusal')).toMatchObject({ code: 'R07', short: { fr: 'Ratio annuité / revenu défavorable' } });
    expect(reasonCode('ANNUITY_INCOME_RATIO', 'acceptance').code).toBe('A07');
  });

  test('no protected attribute is in the catalogue, and asking for its code throws', () => {
    const all = REASON_CODES.flatMap((c) => c.fields);
    for (const p of [...PROTECTED_FIELDS, 'EMPLOYED_AGE_RATIO']) {
      expect(isProtectedField(p)).toBe(true);
      expect(all).not.toContain(p);
      expect(() => reasonCode(p, 'refusal')).toThrow(/protected/);
      expect(() => reasonCode(p, 'acceptance')).toThrow(/protected/);
    }
    expect(all.filter(isProtectedField)).toEqual([]);
    expect(() => reasonCode('SHOE_SIZE', 'refusal')).toThrow(/no code/);
  });

  test('a coded reason line leads with its code', () => {
    expect(codedReasonText({ code: 'R07', text: "Taux d'effort élevé" })).toBe("R07 — Taux d'effort élevé");
  });
});

describe('the reason builder', () => {
  // A spec that still has protected inputs (like the model trained before they were dropped).
  const spec: FeatureSpec = {
    version: 1,
    minLevelCount: 50,
    features: [
      { name: 'AGE_YEARS', kind: 'years', field: 'DAYS_BIRTH', group: 'DAYS_BIRTH' },
      { name: 'CODE_GENDER=M', kind: 'onehot', field: 'CODE_GENDER', level: 'M', group: 'CODE_GENDER' },
      { name: 'EXT_SOURCE_2', kind: 'numeric', field: 'EXT_SOURCE_2', group: 'EXT_SOURCE_2' },
      { name: 'AMT_CREDIT', kind: 'numeric', field: 'AMT_CREDIT', group: 'AMT_CREDIT' },
      { name: 'EMPLOYED_AGE_RATIO', kind: 'engineered', sources: ['DAYS_EMPLOYED', 'DAYS_BIRTH'], group: 'EMPLOYED_AGE_RATIO' },
      { name: 'ANNUITY_INCOME_RATIO', kind: 'engineered', sources: ['AMT_ANNUITY', 'AMT_INCOME_TOTAL'], group: 'ANNUITY_INCOME_RATIO' },
      { name: 'FLAG_DOCUMENT_3', kind: 'numeric', field: 'FLAG_DOCUMENT_3', group: 'FLAG_DOCUMENT_3' },
    ],
  };
  const index = groupIndex(spec);
  const stats: PopulationStats = { groups: new Map() } as unknown as PopulationStats;
  const app = {
    DAYS_BIRTH: -9000,
    CODE_GENDER: 'M',
    EXT_SOURCE_2: 0.1,
    AMT_CREDIT: 900000,
    AMT_ANNUITY: 50000,
    AMT_INCOME_TOTAL: 100000,
    DAYS_EMPLOYED: -300,
    FLAG_DOCUMENT_3: 1,
  };

  test('skips protected groups however large their contribution, and codes every reason', () => {
    // groups: DAYS_BIRTH, CODE_GENDER, EXT_SOURCE_2, AMT_CREDIT, EMPLOYED_AGE_RATIO, ANNUITY_INCOME_RATIO, FLAG_DOCUMENT_3
    expect(index.groups).toEqual([
      'DAYS_BIRTH',
      'CODE_GENDER',
      'EXT_SOURCE_2',
      'AMT_CREDIT',
      'EMPLOYED_AGE_RATIO',
      'ANNUITY_INCOME_RATIO',
      'FLAG_DOCUMENT_3',
    ]);
    const c = Float64Array.from([0.9, 0.8, 0.5, -0.4, 0.7, 0.2, -0.1]);
    const refusal = reasonsTowards('refusal', index, c, app, stats, { lang: 'fr', top: 4 });
    expect(refusal.map((r) => [r.code, r.field])).toEqual([
      ['R01', 'EXT_SOURCE_2'],
      ['R07', 'ANNUITY_INCOME_RATIO'],
    ]);
    const acceptance = reasonsTowards('acceptance', index, c, app, stats, { lang: 'en', top: 4 });
    expect(acceptance.map((r) => [r.code, r.field, r.label])).toEqual([
      ['A02', 'AMT_CREDIT', fieldLabel('AMT_CREDIT', 'en')],
      ['A19', 'FLAG_DOCUMENT_3', fieldLabel('FLAG_DOCUMENT_3', 'en')],
    ]);
    // Protected groups pushing towards acceptance are skipped too.
    const reversed = reasonsTowards(
      'acceptance',
      index,
      c.map((v) => -v),
      app,
      stats,
      { top: 1 },
    );
    expect(reversed.map((r) => r.code)).toEqual(['A01']);
  });
});
