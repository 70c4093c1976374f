/**
 * The Home Credit application schema: the single source of truth for the 120 application
 * fields (order and kind), shared by the data store and the feature pipeline.
 */

export type FieldKind = 'numeric' | 'categorical';

export const ID_FIELD = 'SK_ID_CURR';
export const TARGET_FIELD = 'TARGET';

/** Categorical application fields (string values in the CSV). */
export const CATEGORICAL_FIELDS = [
  'NAME_CONTRACT_TYPE',
  'CODE_GENDER',
  'FLAG_OWN_CAR',
  'FLAG_OWN_REALTY',
  'NAME_TYPE_SUITE',
  'NAME_INCOME_TYPE',
  'NAME_EDUCATION_TYPE',
  'NAME_FAMILY_STATUS',
  'NAME_HOUSING_TYPE',
  'OCCUPATION_TYPE',
  'WEEKDAY_APPR_PROCESS_START',
  'ORGANIZATION_TYPE',
  'FONDKAPREMONT_MODE',
  'HOUSETYPE_MODE',
  'WALLSMATERIAL_MODE',
  'EMERGENCYSTATE_MODE',
] as const;

const BUILDING_STATS = [
  'APARTMENTS', 'BASEMENTAREA', 'YEARS_BEGINEXPLUATATION', 'YEARS_BUILD', 'COMMONAREA', 'ELEVATORS',
  'ENTRANCES', 'FLOORSMAX', 'FLOORSMIN', 'LANDAREA', 'LIVINGAPARTMENTS', 'LIVINGAREA',
  'NONLIVINGAPARTMENTS', 'NONLIVINGAREA',
] as const;

/** The 120 application fields, in the CSV's order (after SK_ID_CURR and TARGET). */
export const APPLICATION_FIELDS: readonly string[] = [
  'NAME_CONTRACT_TYPE', 'CODE_GENDER', 'FLAG_OWN_CAR', 'FLAG_OWN_REALTY', 'CNT_CHILDREN',
  'AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE', 'NAME_TYPE_SUITE',
  'NAME_INCOME_TYPE', 'NAME_EDUCATION_TYPE', 'NAME_FAMILY_STATUS', 'NAME_HOUSING_TYPE',
  'REGION_POPULATION_RELATIVE', 'DAYS_BIRTH', 'DAYS_EMPLOYED', 'DAYS_REGISTRATION', 'DAYS_ID_PUBLISH',
  'OWN_CAR_AGE', 'FLAG_MOBIL', 'FLAG_EMP_PHONE', 'FLAG_WORK_PHONE', 'FLAG_CONT_MOBILE', 'FLAG_PHONE',
  'FLAG_EMAIL', 'OCCUPATION_TYPE', 'CNT_FAM_MEMBERS', 'REGION_RATING_CLIENT', 'REGION_RATING_CLIENT_W_CITY',
  'WEEKDAY_APPR_PROCESS_START', 'HOUR_APPR_PROCESS_START', 'REG_REGION_NOT_LIVE_REGION',
  'REG_REGION_NOT_WORK_REGION', 'LIVE_REGION_NOT_WORK_REGION', 'REG_CITY_NOT_LIVE_CITY',
  'REG_CITY_NOT_WORK_CITY', 'LIVE_CITY_NOT_WORK_CITY', 'ORGANIZATION_TYPE', 'EXT_SOURCE_1', 'EXT_SOURCE_2',
  'EXT_SOURCE_3',
  ...BUILDING_STATS.map((s) => `${s}_AVG`),
  ...BUILDING_STATS.map((s) => `${s}_MODE`),
  ...BUILDING_STATS.map((s) => `${s}_MEDI`),
  'FONDKAPREMONT_MODE', 'HOUSETYPE_MODE', 'TOTALAREA_MODE', 'WALLSMATERIAL_MODE', 'EMERGENCYSTATE_MODE',
  'OBS_30_CNT_SOCIAL_CIRCLE', 'DEF_30_CNT_SOCIAL_CIRCLE', 'OBS_60_CNT_SOCIAL_CIRCLE', 'DEF_60_CNT_SOCIAL_CIRCLE',
  'DAYS_LAST_PHONE_CHANGE',
  ...Array.from({ length: 20 }, (_, i) => `FLAG_DOCUMENT_${i + 2}`),
  'AMT_REQ_CREDIT_BUREAU_HOUR', 'AMT_REQ_CREDIT_BUREAU_DAY', 'AMT_REQ_CREDIT_BUREAU_WEEK',
  'AMT_REQ_CREDIT_BUREAU_MON', 'AMT_REQ_CREDIT_BUREAU_QRT', 'AMT_REQ_CREDIT_BUREAU_YEAR',
];

const categoricalSet: ReadonlySet<string> = new Set(CATEGORICAL_FIELDS);

export function fieldKind(field: string): FieldKind {
  return categoricalSet.has(field) ? 'categorical' : 'numeric';
}

export function isApplicationField(field: string): boolean {
  return applicationFieldSet.has(field);
}

const applicationFieldSet: ReadonlySet<string> = new Set(APPLICATION_FIELDS);

/** Expected CSV header of application_train.csv. */
export const TRAIN_HEADER: readonly string[] = [ID_FIELD, TARGET_FIELD, ...APPLICATION_FIELDS];
/** Expected CSV header of application_test.csv. */
export const TEST_HEADER: readonly string[] = [ID_FIELD, ...APPLICATION_FIELDS];
