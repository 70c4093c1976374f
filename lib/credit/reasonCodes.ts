import { APPLICATION_FIELDS } from '../data/homeCreditSchema';
import { ENGINEERED_FEATURES } from './engineeredFeatures';
import type { Lang } from './fieldLabels';
import { isProtectedField } from './fields';

/**
 * Stable reason codes: a fixed catalogue that names, for any explanation group (application field
 * or engineered feature), the standard reason it belongs to — e.g. `R07 — ratio annuité / revenu
 * défavorable` — in French and English, short and long.
 *
 * Code space: one code per theme and direction. `Rnn` codes push towards refusal, `Ann` codes
 * towards acceptance, and the same number is the same theme on both sides (R07 and A07 are both the
 * annuity-to-income ratio, with the same fields). Codes are stable: a code is never renumbered or
 * reused; a new theme gets the next free number, a retired one keeps its number unused. A group
 * belongs to exactly one theme (checked when this module loads, against every non-protected
 * application field and engineered feature of the full feature specification).
 *
 * Protected attributes (sex, marital status, age and what is computed from them, see
 * fields.ts PROTECTED_FIELDS) never get a code and are never a reason: `reasonCode` throws for
 * them, and the reason builder (explanation.ts) skips them even if a model had such an input.
 */

export type ReasonDirection = 'refusal' | 'acceptance';

export interface ReasonCode {
  /** `R01`…: towards refusal; `A01`…: towards acceptance (same number = same theme). */
  readonly code: string;
  readonly direction: ReasonDirection;
  /** Stable identifier of the theme, shared by the two directions (e.g. `annuity-income`). */
  readonly theme: string;
  /** The explanation groups (application fields and engineered features) the code covers. */
  readonly fields: readonly string[];
  readonly short: Readonly<Record<Lang, string>>;
  readonly long: Readonly<Record<Lang, string>>;
}

interface Wording {
  readonly short: Readonly<Record<Lang, string>>;
  readonly long: Readonly<Record<Lang, string>>;
}

interface Theme {
  readonly number: number;
  readonly theme: string;
  readonly fields: readonly string[];
  readonly refusal: Wording;
  readonly acceptance: Wording;
}

const BUILDING_STATS = [
  'APARTMENTS',
  'BASEMENTAREA',
  'YEARS_BEGINEXPLUATATION',
  'YEARS_BUILD',
  'COMMONAREA',
  'ELEVATORS',
  'ENTRANCES',
  'FLOORSMAX',
  'FLOORSMIN',
  'LANDAREA',
  'LIVINGAPARTMENTS',
  'LIVINGAREA',
  'NONLIVINGAPARTMENTS',
  'NONLIVINGAREA',
] as const;

const w = (shortFr: string, shortEn: string, longFr: string, longEn: string): Wording => ({
  short: { fr: shortFr, en: shortEn },
  long: { fr: longFr, en: longEn },
});

/** The themes, in code order. Never renumber: append new themes at the end. */
const THEMES: readonly Theme[] = [
  {
    number: 1,
    theme: 'external-scores',
    fields: [
      'EXT_SOURCE_1',
      'EXT_SOURCE_2',
      'EXT_SOURCE_3',
      'EXT_SOURCES_MEAN',
      'EXT_SOURCES_MIN',
      'EXT_SOURCES_MAX',
      'EXT_SOURCES_PROD',
      'EXT_SOURCES_MISSING',
    ],
    refusal: w(
      'Scores externes défavorables',
      'Unfavourable external scores',
      'Les scores de crédit fournis par des sources externes (ou leur absence) poussent vers le refus : ils sont en général bas ou manquants.',
      'The credit scores from external sources (or their absence) push towards refusal: they are usually low or missing.',
    ),
    acceptance: w(
      'Scores externes favorables',
      'Favourable external scores',
      "Les scores de crédit fournis par des sources externes poussent vers l'acceptation : ils sont en général élevés.",
      'The credit scores from external sources push towards acceptance: they are usually high.',
    ),
  },
  {
    number: 2,
    theme: 'credit-amount',
    fields: ['AMT_CREDIT', 'AMT_GOODS_PRICE', 'GOODS_CREDIT_RATIO'],
    refusal: w(
      'Montant du crédit défavorable',
      'Unfavourable credit amount',
      'Le montant du crédit, le prix du bien financé ou la part du crédit couverte par ce bien poussent vers le refus.',
      'The credit amount, the price of the goods financed or the share of the credit they cover push towards refusal.',
    ),
    acceptance: w(
      'Montant du crédit favorable',
      'Favourable credit amount',
      "Le montant du crédit, le prix du bien financé ou la part du crédit couverte par ce bien poussent vers l'acceptation.",
      'The credit amount, the price of the goods financed or the share of the credit they cover push towards acceptance.',
    ),
  },
  {
    number: 3,
    theme: 'annuity-term',
    fields: ['AMT_ANNUITY', 'ANNUITY_CREDIT_RATIO'],
    refusal: w(
      'Annuité ou durée du prêt défavorable',
      'Unfavourable annuity or loan term',
      "L'annuité du prêt ou son rapport au montant du crédit (qui traduit la durée de remboursement) poussent vers le refus.",
      'The loan annuity or its ratio to the credit amount (which reflects the repayment term) push towards refusal.',
    ),
    acceptance: w(
      'Annuité ou durée du prêt favorable',
      'Favourable annuity or loan term',
      "L'annuité du prêt ou son rapport au montant du crédit (qui traduit la durée de remboursement) poussent vers l'acceptation.",
      'The loan annuity or its ratio to the credit amount (which reflects the repayment term) push towards acceptance.',
    ),
  },
  {
    number: 4,
    theme: 'contract-type',
    fields: ['NAME_CONTRACT_TYPE'],
    refusal: w(
      'Type de contrat défavorable',
      'Unfavourable contract type',
      'Le type de contrat demandé (prêt en espèces ou crédit renouvelable) pousse vers le refus.',
      'The type of contract applied for (cash loan or revolving loan) pushes towards refusal.',
    ),
    acceptance: w(
      'Type de contrat favorable',
      'Favourable contract type',
      "Le type de contrat demandé (prêt en espèces ou crédit renouvelable) pousse vers l'acceptation.",
      'The type of contract applied for (cash loan or revolving loan) pushes towards acceptance.',
    ),
  },
  {
    number: 5,
    theme: 'income',
    fields: ['AMT_INCOME_TOTAL', 'INCOME_PER_FAMILY_MEMBER', 'NAME_INCOME_TYPE'],
    refusal: w(
      'Revenu défavorable',
      'Unfavourable income',
      'Le revenu du client, son revenu par membre du foyer ou la nature de ses revenus poussent vers le refus.',
      "The client's income, income per household member or source of income push towards refusal.",
    ),
    acceptance: w(
      'Revenu favorable',
      'Favourable income',
      "Le revenu du client, son revenu par membre du foyer ou la nature de ses revenus poussent vers l'acceptation.",
      "The client's income, income per household member or source of income push towards acceptance.",
    ),
  },
  {
    number: 6,
    theme: 'credit-income',
    fields: ['CREDIT_INCOME_RATIO'],
    refusal: w(
      'Ratio crédit / revenu défavorable',
      'Unfavourable credit-to-income ratio',
      'Le montant du crédit rapporté au revenu annuel pousse vers le refus : il est en général élevé.',
      'The credit amount relative to the annual income pushes towards refusal: it is usually high.',
    ),
    acceptance: w(
      'Ratio crédit / revenu favorable',
      'Favourable credit-to-income ratio',
      "Le montant du crédit rapporté au revenu annuel pousse vers l'acceptation : il est en général modéré.",
      'The credit amount relative to the annual income pushes towards acceptance: it is usually moderate.',
    ),
  },
  {
    number: 7,
    theme: 'annuity-income',
    fields: ['ANNUITY_INCOME_RATIO'],
    refusal: w(
      'Ratio annuité / revenu défavorable',
      'Unfavourable annuity-to-income ratio',
      "La part du revenu consacrée au remboursement (taux d'effort, annuité / revenu) pousse vers le refus : elle est en général élevée.",
      'The share of income spent on repayments (annuity / income) pushes towards refusal: it is usually high.',
    ),
    acceptance: w(
      'Ratio annuité / revenu favorable',
      'Favourable annuity-to-income ratio',
      "La part du revenu consacrée au remboursement (taux d'effort, annuité / revenu) pousse vers l'acceptation : elle est en général modérée.",
      'The share of income spent on repayments (annuity / income) pushes towards acceptance: it is usually moderate.',
    ),
  },
  {
    number: 8,
    theme: 'employment-length',
    fields: ['DAYS_EMPLOYED'],
    refusal: w(
      "Ancienneté dans l'emploi défavorable",
      'Unfavourable employment length',
      "L'ancienneté dans l'emploi actuel (ou l'absence d'emploi salarié déclaré) pousse vers le refus : elle est en général courte.",
      'The length of the current employment (or no declared employment) pushes towards refusal: it is usually short.',
    ),
    acceptance: w(
      "Ancienneté dans l'emploi favorable",
      'Favourable employment length',
      "L'ancienneté dans l'emploi actuel (ou l'absence d'emploi salarié déclaré) pousse vers l'acceptation : elle est en général longue.",
      'The length of the current employment (or no declared employment) pushes towards acceptance: it is usually long.',
    ),
  },
  {
    number: 9,
    theme: 'occupation',
    fields: ['OCCUPATION_TYPE', 'ORGANIZATION_TYPE'],
    refusal: w(
      'Profession ou employeur défavorable',
      'Unfavourable occupation or employer',
      'La profession du client ou le secteur de son employeur poussent vers le refus.',
      "The client's occupation or the sector of the employer push towards refusal.",
    ),
    acceptance: w(
      'Profession ou employeur favorable',
      'Favourable occupation or employer',
      "La profession du client ou le secteur de son employeur poussent vers l'acceptation.",
      "The client's occupation or the sector of the employer push towards acceptance.",
    ),
  },
  {
    number: 10,
    theme: 'education',
    fields: ['NAME_EDUCATION_TYPE'],
    refusal: w(
      "Niveau d'études défavorable",
      'Unfavourable education level',
      "Le niveau d'études déclaré pousse vers le refus.",
      'The declared education level pushes towards refusal.',
    ),
    acceptance: w(
      "Niveau d'études favorable",
      'Favourable education level',
      "Le niveau d'études déclaré pousse vers l'acceptation.",
      'The declared education level pushes towards acceptance.',
    ),
  },
  {
    number: 11,
    theme: 'household',
    fields: ['CNT_CHILDREN', 'CNT_FAM_MEMBERS'],
    refusal: w(
      'Taille du foyer défavorable',
      'Unfavourable household size',
      "Le nombre d'enfants ou de membres du foyer à charge pousse vers le refus.",
      'The number of children or household members pushes towards refusal.',
    ),
    acceptance: w(
      'Taille du foyer favorable',
      'Favourable household size',
      "Le nombre d'enfants ou de membres du foyer à charge pousse vers l'acceptation.",
      'The number of children or household members pushes towards acceptance.',
    ),
  },
  {
    number: 12,
    theme: 'housing',
    fields: ['FLAG_OWN_REALTY', 'NAME_HOUSING_TYPE'],
    refusal: w(
      'Situation de logement défavorable',
      'Unfavourable housing situation',
      'Le statut de logement du client (propriétaire, locataire, logé chez ses parents…) pousse vers le refus.',
      "The client's housing situation (owner, tenant, living with parents…) pushes towards refusal.",
    ),
    acceptance: w(
      'Situation de logement favorable',
      'Favourable housing situation',
      "Le statut de logement du client (propriétaire, locataire, logé chez ses parents…) pousse vers l'acceptation.",
      "The client's housing situation (owner, tenant, living with parents…) pushes towards acceptance.",
    ),
  },
  {
    number: 13,
    theme: 'building',
    fields: [
      ...BUILDING_STATS.flatMap((s) => [`${s}_AVG`, `${s}_MODE`, `${s}_MEDI`]),
      'FONDKAPREMONT_MODE',
      'HOUSETYPE_MODE',
      'TOTALAREA_MODE',
      'WALLSMATERIAL_MODE',
      'EMERGENCYSTATE_MODE',
    ],
    refusal: w(
      "Caractéristiques de l'immeuble défavorables",
      'Unfavourable building characteristics',
      "Les caractéristiques de l'immeuble où vit le client (surfaces, étages, âge, matériaux) ou leur absence poussent vers le refus.",
      "The characteristics of the client's building (areas, floors, age, materials) or their absence push towards refusal.",
    ),
    acceptance: w(
      "Caractéristiques de l'immeuble favorables",
      'Favourable building characteristics',
      "Les caractéristiques de l'immeuble où vit le client (surfaces, étages, âge, matériaux) poussent vers l'acceptation.",
      "The characteristics of the client's building (areas, floors, age, materials) push towards acceptance.",
    ),
  },
  {
    number: 14,
    theme: 'car',
    fields: ['FLAG_OWN_CAR', 'OWN_CAR_AGE'],
    refusal: w(
      'Véhicule défavorable',
      'Unfavourable car ownership',
      "La possession d'un véhicule ou son âge poussent vers le refus.",
      'Owning a car, or its age, push towards refusal.',
    ),
    acceptance: w(
      'Véhicule favorable',
      'Favourable car ownership',
      "La possession d'un véhicule ou son âge poussent vers l'acceptation.",
      'Owning a car, or its age, push towards acceptance.',
    ),
  },
  {
    number: 15,
    theme: 'region',
    fields: ['REGION_POPULATION_RELATIVE', 'REGION_RATING_CLIENT', 'REGION_RATING_CLIENT_W_CITY'],
    refusal: w(
      'Région de résidence défavorable',
      'Unfavourable region of residence',
      'La notation de la région (et de la ville) où vit le client ou sa densité de population poussent vers le refus.',
      "The rating of the client's region (and city) or its population density push towards refusal.",
    ),
    acceptance: w(
      'Région de résidence favorable',
      'Favourable region of residence',
      "La notation de la région (et de la ville) où vit le client ou sa densité de population poussent vers l'acceptation.",
      "The rating of the client's region (and city) or its population density push towards acceptance.",
    ),
  },
  {
    number: 16,
    theme: 'addresses',
    fields: [
      'REG_REGION_NOT_LIVE_REGION',
      'REG_REGION_NOT_WORK_REGION',
      'LIVE_REGION_NOT_WORK_REGION',
      'REG_CITY_NOT_LIVE_CITY',
      'REG_CITY_NOT_WORK_CITY',
      'LIVE_CITY_NOT_WORK_CITY',
    ],
    refusal: w(
      'Adresses déclarées défavorables',
      'Unfavourable declared addresses',
      "La concordance entre l'adresse officielle, l'adresse de résidence et l'adresse professionnelle (région, ville) pousse vers le refus.",
      'Whether the registered, home and work addresses match (region, city) pushes towards refusal.',
    ),
    acceptance: w(
      'Adresses déclarées favorables',
      'Favourable declared addresses',
      "La concordance entre l'adresse officielle, l'adresse de résidence et l'adresse professionnelle (région, ville) pousse vers l'acceptation.",
      'Whether the registered, home and work addresses match (region, city) pushes towards acceptance.',
    ),
  },
  {
    number: 17,
    theme: 'identity-changes',
    fields: ['DAYS_REGISTRATION', 'DAYS_ID_PUBLISH', 'DAYS_LAST_PHONE_CHANGE'],
    refusal: w(
      "Changements récents d'enregistrement, de pièce d'identité ou de téléphone",
      'Recent changes of registration, identity document or phone',
      "Le temps écoulé depuis le dernier changement d'enregistrement, de pièce d'identité ou de téléphone pousse vers le refus : ces changements sont en général récents.",
      'The time since the last change of registration, identity document or phone pushes towards refusal: these changes are usually recent.',
    ),
    acceptance: w(
      "Enregistrement, pièce d'identité et téléphone stables",
      'Stable registration, identity document and phone',
      "Le temps écoulé depuis le dernier changement d'enregistrement, de pièce d'identité ou de téléphone pousse vers l'acceptation : ces changements sont en général anciens.",
      'The time since the last change of registration, identity document or phone pushes towards acceptance: these changes are usually old.',
    ),
  },
  {
    number: 18,
    theme: 'contact',
    fields: ['FLAG_MOBIL', 'FLAG_EMP_PHONE', 'FLAG_WORK_PHONE', 'FLAG_CONT_MOBILE', 'FLAG_PHONE', 'FLAG_EMAIL'],
    refusal: w(
      'Moyens de contact défavorables',
      'Unfavourable contact details',
      'Les moyens de contact fournis (téléphones personnel et professionnel, e-mail) poussent vers le refus.',
      'The contact details provided (personal and work phones, e-mail) push towards refusal.',
    ),
    acceptance: w(
      'Moyens de contact favorables',
      'Favourable contact details',
      "Les moyens de contact fournis (téléphones personnel et professionnel, e-mail) poussent vers l'acceptation.",
      'The contact details provided (personal and work phones, e-mail) push towards acceptance.',
    ),
  },
  {
    number: 19,
    theme: 'documents',
    fields: Array.from({ length: 20 }, (_, i) => `FLAG_DOCUMENT_${i + 2}`),
    refusal: w(
      'Documents fournis défavorables',
      'Unfavourable documents provided',
      'Les pièces justificatives fournies (ou manquantes) avec la demande poussent vers le refus.',
      'The supporting documents provided (or missing) with the application push towards refusal.',
    ),
    acceptance: w(
      'Documents fournis favorables',
      'Favourable documents provided',
      "Les pièces justificatives fournies avec la demande poussent vers l'acceptation.",
      'The supporting documents provided with the application push towards acceptance.',
    ),
  },
  {
    number: 20,
    theme: 'credit-bureau-enquiries',
    fields: [
      'AMT_REQ_CREDIT_BUREAU_HOUR',
      'AMT_REQ_CREDIT_BUREAU_DAY',
      'AMT_REQ_CREDIT_BUREAU_WEEK',
      'AMT_REQ_CREDIT_BUREAU_MON',
      'AMT_REQ_CREDIT_BUREAU_QRT',
      'AMT_REQ_CREDIT_BUREAU_YEAR',
    ],
    refusal: w(
      'Consultations du bureau de crédit défavorables',
      'Unfavourable credit bureau enquiries',
      'Le nombre de consultations du bureau de crédit au sujet du client avant la demande pousse vers le refus : il est en général élevé.',
      'The number of credit bureau enquiries about the client before the application pushes towards refusal: it is usually high.',
    ),
    acceptance: w(
      'Consultations du bureau de crédit favorables',
      'Favourable credit bureau enquiries',
      "Le nombre de consultations du bureau de crédit au sujet du client avant la demande pousse vers l'acceptation : il est en général faible.",
      'The number of credit bureau enquiries about the client before the application pushes towards acceptance: it is usually low.',
    ),
  },
  {
    number: 21,
    theme: 'social-circle',
    fields: ['OBS_30_CNT_SOCIAL_CIRCLE', 'DEF_30_CNT_SOCIAL_CIRCLE', 'OBS_60_CNT_SOCIAL_CIRCLE', 'DEF_60_CNT_SOCIAL_CIRCLE'],
    refusal: w(
      "Défauts de paiement dans l'entourage",
      'Payment defaults in the social circle',
      "Les retards et défauts de paiement observés dans l'entourage social du client poussent vers le refus.",
      "The late payments and defaults observed in the client's social circle push towards refusal.",
    ),
    acceptance: w(
      'Entourage sans défaut de paiement',
      'Social circle without payment defaults',
      "Les retards et défauts de paiement observés (ou leur absence) dans l'entourage social du client poussent vers l'acceptation.",
      "The late payments and defaults observed (or their absence) in the client's social circle push towards acceptance.",
    ),
  },
  {
    number: 22,
    theme: 'application-circumstances',
    fields: ['NAME_TYPE_SUITE', 'WEEKDAY_APPR_PROCESS_START', 'HOUR_APPR_PROCESS_START'],
    refusal: w(
      'Circonstances de la demande défavorables',
      'Unfavourable application circumstances',
      "Le jour et l'heure de la demande, ou la personne qui accompagnait le client, poussent vers le refus.",
      'The day and hour of the application, or who accompanied the client, push towards refusal.',
    ),
    acceptance: w(
      'Circonstances de la demande favorables',
      'Favourable application circumstances',
      "Le jour et l'heure de la demande, ou la personne qui accompagnait le client, poussent vers l'acceptation.",
      'The day and hour of the application, or who accompanied the client, push towards acceptance.',
    ),
  },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The whole catalogue: every refusal code (R01…), then every acceptance code (A01…). */
export const REASON_CODES: readonly ReasonCode[] = (['refusal', 'acceptance'] as const).flatMap((direction) =>
  THEMES.map((t) => ({
    code: `${direction === 'refusal' ? 'R' : 'A'}${pad(t.number)}`,
    direction,
    theme: t.theme,
    fields: t.fields,
    short: t[direction].short,
    long: t[direction].long,
  })),
);

/**
 * The explanation groups of the full feature specification (whatever the training set's levels):
 * every application field, then the engineered features explained under their own name.
 */
export function allExplanationGroups(): string[] {
  return [...new Set([...APPLICATION_FIELDS, ...ENGINEERED_FEATURES.map((e) => e.group)])];
}

const BY_KEY = new Map<string, ReasonCode>();
const BY_CODE = new Map<string, ReasonCode>();

/** Checks the catalogue once: well-formed unique codes, known non-protected fields, full coverage. */
function index(): void {
  const groups = allExplanationGroups();
  const known = new Set(groups);
  const themes = new Set<string>();
  for (const t of THEMES) {
    if (themes.has(t.theme)) throw new Error(`reasonCodes: duplicate theme ${t.theme}`);
    themes.add(t.theme);
  }
  for (const c of REASON_CODES) {
    if (!/^[RA]\d{2}$/.test(c.code)) throw new Error(`reasonCodes: malformed code ${c.code}`);
    if (BY_CODE.has(c.code)) throw new Error(`reasonCodes: duplicate code ${c.code}`);
    BY_CODE.set(c.code, c);
    for (const f of c.fields) {
      if (!known.has(f)) throw new Error(`reasonCodes: ${c.code} names ${f}, which is no explanation group`);
      if (isProtectedField(f)) throw new Error(`reasonCodes: ${c.code} names the protected attribute ${f}`);
      const key = `${c.direction}:${f}`;
      const other = BY_KEY.get(key);
      if (other) throw new Error(`reasonCodes: ${f} is in both ${other.code} and ${c.code}`);
      BY_KEY.set(key, c);
    }
  }
  for (const g of groups) {
    if (isProtectedField(g)) continue;
    for (const direction of ['refusal', 'acceptance'] as const) {
      if (!BY_KEY.has(`${direction}:${g}`)) throw new Error(`reasonCodes: no ${direction} code covers ${g}`);
    }
  }
}
index();

/**
 * The code of a group (application field or engineered feature) pushing in a direction. Throws for
 * a protected attribute (never a reason) and for a group the catalogue does not know.
 */
export function reasonCode(group: string, direction: ReasonDirection): ReasonCode {
  if (isProtectedField(group)) throw new Error(`reasonCode: ${group} is a protected attribute and is never a reason`);
  const c = BY_KEY.get(`${direction}:${group}`);
  if (!c) throw new Error(`reasonCode: no code for ${group}`);
  return c;
}

/** The catalogue entry of a code (`R07`), or undefined. */
export function reasonCodeEntry(code: string): ReasonCode | undefined {
  return BY_CODE.get(code);
}

/** A reason as one line with its code, e.g. `R07 — Taux d'effort (annuité / revenu) élevé : 35 % (…)`. */
export function codedReasonText(reason: { readonly code: string; readonly text: string }): string {
  return `${reason.code} — ${reason.text}`;
}
