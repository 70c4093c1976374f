import type { Locale } from '../i18n/intl';
/**
 * Human labels of every category value of the Home Credit application fields, in French and
 * English — the one table the engine's reasons, the dashboard and the API use. Values absent
 * from the table (none in the shipped data; a test checks it) are shown as in the data.
 */

type Pair = readonly [fr: string, en: string];

const YES_NO: Record<string, Pair> = { Y: ['oui', 'yes'], N: ['non', 'no'] };
const NOT_AVAILABLE: Pair = ['non renseigné', 'not available'];

const industry = (n: number): Pair => [`industrie : type ${n}`, `industry: type ${n}`];
const trade = (n: number): Pair => [`commerce : type ${n}`, `trade: type ${n}`];
const transport = (n: number): Pair => [`transport : type ${n}`, `transport: type ${n}`];
const business = (n: number): Pair => [`entreprise : type ${n}`, `business entity: type ${n}`];
const numbered = (make: (n: number) => Pair, prefix: string, count: number): Record<string, Pair> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i + 1}`, make(i + 1)]));

export const CATEGORY_LABELS: Readonly<Record<string, Readonly<Record<string, Pair>>>> = {
  CODE_GENDER: { F: ['femme', 'woman'], M: ['homme', 'man'], XNA: NOT_AVAILABLE },
  FLAG_OWN_CAR: YES_NO,
  FLAG_OWN_REALTY: YES_NO,
  EMERGENCYSTATE_MODE: { Yes: ['oui', 'yes'], No: ['non', 'no'] },
  NAME_CONTRACT_TYPE: {
    'Cash loans': ['prêt personnel', 'cash loan'],
    'Revolving loans': ['crédit renouvelable', 'revolving loan'],
    // Only in the history tables (previous applications).
    'Consumer loans': ['crédit à la consommation', 'consumer loan'],
    XNA: NOT_AVAILABLE,
  },
  NAME_INCOME_TYPE: {
    Working: ['salarié', 'employee'],
    'Commercial associate': ['associé commercial', 'commercial associate'],
    Pensioner: ['retraité', 'pensioner'],
    'State servant': ['fonctionnaire', 'civil servant'],
    Unemployed: ['sans emploi', 'unemployed'],
    Student: ['étudiant', 'student'],
    Businessman: ["chef d'entreprise", 'business owner'],
    'Maternity leave': ['congé maternité', 'maternity leave'],
  },
  NAME_EDUCATION_TYPE: {
    'Secondary / secondary special': ['secondaire', 'secondary'],
    'Higher education': ['supérieur', 'higher education'],
    'Incomplete higher': ['supérieur inachevé', 'incomplete higher education'],
    'Lower secondary': ['premier cycle du secondaire', 'lower secondary'],
    'Academic degree': ['diplôme universitaire', 'academic degree'],
  },
  NAME_FAMILY_STATUS: {
    Married: ['marié(e)', 'married'],
    'Single / not married': ['célibataire', 'single'],
    'Civil marriage': ['union civile', 'civil union'],
    Separated: ['séparé(e)', 'separated'],
    Widow: ['veuf / veuve', 'widowed'],
  },
  NAME_HOUSING_TYPE: {
    'House / apartment': ['maison / appartement', 'house / apartment'],
    'With parents': ['chez ses parents', 'with parents'],
    'Municipal apartment': ['logement municipal', 'municipal housing'],
    'Rented apartment': ['location', 'rented apartment'],
    'Office apartment': ['logement de fonction', 'company housing'],
    'Co-op apartment': ['coopérative', 'co-op apartment'],
  },
  NAME_TYPE_SUITE: {
    Unaccompanied: ['seul(e)', 'alone'],
    Family: ['famille', 'family'],
    'Spouse, partner': ['conjoint', 'spouse or partner'],
    Children: ['enfants', 'children'],
    'Group of people': ['groupe', 'group of people'],
    Other_A: ['autre (A)', 'other (A)'],
    Other_B: ['autre (B)', 'other (B)'],
  },
  WEEKDAY_APPR_PROCESS_START: {
    MONDAY: ['lundi', 'Monday'],
    TUESDAY: ['mardi', 'Tuesday'],
    WEDNESDAY: ['mercredi', 'Wednesday'],
    THURSDAY: ['jeudi', 'Thursday'],
    FRIDAY: ['vendredi', 'Friday'],
    SATURDAY: ['samedi', 'Saturday'],
    SUNDAY: ['dimanche', 'Sunday'],
  },
  OCCUPATION_TYPE: {
    Laborers: ['ouvriers', 'labourers'],
    'Sales staff': ['vente', 'sales staff'],
    'Core staff': ['personnel qualifié', 'core staff'],
    Managers: ['cadres', 'managers'],
    Drivers: ['chauffeurs', 'drivers'],
    'High skill tech staff': ['techniciens qualifiés', 'high-skill technical staff'],
    Accountants: ['comptables', 'accountants'],
    'Medicine staff': ['personnel médical', 'medical staff'],
    'Security staff': ['sécurité', 'security staff'],
    'Cooking staff': ['cuisine', 'cooking staff'],
    'Cleaning staff': ['nettoyage', 'cleaning staff'],
    'Private service staff': ['services à la personne', 'private service staff'],
    'Low-skill Laborers': ['ouvriers non qualifiés', 'low-skill labourers'],
    'Waiters/barmen staff': ['serveurs / barmen', 'waiters / bar staff'],
    Secretaries: ['secrétaires', 'secretaries'],
    'Realty agents': ['agents immobiliers', 'estate agents'],
    'HR staff': ['ressources humaines', 'HR staff'],
    'IT staff': ['informatique', 'IT staff'],
  },
  ORGANIZATION_TYPE: {
    Advertising: ['publicité', 'advertising'],
    Agriculture: ['agriculture', 'agriculture'],
    Bank: ['banque', 'bank'],
    ...numbered(business, 'Business Entity Type ', 3),
    Cleaning: ['nettoyage', 'cleaning'],
    Construction: ['construction', 'construction'],
    Culture: ['culture', 'culture'],
    Electricity: ['électricité', 'electricity'],
    Emergency: ["services d'urgence", 'emergency services'],
    Government: ['administration', 'government'],
    Hotel: ['hôtellerie', 'hotel'],
    Housing: ['logement', 'housing'],
    ...numbered(industry, 'Industry: type ', 13),
    Insurance: ['assurance', 'insurance'],
    Kindergarten: ['crèche / école maternelle', 'kindergarten'],
    'Legal Services': ['services juridiques', 'legal services'],
    Medicine: ['santé', 'medicine'],
    Military: ['armée', 'military'],
    Mobile: ['téléphonie mobile', 'mobile'],
    Other: ['autre', 'other'],
    Police: ['police', 'police'],
    Postal: ['poste', 'postal services'],
    Realtor: ['immobilier', 'real estate'],
    Religion: ['religion', 'religion'],
    Restaurant: ['restauration', 'restaurant'],
    School: ['école', 'school'],
    Security: ['sécurité', 'security'],
    'Security Ministries': ['ministères de la sécurité', 'security ministries'],
    'Self-employed': ['indépendant', 'self-employed'],
    Services: ['services', 'services'],
    Telecom: ['télécommunications', 'telecoms'],
    ...numbered(trade, 'Trade: type ', 7),
    ...numbered(transport, 'Transport: type ', 4),
    University: ['université', 'university'],
    XNA: NOT_AVAILABLE,
  },
  FONDKAPREMONT_MODE: {
    'not specified': ['non précisé', 'not specified'],
    'org spec account': ['compte spécial d’organisme', 'organisation special account'],
    'reg oper account': ['compte d’opérateur régional', 'regional operator account'],
    'reg oper spec account': ['compte spécial d’opérateur régional', 'regional operator special account'],
  },
  HOUSETYPE_MODE: {
    'block of flats': ['immeuble', 'block of flats'],
    'specific housing': ['logement spécifique', 'specific housing'],
    'terraced house': ['maison mitoyenne', 'terraced house'],
  },
  WALLSMATERIAL_MODE: {
    Block: ['blocs', 'block'],
    Mixed: ['mixte', 'mixed'],
    Monolithic: ['monolithe', 'monolithic'],
    Others: ['autre', 'other'],
    Panel: ['panneaux', 'panel'],
    'Stone, brick': ['pierre, brique', 'stone, brick'],
    Wooden: ['bois', 'wood'],
  },
};

/** A category value as shown to an analyst in the given language. */
export function categoryLabel(field: string, value: string, lang: Locale = 'fr'): string {
  const pair = CATEGORY_LABELS[field]?.[value];
  return pair ? pair[lang === 'fr' ? 0 : 1] : value;
}
