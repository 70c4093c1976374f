import { dictionary, type Locale } from '../i18n';
import { attentionFigure } from './attentionView';
import type { DatasetStats } from './dataset';
import { fill, fmtDate } from './format';
import { type Loaded, type NlpLatency, type NlpMetrics, type NlpSeedStudy } from './report';
import type { NlpModelStatus } from './service';
import { MAX_OCCLUDED_WORDS, MAX_TEXT_CHARACTERS } from './text';
import type { AttentionMaps, TransformerKind } from './transformer';
import { oursModel, paperTables } from './watchConcepts';
import { datasetModel } from './watchDataset';
import { resultsModel } from './watchResults';
import { conclusionModel } from './watchConclusion';
import { servedTrainViews } from './watchProtocol';
import { type T, type WatchPageModel, modeName, modelLabel } from './watchPageTypes';

/**
 * View-model of /veille and /veille/note: every figure, table and sentence computed from
 * metrics.json, latency.json, the dataset statistics and the served models; the pages only
 * render it. Nothing is hard-coded but the cited paper figures (lib/nlp/paper.ts). One module per
 * section: watchConcepts, watchDataset, watchResults, watchConclusion; shapes in watchPageTypes.
 */

export * from './watchPageTypes';
export { seedStudySentence, bertVsRoberta } from './watchResults';

/** The demo's words on training: both views (name + description and the name alone) when metrics.json says so. */
export function demoTraining(m: NlpMetrics | null, t: T): { trainedOn: string; shortInput: string; nameLike: string } {
  const both = m !== null && servedTrainViews(m) === 'both';
  return {
    trainedOn: both ? t.demo.trainedOnBoth : t.demo.trainedOn,
    shortInput: both ? t.demo.shortInputBoth : t.demo.shortInput,
    nameLike: t.demo.nameLike,
  };
}

export function watchPageModel(args: {
  locale: Locale;
  metrics: Loaded<NlpMetrics>;
  latency: Loaded<NlpLatency>;
  /** Optional: the fine-tuning seed study (seed_study.json). */
  seedStudy?: Loaded<NlpSeedStudy>;
  dataset: DatasetStats;
  models: readonly NlpModelStatus[];
  attention: { model: TransformerKind; maps: AttentionMaps; productName: string } | null;
}): WatchPageModel {
  const { locale, metrics, latency, seedStudy, dataset, models, attention } = args;
  const t = dictionary(locale).watch;
  const m = metrics.ok ? metrics.value : null;
  const demoTexts = t.demo.attentionFigure;
  return {
    locale,
    metrics: m
      ? {
          ok: true,
          mode: m.mode,
          quick: m.mode === 'quick',
          generatedAt: fill(t.generatedAt, { date: fmtDate(m.generated_at, locale), mode: modeName(m.mode, t) }),
        }
      : {
          ok: false,
          pending: fill(t.pending, {
            reason: metrics.ok ? '' : metrics.reason === 'missing' ? fill(t.missingFile, { file: metrics.file }) : metrics.reason,
          }),
        },
    concepts: {
      paperTables: paperTables(locale, t),
      ours: m ? oursModel(m, locale, t) : null,
      attention: attention
        ? {
            intro: fill(t.concepts.attention.liveIntro, { model: modelLabel(attention.model, t), name: attention.productName }),
            figure: attentionFigure({
              id: 'attention-live',
              maps: attention.maps,
              layer: attention.maps.layers - 1,
              head: 'mean',
              modelLabel: modelLabel(attention.model, t),
              texts: demoTexts,
              locale,
            }),
          }
        : null,
    },
    dataset: datasetModel(dataset, locale, t),
    results: m ? resultsModel(m, latency, seedStudy, locale, t) : null,
    conclusion: conclusionModel(m, locale, t),
    demo: {
      examples: dataset.examples,
      models,
      maxCharacters: MAX_TEXT_CHARACTERS,
      maxWords: MAX_OCCLUDED_WORDS,
      ...demoTraining(m, t),
    },
  };
}
