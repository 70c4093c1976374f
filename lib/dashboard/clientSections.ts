import { defaultRate, fieldDistribution } from '../analysis/distributions';
import { applicationValue, engineeredFeature } from '../analysis/population';
import { DEFAULT_SIMILARITY_FEATURES, type SimilarClients } from '../analysis/similar';
import { ENGINEERED_FEATURES } from '../credit/engineeredFeatures';
import { getHomeCreditStore, type StoredApplication } from '../data/homeCreditStore';
import { APPLICATION_FIELDS, fieldKind } from '../data/homeCreditSchema';
import { dictionary, type Locale } from '../i18n';
import type { FigureModel } from '../charts/chartSpec';
import { categoricalComparisonFigure, numericComparisonFigure } from './comparison';
import { formatCount, formatNumber, formatPercent, formatScaled } from './format';
import { fieldLabel } from './labels';
import { displayValue } from './profile';
import { fill } from './text';
import type { ClientView } from './view';

/** Comparison and similar-clients sections of the client page. */

export interface FieldOption {
  readonly field: string;
  readonly label: string;
}

/** Size of the "similar clients" peer group used by the comparison switch. */
export const PEER_GROUP_SIZE = 500;
/** Number of nearest neighbours listed in the similar-clients table. */
export const NEIGHBOURS_SHOWN = 10;

export interface ComparisonModel {
  readonly top: readonly FieldOption[];
  readonly all: readonly FieldOption[];
  readonly feature: string;
  readonly scope: 'all' | 'similar';
  readonly figure: FigureModel;
}

/** The client's value of a field (application field or engineered feature) as people read it. */
export function clientValueText(app: StoredApplication, field: string, locale: Locale): string {
  if (engineeredFeature(field)) {
    const v = applicationValue(app.fields, field);
    return typeof v === 'number' ? formatScaled(field, v, locale) : dictionary(locale).dashboard.words.missing;
  }
  return displayValue(field, app.fields[field] ?? null, locale);
}

let allOptionsCache: { locale: Locale; options: FieldOption[] }[] = [];

/** Every variable the comparison can show, sorted by label. */
export function allFieldOptions(locale: Locale): readonly FieldOption[] {
  const hit = allOptionsCache.find((c) => c.locale === locale);
  if (hit) return hit.options;
  const options = [...APPLICATION_FIELDS, ...ENGINEERED_FEATURES.filter((e) => e.sources.length > 1).map((e) => e.name)]
    .map((field) => ({ field, label: fieldLabel(field, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  allOptionsCache = [...allOptionsCache, { locale, options }];
  return options;
}

/** The client's k most similar historical loans (the caller chooses the feature space). */
export type SimilarFinder = (k: number) => SimilarClients;

/** Numeric variables only (for the bivariate view's axes). */
export function numericFieldOptions(locale: Locale): readonly FieldOption[] {
  return allFieldOptions(locale).filter((o) => engineeredFeature(o.field) !== undefined || fieldKind(o.field) === 'numeric');
}

export function comparisonModel(
  app: StoredApplication,
  locale: Locale,
  view: ClientView,
  topFields: readonly string[],
  similar: SimilarFinder,
): ComparisonModel {
  const t = dictionary(locale).dashboard;
  const top = topFields.map((field) => ({ field, label: fieldLabel(field, locale) }));
  const feature = view.feature ?? topFields[0] ?? DEFAULT_SIMILARITY_FEATURES[0];
  const store = getHomeCreditStore();
  const peers = view.scope === 'similar' ? similar(PEER_GROUP_SIZE).rows : undefined;
  const scopeText =
    view.scope === 'similar'
      ? fill(t.comparison.scopeSimilar, { n: formatCount(PEER_GROUP_SIZE, locale) })
      : fill(t.comparison.scopeAll, { n: formatCount(store.train.table.rowCount, locale) });
  const clientValue = applicationValue(app.fields, feature);
  const d = fieldDistribution(feature, { rows: peers, clientValue });
  const ctx = { field: feature, label: fieldLabel(feature, locale), scopeText, clientText: clientValueText(app, feature, locale), locale };
  const figure = d.kind === 'numeric' ? numericComparisonFigure(d, ctx) : categoricalComparisonFigure(d, ctx);
  return { top, all: allFieldOptions(locale), feature, scope: view.scope, figure };
}

export interface NeighboursModel {
  readonly lead: string;
  readonly summary: string;
  readonly features: string;
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly { id: number; href: string; cells: readonly string[]; defaulted: boolean; outcome: string }[];
}

/** The client's nearest historical loans and their outcomes; `probability` is the client's (formatted) when known. */
export function neighboursModel(locale: Locale, finder: SimilarFinder, probability?: string): NeighboursModel {
  const t = dictionary(locale).dashboard;
  const store = getHomeCreditStore();
  const similar = finder(NEIGHBOURS_SHOWN);
  const options = { probability };
  const rate = defaultRate(similar.rows);
  // Show the client's neighbours on the first three numeric variables of the similarity.
  const shownFeatures = similar.features.filter((f) => engineeredFeature(f) !== undefined || fieldKind(f) === 'numeric').slice(0, 3);
  const target = store.train.target as Float64Array;
  const rows = similar.neighbours.map((n) => {
    const id = store.train.ids[n.row];
    const other = store.get(id);
    const defaulted = target[n.row] === 1;
    return {
      id,
      href: `/dashboard/clients/${id}`,
      defaulted,
      outcome: defaulted ? t.words.defaulted : t.words.repaid,
      cells: [formatNumber(n.distance, locale, 2), ...shownFeatures.map((f) => (other ? clientValueText(other, f, locale) : ''))],
    };
  });
  const k = formatCount(similar.neighbours.length, locale);
  const summary = options.probability
    ? fill(t.neighbours.summary, {
        defaulted: formatCount(rate.defaulted, locale),
        k,
        rate: formatPercent(rate.rate, locale, 0),
        probability: options.probability,
      })
    : fill(t.neighbours.summaryNoScore, {
        defaulted: formatCount(rate.defaulted, locale),
        k,
        rate: formatPercent(rate.rate, locale, 0),
        average: formatPercent(defaultRate().rate, locale),
      });
  return {
    lead: fill(t.neighbours.lead, { k }),
    summary,
    features: fill(t.neighbours.features, { list: similar.features.map((f) => fieldLabel(f, locale)).join(', ') }),
    caption: fill(t.neighbours.caption, { k }),
    columns: [t.neighbours.id, t.neighbours.outcome, t.neighbours.distance, ...shownFeatures.map((f) => fieldLabel(f, locale))],
    rows,
  };
}
