import type { Data } from 'plotly.js';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout } from '../charts/layout';
import { PALETTE } from '../charts/palette';
import { type Locale } from '../i18n';
import type { DatasetStats } from './dataset';
import { fill, fmtCount, fmtPercent } from './format';
import type { TransformerKind } from './transformer';
import { type T, type WatchPageModel, modelLabel } from './watchPageTypes';

/** The « dataset » section of /veille: the Flipkart products, their categories and text lengths. */

export function datasetModel(stats: DatasetStats, locale: Locale, t: T): WatchPageModel['dataset'] {
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
