import { dictionary, type Locale } from '../i18n';
import type { DatasetStats } from './dataset';
import { fill, fmtCount, fmtDate, fmtNumber } from './format';
import type { Loaded, NlpMetrics } from './report';
import { MAX_OCCLUDED_WORDS } from './text';
import { modeName, type TableModel, type WatchPageModel } from './watchPage';
import { isGrouped, nameCv, protocolParts, seedCount } from './watchProtocol';

/**
 * View-model of the methodology note (/veille/note): the note's paragraphs filled with the
 * values of metrics.json, and the tables of the /veille page model (the note shows tables, not
 * interactive charts, so that it prints cleanly).
 */

export interface NoteModel {
  readonly generated: string | null;
  readonly pending: string | null;
  readonly data: readonly string[];
  readonly preprocessing: readonly string[];
  readonly models: readonly string[];
  readonly protocol: readonly string[];
  readonly evaluation: readonly string[];
  readonly interpretability: readonly string[];
  readonly tables: {
    readonly categories: TableModel;
    readonly lengths: TableModel;
    readonly recipes: TableModel | null;
    readonly comparison: TableModel | null;
    readonly confusion: readonly TableModel[];
    readonly ablation: TableModel | null;
  };
}

const DASH = '—';

export function noteModel(args: {
  locale: Locale;
  page: WatchPageModel;
  metrics: Loaded<NlpMetrics>;
  dataset: DatasetStats;
  dir: string;
}): NoteModel {
  const { locale, page, metrics, dataset, dir } = args;
  const t = dictionary(locale).watch.note;
  const m = metrics.ok ? metrics.value : null;
  const recipe = (name: string) => m?.pretraining[name]?.recipe;
  const num = (v: number | undefined, digits = 6) => (v === undefined ? DASH : fmtNumber(v, locale, digits));
  const a = m?.architecture;
  const ft = m?.config?.finetune;
  const perCategory = dataset.categories[0]?.count ?? 0;
  const values: Record<string, string | number> = {
    products: fmtCount(dataset.products, locale),
    categories: dataset.categories.length,
    perCategory: fmtCount(perCategory, locale),
    labels: dataset.labels.join(', '),
    maxLen: a?.max_len ?? DASH,
    layers: a?.num_hidden_layers ?? DASH,
    hidden: a?.hidden_size ?? DASH,
    heads: a?.num_attention_heads ?? DASH,
    ffn: a?.intermediate_size ?? DASH,
    budget: m?.token_budget ? fmtCount(m.token_budget.tokens_per_pretraining_run, locale) : DASH,
    bertBatch: recipe('bert')?.batch_size ?? DASH,
    bertLr: num(recipe('bert')?.lr),
    bertBeta2: num(recipe('bert')?.adam_beta2, 3),
    robertaBatch: recipe('roberta')?.batch_size ?? DASH,
    robertaLr: num(recipe('roberta')?.lr),
    robertaBeta2: num(recipe('roberta')?.adam_beta2, 3),
    dataRatio: m?.token_budget?.data_ratio ?? DASH,
    epochs: ft?.epochs ?? DASH,
    batch: ft?.batch_size ?? DASH,
    lr: num(ft?.lr),
    folds: m?.protocol.cv.folds ?? DASH,
    seed: m?.protocol.seed ?? DASH,
    nTrain: m?.protocol.holdout ? fmtCount(m.protocol.holdout.n_train, locale) : DASH,
    nTest: m?.protocol.holdout ? fmtCount(m.protocol.holdout.n_test, locale) : DASH,
    threads: m?.environment?.threads ?? DASH,
    maxWords: MAX_OCCLUDED_WORDS,
  };
  const filled = (ps: readonly string[]) => ps.map((p) => fill(p, values));
  const r = page.results;
  const w = dictionary(locale).watch;
  // Issue #18: grouped folds, several seeds, the name alone; the note's paragraphs of the previous protocol otherwise.
  const protocol = filled(t.protocol);
  const evaluation = filled(t.evaluation);
  if (m && isGrouped(m)) {
    const parts = protocolParts(m, locale, w, { ...values, products: fmtCount(m.n_products, locale) });
    protocol[1] = fill(t.protocolFinetuneGrouped, { ...values, cv: [parts.folds, ...parts.rest].join(' ') });
  }
  const seeds = m ? seedCount(m) : 0;
  if (m && seeds >= 2) {
    const folds = m.protocol.cv.folds;
    evaluation[0] = fill(t.evaluationSeeds, {
      views: Object.values(m.models).some((e) => nameCv(e)) ? t.evaluationViews : '',
      n: seeds * folds,
      seeds,
      folds,
    });
  }
  return {
    generated: m ? fill(t.generated, { date: fmtDate(m.generated_at, locale), mode: modeName(m.mode, dictionary(locale).watch), dir }) : null,
    pending: m
      ? null
      : fill(t.noResults, {
          reason: metrics.ok
            ? ''
            : metrics.reason === 'missing'
              ? fill(dictionary(locale).watch.missingFile, { file: metrics.file })
              : metrics.reason,
        }),
    data: filled(t.data),
    preprocessing: filled(t.preprocessing),
    models: filled(t.models),
    protocol,
    evaluation,
    interpretability: filled(t.interpretability),
    tables: {
      categories: page.dataset.categories,
      lengths: page.dataset.lengthsTable,
      recipes: page.concepts.ours?.table ?? null,
      comparison: r?.comparison ?? null,
      confusion: (r?.confusion ?? []).map((f) => ({
        id: f.id,
        caption: f.table.caption,
        columns: f.table.columns,
        rows: f.table.rows.map((row) => ({ header: row[0], cells: row.slice(1) })),
      })),
      ablation: r?.ablationTable ?? null,
    },
  };
}
