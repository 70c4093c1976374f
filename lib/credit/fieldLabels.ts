import type { Locale } from '../i18n/intl';
import { APPLICATION_FIELDS } from '../data/homeCreditSchema';
import { ENGINEERED_FEATURES } from './engineeredFeatures';

/**
 * Short French and English labels of every application field and engineered feature, written
 * from the Home Credit data dictionary (HomeCredit_columns_description.csv), with the unit their
 * values are shown in and, for French agreement, the label's gender and number.
 */

/** The interface language: the one Locale type of lib/i18n. */
export type Lang = Locale;

/** How a value is shown to an analyst. */
export type DisplayUnit =
  | 'years' // DAYS_* fields, shown as years elapsed
  | 'amount' // money
  | 'score' // 0..1 normalised score
  | 'percent' // a ratio shown as %
  | 'ratio' // a ratio shown as "× n"
  | 'count'
  | 'flag' // 0/1 yes/no
  | 'number'
  | 'hour'
  | 'category';

export interface FieldLabel {
  readonly fr: string;
  readonly en: string;
  readonly unit: DisplayUnit;
  /** French grammatical gender and number of the label (for "bas/basse/élevé(e)s"). */
  readonly gender?: 'm' | 'f';
  readonly plural?: boolean;
}

const L = (fr: string, en: string, unit: DisplayUnit, gender: 'm' | 'f' = 'm', plural = false): FieldLabel => ({
  fr,
  en,
  unit,
  gender,
  plural,
});

const BUILDING: Record<string, [string, string, 'm' | 'f', boolean]> = {
  APARTMENTS: ['Taille des appartements', 'Apartment size', 'f', false],
  BASEMENTAREA: ['Surface du sous-sol', 'Basement area', 'f', false],
  YEARS_BEGINEXPLUATATION: ["Ancienneté d'exploitation de l'immeuble", 'Building years in use', 'f', false],
  YEARS_BUILD: ["Âge de l'immeuble", 'Building age', 'm', false],
  COMMONAREA: ['Surface des parties communes', 'Common area', 'f', false],
  ELEVATORS: ["Nombre d'ascenseurs", 'Number of elevators', 'm', false],
  ENTRANCES: ["Nombre d'entrées", 'Number of entrances', 'm', false],
  FLOORSMAX: ["Étages (max.) de l'immeuble", 'Building floors (max)', 'm', true],
  FLOORSMIN: ["Étages (min.) de l'immeuble", 'Building floors (min)', 'm', true],
  LANDAREA: ['Surface du terrain', 'Land area', 'f', false],
  LIVINGAPARTMENTS: ['Logements habitables', 'Living apartments', 'm', true],
  LIVINGAREA: ['Surface habitable', 'Living area', 'f', false],
  NONLIVINGAPARTMENTS: ['Logements non habitables', 'Non-living apartments', 'm', true],
  NONLIVINGAREA: ['Surface non habitable', 'Non-living area', 'f', false],
};
const BUILDING_SUFFIX: Record<string, [string, string]> = {
  AVG: ['moyenne', 'average'],
  MODE: ['mode', 'mode'],
  MEDI: ['médiane', 'median'],
};

const BUREAU: Record<string, [string, string]> = {
  HOUR: ["dans l'heure", 'last hour'],
  DAY: ['la veille', 'last day'],
  WEEK: ['la semaine', 'last week'],
  MON: ['le mois', 'last month'],
  QRT: ['le trimestre', 'last quarter'],
  YEAR: ["l'année", 'last year'],
};

const LABELS: Record<string, FieldLabel> = {
  NAME_CONTRACT_TYPE: L('Type de contrat', 'Contract type', 'category'),
  CODE_GENDER: L('Sexe', 'Gender', 'category'),
  FLAG_OWN_CAR: L('Possède une voiture', 'Owns a car', 'category'),
  FLAG_OWN_REALTY: L('Propriétaire de son logement', 'Owns a house or flat', 'category'),
  CNT_CHILDREN: L("Nombre d'enfants", 'Number of children', 'count'),
  AMT_INCOME_TOTAL: L('Revenu', 'Income', 'amount'),
  AMT_CREDIT: L('Montant du crédit', 'Credit amount', 'amount'),
  AMT_ANNUITY: L('Annuité du prêt', 'Loan annuity', 'amount', 'f'),
  AMT_GOODS_PRICE: L('Prix du bien financé', 'Price of the goods', 'amount'),
  NAME_TYPE_SUITE: L('Accompagnant lors de la demande', 'Accompanied by', 'category'),
  NAME_INCOME_TYPE: L('Type de revenu', 'Income type', 'category'),
  NAME_EDUCATION_TYPE: L("Niveau d'études", 'Education level', 'category'),
  NAME_FAMILY_STATUS: L('Situation familiale', 'Family status', 'category', 'f'),
  NAME_HOUSING_TYPE: L('Type de logement', 'Housing type', 'category'),
  REGION_POPULATION_RELATIVE: L('Densité de population de la région', 'Population density of the region', 'score', 'f'),
  DAYS_BIRTH: L('Âge', 'Age', 'years'),
  DAYS_EMPLOYED: L("Ancienneté dans l'emploi", 'Employment length', 'years', 'f'),
  DAYS_REGISTRATION: L("Ancienneté de l'enregistrement", 'Years since registration change', 'years', 'f'),
  DAYS_ID_PUBLISH: L("Ancienneté de la pièce d'identité", 'Years since ID document change', 'years', 'f'),
  OWN_CAR_AGE: L('Âge de la voiture', 'Age of the car', 'number'),
  FLAG_MOBIL: L('Téléphone mobile fourni', 'Mobile phone provided', 'flag'),
  FLAG_EMP_PHONE: L("Téléphone de l'employeur fourni", 'Employer phone provided', 'flag'),
  FLAG_WORK_PHONE: L('Téléphone professionnel fourni', 'Work phone provided', 'flag'),
  FLAG_CONT_MOBILE: L('Mobile joignable', 'Mobile phone reachable', 'flag'),
  FLAG_PHONE: L('Téléphone fixe fourni', 'Home phone provided', 'flag'),
  FLAG_EMAIL: L('E-mail fourni', 'Email provided', 'flag'),
  OCCUPATION_TYPE: L('Profession', 'Occupation', 'category', 'f'),
  CNT_FAM_MEMBERS: L('Taille du foyer', 'Family size', 'count', 'f'),
  REGION_RATING_CLIENT: L('Note de la région', 'Region rating', 'number', 'f'),
  REGION_RATING_CLIENT_W_CITY: L('Note de la région et de la ville', 'Region and city rating', 'number', 'f'),
  WEEKDAY_APPR_PROCESS_START: L('Jour de la demande', 'Application weekday', 'category'),
  HOUR_APPR_PROCESS_START: L('Heure de la demande', 'Application hour', 'hour', 'f'),
  REG_REGION_NOT_LIVE_REGION: L('Adresse officielle ≠ adresse de contact (région)', 'Permanent ≠ contact address (region)', 'flag', 'f'),
  REG_REGION_NOT_WORK_REGION: L('Adresse officielle ≠ adresse du travail (région)', 'Permanent ≠ work address (region)', 'flag', 'f'),
  LIVE_REGION_NOT_WORK_REGION: L('Adresse de contact ≠ adresse du travail (région)', 'Contact ≠ work address (region)', 'flag', 'f'),
  REG_CITY_NOT_LIVE_CITY: L('Adresse officielle ≠ adresse de contact (ville)', 'Permanent ≠ contact address (city)', 'flag', 'f'),
  REG_CITY_NOT_WORK_CITY: L('Adresse officielle ≠ adresse du travail (ville)', 'Permanent ≠ work address (city)', 'flag', 'f'),
  LIVE_CITY_NOT_WORK_CITY: L('Adresse de contact ≠ adresse du travail (ville)', 'Contact ≠ work address (city)', 'flag', 'f'),
  ORGANIZATION_TYPE: L("Secteur de l'employeur", "Employer's sector", 'category'),
  EXT_SOURCE_1: L('Score externe 1', 'External score 1', 'score'),
  EXT_SOURCE_2: L('Score externe 2', 'External score 2', 'score'),
  EXT_SOURCE_3: L('Score externe 3', 'External score 3', 'score'),
  FONDKAPREMONT_MODE: L("Fonds de travaux de l'immeuble", 'Building repair fund', 'category'),
  HOUSETYPE_MODE: L("Type d'habitation", 'House type', 'category'),
  TOTALAREA_MODE: L("Surface totale de l'immeuble", 'Building total area', 'score', 'f'),
  WALLSMATERIAL_MODE: L('Matériau des murs', 'Wall material', 'category'),
  EMERGENCYSTATE_MODE: L("Immeuble en état d'urgence", 'Building in emergency state', 'category'),
  OBS_30_CNT_SOCIAL_CIRCLE: L('Entourage observé (retard 30 j)', 'Social circle observed (30 days past due)', 'count'),
  DEF_30_CNT_SOCIAL_CIRCLE: L("Défauts dans l'entourage (30 j)", 'Social circle defaults (30 days)', 'count', 'm', true),
  OBS_60_CNT_SOCIAL_CIRCLE: L('Entourage observé (retard 60 j)', 'Social circle observed (60 days past due)', 'count'),
  DEF_60_CNT_SOCIAL_CIRCLE: L("Défauts dans l'entourage (60 j)", 'Social circle defaults (60 days)', 'count', 'm', true),
  DAYS_LAST_PHONE_CHANGE: L('Ancienneté du téléphone', 'Years since phone change', 'years', 'f'),
};

for (const [stat, [fr, en, gender, plural]] of Object.entries(BUILDING)) {
  for (const [suffix, [sfr, sen]] of Object.entries(BUILDING_SUFFIX)) {
    LABELS[`${stat}_${suffix}`] = L(`${fr} (${sfr})`, `${en} (${sen})`, 'score', gender, plural);
  }
}
for (let i = 2; i <= 21; i++) LABELS[`FLAG_DOCUMENT_${i}`] = L(`Document ${i} fourni`, `Document ${i} provided`, 'flag');
for (const [suffix, [fr, en]] of Object.entries(BUREAU)) {
  LABELS[`AMT_REQ_CREDIT_BUREAU_${suffix}`] = L(`Demandes au bureau de crédit (${fr})`, `Credit bureau enquiries (${en})`, 'count', 'f', true);
}

const ENGINEERED_LABELS: Record<string, FieldLabel> = {
  CREDIT_INCOME_RATIO: L('Crédit rapporté au revenu', 'Credit to income', 'ratio'),
  ANNUITY_INCOME_RATIO: L("Taux d'effort (annuité / revenu)", 'Annuity to income', 'percent'),
  ANNUITY_CREDIT_RATIO: L('Annuité rapportée au crédit', 'Annuity to credit', 'percent', 'f'),
  GOODS_CREDIT_RATIO: L('Prix du bien rapporté au crédit', 'Goods price to credit', 'percent'),
  EMPLOYED_AGE_RATIO: L("Part de la vie passée dans l'emploi actuel", 'Share of life in current job', 'percent', 'f'),
  INCOME_PER_FAMILY_MEMBER: L('Revenu par membre du foyer', 'Income per family member', 'amount'),
  EXT_SOURCES_MEAN: L('Moyenne des scores externes', 'Mean of external scores', 'score', 'f'),
  EXT_SOURCES_MIN: L('Plus bas score externe', 'Lowest external score', 'score'),
  EXT_SOURCES_MAX: L('Plus haut score externe', 'Highest external score', 'score'),
  EXT_SOURCES_PROD: L('Produit des scores externes', 'Product of external scores', 'score'),
  EXT_SOURCES_MISSING: L('Scores externes manquants', 'Missing external scores', 'count', 'm', true),
  DAYS_EMPLOYED_ANOMALY: L('Sans emploi salarié déclaré', 'No declared employment', 'flag'),
};

Object.assign(LABELS, ENGINEERED_LABELS);

/** Every field and engineered feature has a label (checked once at load). */
for (const f of [...APPLICATION_FIELDS, ...ENGINEERED_FEATURES.map((e) => e.name)]) {
  if (!LABELS[f]) throw new Error(`fieldLabels: no label for ${f}`);
}

export function fieldLabelInfo(field: string): FieldLabel | undefined {
  return LABELS[field];
}

/** Short label of an application field or engineered feature; the field name itself when unknown. */
export function fieldLabel(field: string, lang: Lang = 'fr'): string {
  const l = LABELS[field];
  return l ? l[lang] : field;
}

export { categoryLabel } from './categoryLabels';
