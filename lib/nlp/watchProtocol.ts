import { type Locale } from '../i18n';
import { fill, fmtCount, fmtFixed } from './format';
import { type Evaluation, type ModelEntry, type NlpMetrics } from './report';
import { type T, modelLabel } from './watchPageTypes';

/**
 * How the figures of metrics.json were produced (issue #18): grouped folds, training views, the
 * fine-tuning seeds, the name-alone scores, and the models left on the previous protocol. Every
 * field is optional: a metrics.json written before issue #18 has none of them and reads as the
 * previous protocol (stratified folds, name + description, one seed).
 */

/** The training views of the models: 'both' = name + description and the name alone. */
export function trainViews(m: NlpMetrics): 'text' | 'both' {
  return m.protocol.cv.train_views ?? m.protocol.holdout?.train_views ?? 'text';
}

/** The served models' training views (the holdout's, else the CV's). */
export function servedTrainViews(m: NlpMetrics): 'text' | 'both' {
  return m.protocol.holdout?.train_views ?? m.protocol.cv.train_views ?? 'text';
}

export function isGrouped(m: NlpMetrics): boolean {
  return m.protocol.cv.grouped === true;
}

/** The fine-tuning seeds of the transformers' CV (one seed, or none known, before issue #18). */
export function cvSeeds(m: NlpMetrics): readonly number[] {
  return m.protocol.cv.seeds ?? [];
}

/** This model's CV is on the previous protocol (stratified folds, name + description, one seed) while the others' is not. */
export function previousProtocol(m: NlpMetrics, name: string): boolean {
  return m.models[name]?.cv_protocol === 'stratified' && isGrouped(m);
}

/** The model's label, marked « previous protocol » when its CV figures come from it. */
export function cvLabel(m: NlpMetrics, name: string, t: T): string {
  const label = modelLabel(name, t);
  return previousProtocol(m, name) ? fill(t.results.previousProtocolLabel, { model: label }) : label;
}

/** The name-alone CV of a model, if measured. */
export function nameCv(e: ModelEntry | undefined): Evaluation | undefined {
  return e?.cv_name;
}

/** Per-seed means of a model's macro-F1 (name + description), when the CV was repeated with several seeds. */
export function seedMeans(e: ModelEntry | undefined): readonly { seed: number; mean: number }[] {
  const seeds = e?.cv.macro_f1.seeds ?? [];
  return seeds.length >= 2 ? seeds : [];
}

/** Some served transformer's figures are means over several fine-tuning seeds. */
export function hasSeedMeans(m: NlpMetrics): boolean {
  return ['bert', 'roberta'].some((n) => seedMeans(m.models[n]).length >= 2) || cvSeeds(m).length >= 2;
}

/** The comparison table's caption: grouped folds, training views, what the mean ± std is over; today's caption without them. */
export function comparisonCaption(m: NlpMetrics, t: T): string {
  const rt = t.results;
  const folds = m.protocol.cv.folds;
  if (!isGrouped(m)) return fill(rt.comparisonCaption, { folds });
  const seeds = cvSeeds(m).length;
  return fill(rt.comparisonCaptionGrouped, {
    folds,
    views: trainViews(m) === 'both' ? rt.captionViewsBoth : rt.captionViewsText,
    spread: seeds >= 2 ? fill(rt.captionSpreadSeeds, { seeds, folds }) : fill(rt.captionSpreadFolds, { folds }),
  });
}

/** The protocol paragraph of the results: folds (grouped or not), seeds, training views, served models. */
export function protocolSentence(m: NlpMetrics, locale: Locale, t: T, values: Record<string, string | number>): string {
  const { folds, finetune, rest } = protocolParts(m, locale, t, values);
  return [folds, finetune, ...rest].join(' ');
}

/** The sentences of the protocol paragraph: the folds, the fine-tuning, then seeds, views and served models. */
export function protocolParts(
  m: NlpMetrics,
  locale: Locale,
  t: T,
  values: Record<string, string | number>,
): { folds: string; finetune: string; rest: string[] } {
  const rt = t.results;
  const groups = m.protocol.cv.groups;
  const folds = isGrouped(m)
    ? fill(groups ? rt.protocolGroupedWithGroups : rt.protocolGrouped, {
        ...values,
        groups: groups ? fmtCount(groups.count, locale) : '',
        grouped: groups ? fmtCount(groups.products_in_groups, locale) : '',
      })
    : fill(rt.protocolStratified, values);
  const parts: string[] = [];
  const seeds = cvSeeds(m);
  if (seeds.length >= 2) parts.push(fill(rt.protocolSeeds, { n: seeds.length, seeds: seeds.join(', ') }));
  if (trainViews(m) === 'both') parts.push(rt.protocolViewsBoth);
  const h = m.protocol.holdout;
  parts.push(
    h?.grouped || h?.fold !== undefined
      ? fill(rt.protocolServedGrouped, { nTrain: fmtCount(h.n_train, locale), nTest: fmtCount(h.n_test, locale) })
      : rt.protocolServed,
  );
  return { folds, finetune: fill(rt.protocolFinetune, values), rest: parts };
}

/** How many (seed, fold) scores a transformer's mean ± std is over, when several seeds were run. */
export function seedCount(m: NlpMetrics): number {
  return Math.max(cvSeeds(m).length, ...['bert', 'roberta'].map((n) => seedMeans(m.models[n]).length));
}

/** The mean of a model's per-seed means, formatted, and the means themselves. */
export function seedFigures(e: ModelEntry, locale: Locale): { mean: string; means: string; spread: number } | null {
  const seeds = seedMeans(e);
  if (seeds.length < 2) return null;
  const values = seeds.map((s) => s.mean);
  return {
    mean: fmtFixed(values.reduce((a, b) => a + b, 0) / values.length, locale, 3),
    means: values.map((v) => fmtFixed(v, locale, 3)).join(' / '),
    spread: Math.max(...values) - Math.min(...values),
  };
}

/** The seed sentence from metrics.json's per-seed means (issue #18), or null when no transformer has several seeds. */
export function seedMeansSentence(m: NlpMetrics, locale: Locale, t: T): string | null {
  const rt = t.results;
  const names = (['bert', 'roberta'] as const).filter((n) => m.models[n] && seedMeans(m.models[n]).length >= 2);
  if (names.length === 0) return null;
  const figures = names.map((n) => ({ n, f: seedFigures(m.models[n], locale)!, count: seedMeans(m.models[n]).length }));
  return fill(rt.seedMeans, {
    n: Math.max(...figures.map((x) => x.count)),
    seeds: (cvSeeds(m).length >= 2 ? cvSeeds(m) : seedMeans(m.models[names[0]]).map((s) => s.seed)).join(', '),
    models: figures
      .map(({ n, f }) => fill(rt.seedStudyModel, { model: modelLabel(n, t), mean: f.mean, means: f.means }))
      .join(locale === 'fr' ? ' ; ' : '; '),
    range: fmtFixed(Math.max(...figures.map((x) => x.f.spread)) * 100, locale, 1),
  });
}

/** The best served model on the name alone (highest mean macro-F1 of cv_name), if any model was measured so. */
export function bestOnName(m: NlpMetrics, names: readonly string[]): { name: string; f1: number; full: number } | null {
  let best: { name: string; f1: number; full: number } | null = null;
  for (const n of names) {
    const cv = nameCv(m.models[n]);
    if (!cv) continue;
    if (!best || cv.macro_f1.mean > best.f1) best = { name: n, f1: cv.macro_f1.mean, full: m.models[n].cv.macro_f1.mean };
  }
  return best;
}
