import { APPLICATION_FIELDS, fieldKind } from '../data/homeCreditSchema';
import { getHomeCreditStore } from '../data/homeCreditStore';
import { ENGINEERED_FEATURES, YEARS_FIELDS, yearsFeatureName } from './engineeredFeatures';
import { type FieldLabel, fieldLabelInfo } from './fieldLabels';
import { type NumericRule, numericRule } from './fieldRules';

/**
 * The field registry: everything the product knows about an application field or an engineered
 * feature, in one place for every consumer — the profile and the reasons (label, display unit),
 * the input boundary of the CLIs and the API and the what-if form (valid values), the what-if and
 * the counterfactual (what a client can act on), the model and the fairness report (protected
 * attributes), the days→years rule. Each fact is written once: labels and units in
 * fieldLabels.ts, valid values in fieldRules.ts, the flags below; `fieldFacts` puts them together.
 */

/**
 * Protected attributes: sex, marital status and age. They are kept in the data to measure fairness
 * (models/credit/fairness.json) but never reach the model, so they can never be a reason either.
 * Anything computed from one of them (AGE_YEARS, EMPLOYED_AGE_RATIO…) is protected too.
 */
export const PROTECTED_FIELDS: ReadonlySet<string> = new Set(['CODE_GENDER', 'NAME_FAMILY_STATUS', 'DAYS_BIRTH']);

/**
 * What a client can change, and how soon: `now` — the request's amounts and the income they can
 * document (the what-if and the counterfactual); `over-time` — their time in employment (the what-if
 * only: no advice can shorten a wait). Every other field describes who the client is or was.
 */
export const ACTIONABLE = {
  AMT_CREDIT: 'now',
  AMT_ANNUITY: 'now',
  AMT_GOODS_PRICE: 'now',
  AMT_INCOME_TOTAL: 'now',
  DAYS_EMPLOYED: 'over-time',
} as const;

export type ActionableField = keyof typeof ACTIONABLE;
export type Actionability = (typeof ACTIONABLE)[ActionableField];

/** The fields a client can change, in the order the what-if form shows them. */
export const ACTIONABLE_FIELDS = Object.keys(ACTIONABLE) as ActionableField[];

export function actionability(field: string): Actionability | undefined {
  return (ACTIONABLE as Readonly<Record<string, Actionability>>)[field];
}

const ENGINEERED_SOURCES = new Map(ENGINEERED_FEATURES.map((e) => [e.name, e.sources]));

/** True for a protected field and for an engineered feature computed from one. */
export function isProtectedField(name: string): boolean {
  if (PROTECTED_FIELDS.has(name)) return true;
  return (ENGINEERED_SOURCES.get(name) ?? []).some((s) => PROTECTED_FIELDS.has(s));
}

export interface FieldFacts {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical' | 'engineered';
  /** FR/EN label, display unit, French gender and number. */
  readonly label: FieldLabel;
  /** Valid values of a numeric application field (undefined for the others). */
  readonly rule?: NumericRule;
  readonly protected: boolean;
  readonly actionable?: Actionability;
  /** For a DAYS_* field shown in years: the name of its years feature (DAYS_BIRTH → AGE_YEARS). */
  readonly yearsFeature?: string;
  /** For an engineered feature: the application fields it is computed from. */
  readonly sources?: readonly string[];
}

function factsOf(name: string, kind: FieldFacts['kind']): FieldFacts {
  const label = fieldLabelInfo(name);
  if (!label) throw new Error(`field registry: no label for ${name}`);
  return {
    name,
    kind,
    label,
    rule: kind === 'numeric' ? numericRule(name) : undefined,
    protected: isProtectedField(name),
    actionable: actionability(name),
    yearsFeature: YEARS_FIELDS.has(name) ? yearsFeatureName(name) : undefined,
    sources: kind === 'engineered' ? ENGINEERED_SOURCES.get(name) : undefined,
  };
}

/** Every application field, then every engineered feature (built once; a field without a label or a rule stops the load). */
export const FIELD_REGISTRY: ReadonlyMap<string, FieldFacts> = new Map([
  ...APPLICATION_FIELDS.map((f) => [f, factsOf(f, fieldKind(f) === 'numeric' ? 'numeric' : 'categorical')] as const),
  ...ENGINEERED_FEATURES.map((e) => [e.name, factsOf(e.name, 'engineered')] as const),
]);

export function fieldFacts(name: string): FieldFacts | undefined {
  return FIELD_REGISTRY.get(name);
}

const categorySets = new Map<string, ReadonlySet<string>>();

/**
 * The valid values of a categorical application field: the categories seen in the data (both
 * sets, read from the store on first use). Every door that scores refuses another value — the
 * API's schemas and the score CLI's reader (the monitor counts such values as « other » instead).
 */
export function knownCategories(field: string): readonly string[] {
  return getHomeCreditStore().column(field)?.categories ?? [];
}

export function knownCategorySet(field: string): ReadonlySet<string> {
  let set = categorySets.get(field);
  if (!set) categorySets.set(field, (set = new Set(knownCategories(field))));
  return set;
}

/** Why a category is refused, worded as the API words it. */
export function unknownCategoryMessage(field: string): string {
  return `must be one of ${knownCategories(field)
    .map((v) => JSON.stringify(v))
    .join(', ')}`;
}
