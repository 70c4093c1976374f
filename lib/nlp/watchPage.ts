import type { Data } from 'plotly.js';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout } from '../charts/layout';
import { COUNT_HEATMAP_SCALE, PALETTE } from '../charts/palette';
import { dictionary, type Locale } from '../i18n';
import { attentionFigure } from './attentionView';
import type { DatasetStats, DemoExample } from './dataset';
import {
  fill,
  fmtBytes,
  fmtCount,
  fmtDate,
  fmtDuration,
  fmtFixed,
  fmtMillions,
  fmtMs,
  fmtNumber,
  fmtPercent,
  fmtSigned,
  localiseFigure,
} from './format';
import { BATCH_TABLE, DATA_SOURCES, GLUE_TABLE, HYPERPARAMETERS, MASKING_TABLE, NSP_TABLE, type PaperTable } from './paper';
import { type Loaded, type ModelEntry, type NlpLatency, type NlpMetrics, type NlpSeedStudy, servingCheckP50 } from './report';
import type { NlpModelStatus } from './service';
import { MAX_OCCLUDED_WORDS, MAX_TEXT_CHARACTERS } from './text';
import type { AttentionMaps, TransformerKind } from './transformer';
import { NLP_MODELS, type NlpModelName } from './models';

/**
 * View-model of /veille and /veille/note: every figure, table and sentence computed from
 * metrics.json, latency.json, the dataset statistics and the served models; the pages only
 * render it. Nothing is hard-coded but the cited paper figures (lib/nlp/paper.ts).
 */

export type ServedModel = NlpModelName;
export const SERVED: readonly ServedModel[] = NLP_MODELS;

export interface TableRow {
  readonly header: string;
  readonly cells: readonly string[];
  /** best[i]: cell i is the best value of the row (marked with ★ and words, not colour). */
  readonly best?: readonly boolean[];
}

export interface TableModel {
  readonly id: string;
  /** `text`: cells are words (wrapped, left-aligned); numeric by default. */
  readonly kind?: 'numeric' | 'text';
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

export interface Target {
  readonly text: string;
  readonly status: 'met' | 'notMet' | 'unknown';
  readonly statusText: string;
  readonly value: string;
}

export interface ResultsModel {
  /** Warnings about how the results were produced (checkpoints used, models not cross-validated yet). */
  readonly notices: readonly string[];
  readonly protocol: string;
  readonly winner: string;
  readonly bertVsRoberta: string | null;
  /** The CV repeated with other fine-tuning seeds (seed_study.json), when that study was run. */
  readonly seedStudy: string | null;
  readonly targets: readonly Target[];
  readonly comparison: TableModel;
  readonly latencySource: string;
  readonly perClassNote: string;
  readonly trainTimeNote: string;
  readonly f1Figure: FigureModel;
  readonly confusion: readonly FigureModel[];
  readonly lossFigure: FigureModel | null;
  readonly accuracyFigure: FigureModel | null;
  readonly ablationTable: TableModel | null;
  readonly ablationSentences: readonly string[];
}

export interface WatchPageModel {
  readonly locale: Locale;
  readonly metrics:
    | { readonly ok: true; readonly mode: string; readonly quick: boolean; readonly generatedAt: string }
    | { readonly ok: false; readonly pending: string };
  readonly concepts: {
    readonly paperTables: readonly TableModel[];
    readonly ours: { readonly intro: string; readonly table: TableModel; readonly ablationNotes: readonly string[] } | null;
    readonly attention: { readonly intro: string; readonly figure: FigureModel } | null;
  };
  readonly dataset: {
    readonly intro: string;
    readonly categories: TableModel;
    readonly examples: readonly { readonly label: string; readonly name: string; readonly description: string; readonly words: string }[];
    readonly lengths: string;
    readonly lengthsTable: TableModel;
    readonly wordsFigure: FigureModel;
    readonly tokensFigure: FigureModel | null;
  };
  readonly results: ResultsModel | null;
  readonly conclusion: { readonly scale: string | null; readonly recommendation: string };
  readonly demo: {
    readonly examples: readonly DemoExample[];
    readonly models: readonly NlpModelStatus[];
    readonly maxCharacters: number;
    readonly maxWords: number;
  };
}

type T = ReturnType<typeof dictionary>['watch'];

export function modelLabel(name: string, t: T): string {
  return (t.modelNames as Record<string, string>)[name] ?? name;
}

export function modeName(mode: string, t: T): string {
  return (t.modeNames as Record<string, string>)[mode] ?? mode;
}

// --- concepts ---

function paperTable(p: PaperTable, caption: string, locale: Locale, t: T, rowNames?: readonly string[], columns?: readonly string[]): TableModel {
  return {
    id: `paper-${p.id}`,
    caption,
    columns: [t.concepts.roberta.setting, ...(columns ?? p.columns)],
    rows: p.rows.map((r, i) => ({ header: rowNames?.[i] ?? r.name, cells: r.values.map((v) => localiseFigure(v, locale)) })),
  };
}

function paperTables(locale: Locale, t: T): TableModel[] {
  const r = t.concepts.roberta;
  const batch = paperTable(BATCH_TABLE, r.tableCaptions.batch, locale, t);
  return [
    paperTable(MASKING_TABLE, r.tableCaptions.masking, locale, t, r.maskingRows),
    paperTable(NSP_TABLE, r.tableCaptions.nsp, locale, t),
    {
      ...batch,
      columns: r.batchColumns,
      rows: BATCH_TABLE.rows.map((row) => ({
        header: localiseFigure(row.values[0], locale),
        cells: row.values.slice(1).map((v) => localiseFigure(v, locale)),
      })),
    },
    paperTable(GLUE_TABLE, r.tableCaptions.glue, locale, t),
    {
      id: 'paper-hyper',
      kind: 'text',
      caption: r.tableCaptions.hyper,
      columns: r.hyperColumns,
      rows: HYPERPARAMETERS.map((h) => ({
        header: (r.hyperRows as Record<string, string>)[h.key] ?? h.key,
        cells: [localiseFigure(h.bert, locale), localiseFigure(h.roberta, locale)],
      })),
    },
    {
      id: 'paper-data',
      caption: r.tableCaptions.data,
      columns: r.dataColumns,
      rows: [
        ...DATA_SOURCES.map((d) => ({ header: d.name, cells: [fmtCount(d.gb, locale), d.bert ? r.yes : r.no] })),
        { header: r.total, cells: [r.totalValue, ''] },
      ],
    },
  ];
}

const RECIPE_ORDER = ['bert', 'roberta', 'bert_dynamic'];

function oursModel(m: NlpMetrics, locale: Locale, t: T): WatchPageModel['concepts']['ours'] {
  const names = RECIPE_ORDER.filter((n) => m.pretraining[n]).concat(Object.keys(m.pretraining).filter((n) => !RECIPE_ORDER.includes(n)));
  if (names.length === 0) return null;
  const o = t.concepts.ours;
  const runs = names.map((n) => m.pretraining[n]);
  const a = m.architecture;
  const row = (header: string, cell: (i: number) => string): TableRow => ({ header, cells: runs.map((_, i) => cell(i)) });
  const v = o.values;
  const table: TableModel = {
    id: 'recipes',
    kind: 'text',
    caption: o.tableCaption,
    columns: [o.columns.property, ...names.map((n) => modelLabel(n, t))],
    rows: [
      row(o.rows.tokenizer, (i) =>
        runs[i].recipe.tokenizer === 'bert'
          ? v.tokenizerBert
          : runs[i].recipe.tokenizer === 'roberta'
            ? v.tokenizerRoberta
            : runs[i].recipe.tokenizer,
      ),
      row(o.rows.objective, (i) =>
        runs[i].recipe.objective === 'mlm+nsp' ? v.objectiveMlmNsp : runs[i].recipe.objective === 'mlm' ? v.objectiveMlm : runs[i].recipe.objective,
      ),
      row(o.rows.masking, (i) =>
        runs[i].recipe.masking === 'static'
          ? fill(v.static, { dupe: runs[i].recipe.dupe_factor ?? 1 })
          : runs[i].recipe.masking === 'dynamic'
            ? v.dynamic
            : runs[i].recipe.masking,
      ),
      row(o.rows.data, (i) => (runs[i].data ? fmtCount(runs[i].data!.documents, locale) : '—')),
      row(o.rows.uniqueTokens, (i) => (runs[i].data?.unique_tokens !== undefined ? fmtCount(runs[i].data!.unique_tokens!, locale) : '—')),
      row(o.rows.batch, (i) => fmtCount(runs[i].recipe.batch_size, locale)),
      row(o.rows.lr, (i) => fmtNumber(runs[i].recipe.lr, locale, 6)),
      row(o.rows.beta2, (i) => fmtNumber(runs[i].recipe.adam_beta2, locale, 3)),
      row(o.rows.tokensSeen, (i) => fmtCount(runs[i].tokens_seen, locale)),
      row(o.rows.steps, (i) => fmtCount(runs[i].steps, locale)),
      row(o.rows.epochs, (i) => (runs[i].epochs_over_data !== undefined ? fmtNumber(runs[i].epochs_over_data!, locale, 2) : '—')),
      row(o.rows.seconds, (i) => fmtDuration(runs[i].seconds, locale)),
      row(o.rows.heldoutAcc, (i) => (runs[i].heldout?.final ? fmtPercent(runs[i].heldout!.final!.accuracy, locale) : '—')),
      row(o.rows.parameters, (i) => {
        const p = runs[i].parameters;
        return p ? `${fmtMillions(p.total, locale)}${p.embeddings !== undefined ? ` (${fmtMillions(p.embeddings, locale)})` : ''}` : '—';
      }),
    ],
  };
  const budget = m.token_budget?.tokens_per_pretraining_run ?? runs[0].token_budget ?? runs[0].tokens_seen;
  const changedNames = t.results.changedNames as Record<string, string>;
  return {
    intro: fill(o.intro, {
      layers: a.num_hidden_layers,
      hidden: a.hidden_size,
      heads: a.num_attention_heads,
      ffn: a.intermediate_size,
      maxLen: a.max_len,
      budget: fmtCount(budget, locale),
    }),
    table,
    ablationNotes: Object.entries(m.ablation).map(([name, ab]) =>
      fill(o.ablationNote, { name: modelLabel(name, t), changed: ab.changed.map((c) => changedNames[c] ?? c).join(', ') }),
    ),
  };
}

// --- dataset ---

function datasetModel(stats: DatasetStats, locale: Locale, t: T): WatchPageModel['dataset'] {
  const d = t.data;
  const kinds = (['bert', 'roberta'] as const).filter((k) => stats.overall.tokens[k]);
  const perCategory = stats.categories.length > 0 ? stats.categories[0].count : 0;
  const equal = stats.categories.every((c) => c.count === perCategory);
  const w = stats.overall.words;
  const maxTokens = kinds.length > 0 ? stats.overall.tokens[kinds[0]]!.maxTokens : 0;
  const share = (k: TransformerKind) => (stats.overall.tokens[k] ? fmtPercent(stats.overall.tokens[k]!.truncatedShare, locale, 0) : '—');
  const longest = [...stats.categories].sort((a, b) => b.words.median - a.words.median)[0];
  const wordsFigure: FigureModel = {
    id: 'words-per-category',
    title: d.wordsFigure.title,
    caption: fill(d.wordsFigure.caption, { longest: longest?.label ?? '', median: fmtCount(longest?.words.median ?? 0, locale) }),
    label: d.wordsFigure.label,
    chart: {
      height: 360,
      data: [
        {
          type: 'bar',
          orientation: 'h',
          y: stats.categories.map((c) => c.label),
          x: stats.categories.map((c) => c.words.median),
          error_x: {
            type: 'data',
            symmetric: false,
            array: stats.categories.map((c) => c.words.p90 - c.words.median),
            arrayminus: stats.categories.map((c) => c.words.median - c.words.p10),
            color: PALETTE.ink,
            thickness: 1.5,
            width: 6,
          },
          marker: { color: PALETTE.neutral },
          hovertemplate: `%{y}<br>${d.wordsFigure.median} : %{x:.0f}<extra></extra>`,
        },
      ],
      layout: baseLayout({
        margin: { l: 16, r: 24, t: 8, b: 16 },
        xaxis: axis({ title: { text: d.wordsFigure.axis }, rangemode: 'tozero' }),
        yaxis: axis({ autorange: 'reversed' }),
      }),
    },
    table: {
      caption: d.lengthsCaption,
      columns: [d.columns.category, d.wordsFigure.p10, d.wordsFigure.median, d.wordsFigure.p90],
      rows: stats.categories.map((c) => [c.label, fmtCount(c.words.p10, locale), fmtCount(c.words.median, locale), fmtCount(c.words.p90, locale)]),
    },
  };
  let tokensFigure: FigureModel | null = null;
  if (stats.tokenHistograms.length > 0) {
    const f = d.tokensFigure;
    const width = stats.tokenHistograms[0].binWidth;
    const bins = Math.max(...stats.tokenHistograms.map((h) => h.counts.length));
    const limit = stats.tokenHistograms[0].maxTokens;
    const patterns = ['', '/'];
    const colors = [PALETTE.repaid, PALETTE.defaulted];
    tokensFigure = {
      id: 'tokens-histogram',
      title: f.title,
      caption: fill(f.caption, { max: limit }),
      label: f.label,
      chart: {
        height: 340,
        data: stats.tokenHistograms.map((h, i) => ({
          type: 'bar',
          name: modelLabel(h.kind, t),
          x: h.counts.map((_, b) => b * h.binWidth + h.binWidth / 2),
          y: h.counts,
          width: h.binWidth * 0.45,
          offset: i === 0 ? -h.binWidth * 0.45 : 0,
          marker: {
            color: colors[i % 2],
            pattern: { shape: patterns[i % 2], fillmode: 'overlay', fgcolor: '#FFFFFF', size: 6, solidity: 0.3 },
            line: { color: PALETTE.ink, width: 0.5 },
          },
          hovertemplate: `${modelLabel(h.kind, t)}<br>${f.range} : %{x}<br>${f.count} : %{y}<extra></extra>`,
        })) as Data[],
        layout: baseLayout({
          showlegend: true,
          barmode: 'overlay',
          margin: { l: 16, r: 16, t: 40, b: 16 },
          xaxis: axis({ title: { text: f.axis }, rangemode: 'tozero' }),
          yaxis: axis({ title: { text: f.count }, rangemode: 'tozero' }),
          shapes: [{ type: 'line', x0: limit, x1: limit, yref: 'paper', y0: 0, y1: 1, line: { color: PALETTE.ink, width: 2, dash: 'dash' } }],
          annotations: [
            {
              x: limit,
              yref: 'paper',
              y: 1,
              text: fill(f.limit, { max: limit }),
              showarrow: false,
              xanchor: 'left',
              yanchor: 'top',
              font: { color: PALETTE.ink },
            },
          ],
        }),
      },
      table: {
        caption: f.title,
        columns: [f.range, ...stats.tokenHistograms.map((h) => modelLabel(h.kind, t))],
        rows: Array.from({ length: bins }, (_, b) => [
          `${b * width}–${(b + 1) * width - 1}`,
          ...stats.tokenHistograms.map((h) => fmtCount(h.counts[b] ?? 0, locale)),
        ]),
      },
    };
  }
  const lengthsColumns = [
    d.columns.category,
    d.columns.products,
    d.columns.wordsMedian,
    d.columns.wordsP90,
    ...kinds.flatMap((k) => [
      fill(d.columns.tokensMedian, { model: modelLabel(k, t) }),
      fill(d.columns.truncated, { model: modelLabel(k, t), max: stats.overall.tokens[k]!.maxTokens }),
    ]),
  ];
  return {
    intro: fill(d.intro, {
      products: fmtCount(stats.products, locale),
      categories: stats.categories.length,
      perCategory: equal ? fmtCount(perCategory, locale) : '≈ ' + fmtCount(stats.products / Math.max(1, stats.categories.length), locale),
    }),
    categories: {
      id: 'categories',
      kind: 'text',
      caption: d.categoriesCaption,
      columns: [d.columns.category, d.columns.products, d.columns.example],
      rows: stats.categories.map((c) => ({ header: c.label, cells: [fmtCount(c.count, locale), c.example.name] })),
    },
    examples: stats.categories.map((c) => ({
      label: c.label,
      name: c.example.name,
      description: c.example.description,
      words: fill(d.exampleWords, { words: fmtCount(c.example.words, locale) }),
    })),
    lengths:
      kinds.length > 0
        ? fill(d.lengths, {
            median: fmtCount(w.median, locale),
            p90: fmtCount(w.p90, locale),
            max: fmtCount(w.max, locale),
            maxTokens,
            bertShare: share('bert'),
            robertaShare: share('roberta'),
          })
        : fill(d.lengthsNoTokens, { median: fmtCount(w.median, locale), p90: fmtCount(w.p90, locale), max: fmtCount(w.max, locale) }),
    lengthsTable: {
      id: 'lengths',
      caption: d.lengthsCaption,
      columns: lengthsColumns,
      rows: stats.categories.map((c) => ({
        header: c.label,
        cells: [
          fmtCount(c.count, locale),
          fmtCount(c.words.median, locale),
          fmtCount(c.words.p90, locale),
          ...kinds.flatMap((k) => [fmtCount(c.tokens[k]?.median ?? NaN, locale), fmtPercent(c.tokens[k]?.truncatedShare ?? NaN, locale, 0)]),
        ],
      })),
    },
    wordsFigure,
    tokensFigure,
  };
}

// --- results ---

function served(m: NlpMetrics): ServedModel[] {
  return SERVED.filter((n) => m.models[n]);
}

function winnerOf(m: NlpMetrics): string | undefined {
  if (m.winner?.model) return m.winner.model;
  return served(m).sort((a, b) => m.models[b].cv.macro_f1.mean - m.models[a].cv.macro_f1.mean)[0];
}

/** The best index of numbers (higher or lower is better); none when fewer than two are finite. */
function bestFlags(values: readonly number[], higher: boolean): boolean[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return values.map(() => false);
  const best = higher ? Math.max(...finite) : Math.min(...finite);
  return values.map((v) => Number.isFinite(v) && v === best);
}

interface LatencyInfo {
  p50: number;
  p99: number;
  throughput: number;
  batch: number | null;
}

function latencyOf(m: NlpMetrics, latency: Loaded<NlpLatency>, name: string): LatencyInfo {
  if (latency.ok) {
    const l = latency.value.models[name];
    if (l) return { p50: l.p50, p99: l.p99, throughput: l.batchTextsPerSecond ?? NaN, batch: l.batchSize ?? null };
  }
  return { p50: servingCheckP50(m, name) ?? NaN, p99: NaN, throughput: NaN, batch: null };
}

function trainSeconds(m: NlpMetrics, name: string): { total: number; text: (locale: Locale, t: T) => string } {
  const entry = m.models[name];
  const fit = entry?.train_seconds ?? NaN;
  const pre = m.pretraining[name]?.seconds;
  if (entry?.kind === 'transformer' && pre !== undefined) {
    return {
      total: pre + (Number.isFinite(fit) ? fit : 0),
      text: (locale, t) => fill(t.results.trainTimeTransformer, { pretrain: fmtDuration(pre, locale), finetune: fmtDuration(fit, locale) }),
    };
  }
  return {
    total: fit,
    text: (locale, t) => (Number.isFinite(fit) ? fill(t.results.trainTimeTfidf, { fit: fmtDuration(fit, locale) }) : t.results.notAvailable),
  };
}

function comparisonTable(m: NlpMetrics, latency: Loaded<NlpLatency>, locale: Locale, t: T): TableModel {
  const r = t.results.rows;
  const names = served(m);
  const entries = names.map((n) => m.models[n]);
  const lat = names.map((n) => latencyOf(m, latency, n));
  const numRow = (header: string, values: number[], format: (v: number) => string, higher: boolean): TableRow => ({
    header,
    cells: values.map((v) => (Number.isFinite(v) ? format(v) : t.results.notAvailable)),
    best: bestFlags(values, higher),
  });
  const meanStd = (e: ModelEntry, key: 'accuracy' | 'macro_f1') => `${fmtFixed(e.cv[key].mean, locale, 3)} ± ${fmtFixed(e.cv[key].std, locale, 3)}`;
  const times = names.map((n) => trainSeconds(m, n));
  const batch = lat.find((l) => l.batch !== null)?.batch ?? 32;
  const rows: TableRow[] = [
    {
      header: r.accuracy,
      cells: entries.map((e) => meanStd(e, 'accuracy')),
      best: bestFlags(
        entries.map((e) => e.cv.accuracy.mean),
        true,
      ),
    },
    {
      header: r.macroF1,
      cells: entries.map((e) => meanStd(e, 'macro_f1')),
      best: bestFlags(
        entries.map((e) => e.cv.macro_f1.mean),
        true,
      ),
    },
    ...m.labels.map((label) =>
      numRow(
        fill(r.f1Of, { label }),
        entries.map((e) => e.cv.per_class[label]?.f1 ?? NaN),
        (v) => fmtFixed(v, locale, 3),
        true,
      ),
    ),
    {
      header: r.trainTime,
      cells: times.map((x) => x.text(locale, t)),
      best: bestFlags(
        times.map((x) => x.total),
        false,
      ),
    },
    numRow(
      r.size,
      entries.map((e) => e.size_bytes ?? NaN),
      (v) => fmtBytes(v, locale),
      false,
    ),
    numRow(
      r.latencyP50,
      lat.map((l) => l.p50),
      (v) => fmtMs(v, locale),
      false,
    ),
    numRow(
      r.latencyP99,
      lat.map((l) => l.p99),
      (v) => fmtMs(v, locale),
      false,
    ),
    numRow(
      fill(r.throughput, { batch }),
      lat.map((l) => l.throughput),
      (v) => fmtCount(v, locale),
      true,
    ),
  ];
  return {
    id: 'comparison',
    kind: 'text',
    caption: fill(t.results.comparisonCaption, { folds: m.protocol.cv.folds }),
    columns: [t.results.metric, ...names.map((n) => modelLabel(n, t))],
    rows,
  };
}

function f1Figure(m: NlpMetrics, locale: Locale, t: T): FigureModel {
  const f = t.results.f1Figure;
  const names = [...served(m), ...Object.keys(m.models).filter((n) => !(SERVED as readonly string[]).includes(n))];
  const means = names.map((n) => m.models[n].cv.macro_f1.mean);
  const stds = names.map((n) => m.models[n].cv.macro_f1.std);
  const best = names[means.indexOf(Math.max(...means))];
  return {
    id: 'f1-by-model',
    title: f.title,
    caption: fill(f.caption, { best: modelLabel(best, t), f1: fmtFixed(Math.max(...means), locale, 3) }),
    label: f.label,
    chart: {
      height: 300,
      data: [
        {
          type: 'bar',
          x: names.map((n) => modelLabel(n, t)),
          y: means,
          error_y: { type: 'data', array: stds, color: PALETTE.ink, thickness: 1.5, width: 8 },
          marker: {
            color: names.map((n) =>
              n === 'tfidf' ? PALETTE.reference : n === 'roberta' ? PALETTE.defaulted : n === 'bert' ? PALETTE.repaid : PALETTE.neutral,
            ),
          },
          text: means.map((v) => fmtFixed(v, locale, 3)),
          textposition: 'outside',
          cliponaxis: false,
          hovertemplate: `%{x}<br>${f.axis} : %{y:.3f}<extra></extra>`,
        },
      ],
      layout: baseLayout({
        margin: { l: 16, r: 16, t: 24, b: 16 },
        yaxis: axis({ title: { text: f.axis }, range: [0, 1.08] }),
        xaxis: axis({}),
      }),
    },
    table: {
      caption: f.title,
      columns: [t.results.metric, f.axis, '±'],
      rows: names.map((n, i) => [modelLabel(n, t), fmtFixed(means[i], locale, 3), fmtFixed(stds[i], locale, 3)]),
    },
  };
}

function confusionFigure(m: NlpMetrics, name: string, locale: Locale, t: T): FigureModel {
  const c = t.results.confusion;
  const cm = m.models[name].cv.confusion_matrix;
  const labels = m.labels;
  const total = cm.flat().reduce((a, b) => a + b, 0);
  const correct = cm.reduce((a, row, i) => a + (row[i] ?? 0), 0);
  const shares = cm.map((row) => {
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (s > 0 ? v / s : 0));
  });
  let worst = { i: -1, j: -1, n: 0 };
  cm.forEach((row, i) =>
    row.forEach((v, j) => {
      if (i !== j && v > worst.n) worst = { i, j, n: v };
    }),
  );
  const model = modelLabel(name, t);
  const text = cm.map((row, i) => row.map((v, j) => `${fmtCount(v, locale)}<br>${fmtPercent(shares[i][j], locale, 0)}`));
  return {
    id: `confusion-${name}`,
    title: fill(c.title, { model }),
    caption:
      worst.n > 0
        ? fill(c.caption, {
            model,
            correct: fmtCount(correct, locale),
            total: fmtCount(total, locale),
            accuracy: fmtPercent(correct / Math.max(1, total), locale),
            actual: labels[worst.i],
            predicted: labels[worst.j],
            count: fmtCount(worst.n, locale),
          })
        : fill(c.captionPerfect, {
            model,
            correct: fmtCount(correct, locale),
            total: fmtCount(total, locale),
            accuracy: fmtPercent(correct / Math.max(1, total), locale),
          }),
    label: fill(c.label, { model }),
    chart: {
      height: 470,
      data: [
        {
          type: 'heatmap',
          x: labels as string[],
          y: labels as string[],
          z: shares,
          text: text as unknown as string[],
          texttemplate: '%{text}',
          textfont: { size: 11, color: PALETTE.ink },
          colorscale: COUNT_HEATMAP_SCALE.map(([a, c]) => [a, c]) as [number, string][],
          zmin: 0,
          zmax: 1,
          showscale: false,
          xgap: 2,
          ygap: 2,
          hovertemplate: `${c.actual} : %{y}<br>${c.predicted} : %{x}<br>%{text}<extra></extra>`,
        },
      ],
      layout: baseLayout({
        margin: { l: 16, r: 16, t: 16, b: 16 },
        xaxis: axis({ title: { text: c.predicted }, side: 'top', tickangle: -35, gridcolor: '#ffffff', tickfont: { size: 10, color: PALETTE.ink } }),
        yaxis: axis({ title: { text: c.actual }, autorange: 'reversed', gridcolor: '#ffffff', tickfont: { size: 10, color: PALETTE.ink } }),
      }),
    },
    table: {
      caption: fill(c.tableCaption, { model }),
      columns: [`${c.actual} \\ ${c.predicted}`, ...labels],
      rows: cm.map((row, i) => [labels[i], ...row.map((v) => fmtCount(v, locale))]),
    },
  };
}

const CURVE_STYLE: Record<string, { color: string; dash: string; symbol: string }> = {
  bert: { color: PALETTE.repaid, dash: 'solid', symbol: 'circle' },
  roberta: { color: PALETTE.defaulted, dash: 'dash', symbol: 'square' },
  bert_dynamic: { color: PALETTE.neutral, dash: 'dot', symbol: 'triangle-up' },
};

function curveFigure(m: NlpMetrics, kind: 'loss' | 'accuracy', locale: Locale, t: T): FigureModel | null {
  const names = RECIPE_ORDER.filter((n) => (m.pretraining[n]?.eval_curve.length ?? 0) > 0);
  if (names.length === 0) return null;
  const f = kind === 'loss' ? t.results.lossFigure : t.results.accuracyFigure;
  const fmt = (v: number) => (kind === 'loss' ? fmtFixed(v, locale, 3) : fmtPercent(v, locale));
  const data: Data[] = names.map((n) => {
    const style = CURVE_STYLE[n] ?? { color: PALETTE.ink, dash: 'solid', symbol: 'diamond' };
    const curve = m.pretraining[n].eval_curve;
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: modelLabel(n, t),
      x: curve.map((p) => p.tokens),
      y: curve.map((p) => (kind === 'loss' ? p.loss : p.accuracy)),
      line: { color: style.color, dash: style.dash as 'solid', width: 2.5 },
      marker: { symbol: style.symbol, size: 8, color: style.color, line: { color: PALETTE.ink, width: 1 } },
      hovertemplate: `${modelLabel(n, t)}<br>${f.x} : %{x:,.0f}<br>${f.y} : %{y:${kind === 'loss' ? '.3f' : '.1%'}}<extra></extra>`,
    };
  });
  const finals = names.map((n) => {
    const curve = m.pretraining[n].eval_curve;
    const last = curve[curve.length - 1];
    return `${modelLabel(n, t)} ${fmt(kind === 'loss' ? last.loss : last.accuracy)}`;
  });
  const points = names.flatMap((n) => m.pretraining[n].eval_curve.map((p) => ({ n, p })));
  return {
    id: `pretraining-${kind}`,
    title: f.title,
    caption: fill(f.caption, { values: finals.join(locale === 'fr' ? ' ; ' : '; ') }),
    label: f.label,
    chart: {
      height: 340,
      data,
      layout: baseLayout({
        showlegend: true,
        margin: { l: 16, r: 16, t: 40, b: 16 },
        xaxis: axis({ title: { text: f.x }, rangemode: 'tozero' }),
        yaxis: axis({ title: { text: f.y }, ...(kind === 'accuracy' ? { tickformat: '.0%', rangemode: 'tozero' } : {}) }),
      }),
    },
    table: {
      caption: f.title,
      columns: [t.results.metric, t.results.tokens, kind === 'loss' ? t.results.loss : t.results.accuracy],
      rows: points.map(({ n, p }) => [modelLabel(n, t), fmtCount(p.tokens, locale), fmt(kind === 'loss' ? p.loss : p.accuracy)]),
    },
  };
}

function ablationModel(m: NlpMetrics, locale: Locale, t: T): { table: TableModel | null; sentences: string[] } {
  const entries = Object.entries(m.ablation);
  if (entries.length === 0) return { table: null, sentences: [] };
  const changedNames = t.results.changedNames as Record<string, string>;
  const pct = (v: number | undefined) => (v === undefined ? '—' : fmtPercent(v, locale));
  const f1 = (v: { mean: number } | undefined) => (v === undefined ? '—' : fmtFixed(v.mean, locale, 3));
  const rows: TableRow[] = [];
  const sentences: string[] = [];
  for (const [name, ab] of entries) {
    const base = ab.compared_with;
    const changed = ab.changed.map((c) => changedNames[c] ?? c).join(', ');
    const baseF1 = ab.cv_macro_f1?.[base] ?? m.models[base]?.cv.macro_f1;
    const varF1 = ab.cv_macro_f1?.[name] ?? m.models[name]?.cv.macro_f1;
    const baseAcc = ab.heldout_masked_accuracy?.[base];
    const varAcc = ab.heldout_masked_accuracy?.[name];
    rows.push({
      header: modelLabel(name, t),
      cells: [modelLabel(base, t), changed, `${pct(baseAcc)} → ${pct(varAcc)}`, `${f1(baseF1)} → ${f1(varF1)}`],
    });
    sentences.push(
      fill(t.results.ablationSentence, {
        variant: modelLabel(name, t),
        base: modelLabel(base, t),
        changed,
        baseF1: f1(baseF1),
        variantF1: f1(varF1),
        delta: baseF1 && varF1 ? fmtSigned((varF1.mean - baseF1.mean) * 100, locale, 1) : '—',
        baseAcc: pct(baseAcc),
        variantAcc: pct(varAcc),
      }),
    );
  }
  return {
    table: { id: 'ablation', kind: 'text', caption: t.results.ablationCaption, columns: t.results.ablationColumns, rows },
    sentences,
  };
}

/** RoBERTa recipe vs BERT recipe: the difference of mean macro-F1 in points and whether it exceeds the fold spread. */
/** One sentence on the fine-tuning seed study: each transformer's mean CV macro-F1 per seed and overall. */
export function seedStudySentence(study: NlpSeedStudy, locale: Locale, t: T): string | null {
  const rt = t.results;
  const names = (['bert', 'roberta'] as const).filter((n) => (study.models[n]?.repetitions.length ?? 0) >= 2);
  if (names.length === 0) return null;
  const entries = names.map((n) => study.models[n]);
  const spread = Math.max(...entries.map((e) => Math.max(...e.repetitions.map((r) => r.mean)) - Math.min(...e.repetitions.map((r) => r.mean))));
  const models = names.map((n, i) =>
    fill(rt.seedStudyModel, {
      model: modelLabel(n, t),
      mean: fmtFixed(entries[i].mean_of_means, locale, 3),
      means: entries[i].repetitions.map((r) => fmtFixed(r.mean, locale, 3)).join(' / '),
    }),
  );
  return fill(rt.seedStudy, {
    seed: study.seed,
    n: Math.max(...entries.map((e) => e.repetitions.length)),
    models: models.join(locale === 'fr' ? ' ; ' : '; '),
    range: fmtFixed(spread * 100, locale, 1),
  });
}

export function bertVsRoberta(m: NlpMetrics): { delta: number; significant: boolean; bert: ModelEntry; roberta: ModelEntry } | null {
  const bert = m.models.bert;
  const roberta = m.models.roberta;
  if (!bert || !roberta) return null;
  const delta = (roberta.cv.macro_f1.mean - bert.cv.macro_f1.mean) * 100;
  const spread = Math.max(bert.cv.macro_f1.std, roberta.cv.macro_f1.std) * 100;
  return { delta, significant: Math.abs(delta) > spread, bert, roberta };
}

function resultsModel(m: NlpMetrics, latency: Loaded<NlpLatency>, seedStudy: Loaded<NlpSeedStudy> | undefined, locale: Locale, t: T): ResultsModel {
  const rt = t.results;
  const winner = winnerOf(m);
  const vs = bertVsRoberta(m);
  const ft = m.config?.finetune;
  const targets: Target[] = [];
  for (const n of ['bert', 'roberta'] as const) {
    const e = m.models[n];
    if (!e) continue;
    const f1 = e.cv.macro_f1.mean;
    targets.push({
      text: fill(rt.targets.f1, { model: modelLabel(n, t) }),
      status: f1 >= 0.9 ? 'met' : 'notMet',
      statusText: f1 >= 0.9 ? rt.targets.met : rt.targets.notMet,
      value: fmtFixed(f1, locale, 3),
    });
    const p50 = latencyOf(m, latency, n).p50;
    const status = Number.isFinite(p50) ? (p50 <= 30 ? 'met' : 'notMet') : 'unknown';
    targets.push({
      text: fill(rt.targets.latency, { model: modelLabel(n, t) }),
      status,
      statusText: rt.targets[status],
      value: fmtMs(p50, locale),
    });
  }
  const l = latency.ok ? latency.value : null;
  const ablation = ablationModel(m, locale, t);
  const notices: string[] = [];
  const checkpoints = Object.entries(m.pretrained_checkpoints);
  if (checkpoints.length > 0) {
    notices.push(
      fill(rt.checkpointsUsed, {
        models: checkpoints.map(([n, from]) => `${modelLabel(n, t)} (${from.split(/[\\/]/).filter(Boolean).pop() ?? from})`).join(', '),
      }),
    );
  }
  const pendingCv = Object.keys(m.not_cross_validated);
  if (pendingCv.length > 0) notices.push(fill(rt.notCrossValidated, { models: pendingCv.map((n) => modelLabel(n, t)).join(', ') }));
  return {
    notices,
    protocol: fill(rt.protocol, {
      folds: m.protocol.cv.folds,
      products: fmtCount(m.n_products, locale),
      epochs: ft?.epochs ?? '—',
      batch: ft?.batch_size ?? '—',
      lr: ft ? fmtNumber(ft.lr, locale, 6) : '—',
    }),
    winner: winner ? fill(rt.winner, { model: modelLabel(winner, t), f1: fmtFixed(m.models[winner]?.cv.macro_f1.mean ?? NaN, locale, 3) }) : '',
    bertVsRoberta: vs
      ? fill(rt.bertVsRoberta, {
          delta: fmtSigned(vs.delta, locale, 1),
          roberta: fmtFixed(vs.roberta.cv.macro_f1.mean, locale, 3),
          bert: fmtFixed(vs.bert.cv.macro_f1.mean, locale, 3),
          significance: fill(vs.significant ? rt.significant : rt.notSignificant, {
            bertStd: fmtFixed(vs.bert.cv.macro_f1.std, locale, 3),
            robertaStd: fmtFixed(vs.roberta.cv.macro_f1.std, locale, 3),
          }),
        })
      : null,
    seedStudy: seedStudy?.ok && m.mode !== 'quick' ? seedStudySentence(seedStudy.value, locale, t) : null,
    targets,
    comparison: comparisonTable(m, latency, locale, t),
    latencySource: fill(rt.latencySource, {
      source: l
        ? fill(rt.latencyFromBench, {
            date: fmtDate(l.measuredAt, locale),
            cpus: l.machine.cpus,
            cpu: l.machine.cpuModel ?? '?',
            node: l.machine.node,
            n: fmtCount(l.texts, locale),
          })
        : rt.latencyFromCheck,
    }),
    perClassNote: fill(rt.perClassNote, { products: fmtCount(m.n_products, locale) }),
    trainTimeNote: rt.trainTimeNote,
    f1Figure: f1Figure(m, locale, t),
    confusion: served(m).map((n) => confusionFigure(m, n, locale, t)),
    lossFigure: curveFigure(m, 'loss', locale, t),
    accuracyFigure: curveFigure(m, 'accuracy', locale, t),
    ablationTable: ablation.table,
    ablationSentences: ablation.sentences,
  };
}

// --- conclusion ---

/** Token positions RoBERTa-large saw in pretraining: 500K steps × 8K sequences × 512 tokens (Liu et al., 2019). */
const ROBERTA_PRETRAINING_TOKENS = 500_000 * 8_192 * 512;

function roundSignificant(v: number, digits: number): number {
  if (!(v > 0)) return v;
  const p = 10 ** (Math.floor(Math.log10(v)) - digits + 1);
  return Math.round(v / p) * p;
}

function vsSentence(m: NlpMetrics, locale: Locale, t: T): string {
  const vs = bertVsRoberta(m);
  if (!vs) return '';
  const c = t.conclusion;
  const delta = fmtSigned(vs.delta, locale, 1);
  const base = Math.abs(vs.delta) < 0.05 ? c.robertaEqual : vs.delta > 0 ? c.robertaBetter : c.robertaWorse;
  return fill(base, { delta }) + (vs.significant || Math.abs(vs.delta) < 0.05 ? '' : ` (${c.withinNoise.replace(/\.$/, '')})`);
}

function conclusionModel(m: NlpMetrics | null, locale: Locale, t: T): WatchPageModel['conclusion'] {
  const c = t.conclusion;
  if (!m) return { scale: null, recommendation: c.recommendation.pending };
  const run = m.pretraining.roberta ?? m.pretraining.bert;
  const ours = run?.tokens_seen ?? m.token_budget?.tokens_per_pretraining_run;
  const params = m.models.roberta?.parameters?.total ?? run?.parameters?.total;
  const scale =
    ours !== undefined
      ? fill(c.scale, {
          ours: fmtCount(ours, locale),
          factor: fmtCount(roundSignificant(ROBERTA_PRETRAINING_TOKENS / ours, 2), locale),
          params: params !== undefined ? fmtMillions(params, locale) : '—',
        })
      : null;
  if (m.mode === 'quick') return { scale, recommendation: c.recommendation.quick };
  const winner = winnerOf(m);
  if (!winner) return { scale, recommendation: c.recommendation.pending };
  const vs = vsSentence(m, locale, t);
  const f1 = fmtFixed(m.models[winner].cv.macro_f1.mean, locale, 3);
  const recommendation =
    winner === 'tfidf' || !m.models[winner] || m.models[winner].kind === 'classical'
      ? fill(c.recommendation.tfidfWins, { winner: modelLabel(winner, t), f1, bertVsRoberta: vs })
      : fill(c.recommendation.transformerWins, {
          winner: modelLabel(winner, t),
          f1,
          tfidf: m.models.tfidf ? fmtFixed(m.models.tfidf.cv.macro_f1.mean, locale, 3) : '—',
          bertVsRoberta: vs,
          size: m.models[winner].size_bytes !== undefined ? fmtBytes(m.models[winner].size_bytes!, locale) : '—',
        });
  return { scale, recommendation };
}

// --- the page ---

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
    demo: { examples: dataset.examples, models, maxCharacters: MAX_TEXT_CHARACTERS, maxWords: MAX_OCCLUDED_WORDS },
  };
}
