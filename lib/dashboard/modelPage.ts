import type { Data } from 'plotly.js';
import { dictionary, type Locale } from '../i18n';
import { normaliseSpaces, numberFormat } from '../i18n/intl';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout, confusionChart, legendLayout, rankedBarsChart, verticalLine } from '../charts/layout';
import { formatCount, formatDateTime, formatNumber, formatPercent } from './format';
import { fieldLabel } from './labels';
import { type FairnessSectionModel, fairnessSectionModel } from './modelFairness';
import type { ModelReport } from './modelReport';
import { rankScaledValues, type ShapSample } from '../analysis/shapSample';
import { PALETTE, PROBABILITY_SCALE } from '../charts/palette';
import { colon, fill } from './text';

/**
 * View-model of the « Modèle » page: global importance, ROC and precision-recall curves,
 * reliability curve, cost versus threshold, confusion matrix at the threshold, and the metrics
 * table — every figure an accessible FigureModel built from the model's reports.
 */

export interface ModelPageModel {
  readonly beeswarm: FigureModel | null;
  readonly summary: readonly { label: string; value: string }[];
  readonly quick: boolean;
  readonly evaluatedOn: string;
  readonly metrics: { readonly caption: string; readonly rows: readonly (readonly [string, string])[] };
  readonly importance: FigureModel;
  readonly roc: FigureModel;
  readonly pr: FigureModel;
  readonly reliability: FigureModel;
  readonly cost: FigureModel;
  readonly confusion: FigureModel;
  /** The candidate calibration maps (log-loss, Brier, ECE) and the selection rule. */
  readonly calibration: {
    readonly caption: string;
    readonly columns: readonly string[];
    readonly rows: readonly { readonly header: string; readonly cells: readonly string[]; readonly chosen: boolean }[];
    readonly selection: string;
  };
  readonly fairness: FairnessSectionModel;
  /** Data coverage, what the model must not be used for, fairness in one line, training date and version. */
  readonly limits: readonly { readonly label: string; readonly text: string | null; readonly items: readonly string[] }[];
}

/** At most n points of a curve, evenly spaced by index, keeping the first and the last. */
export function samplePoints<T>(points: readonly T[], n: number): T[] {
  if (points.length <= n) return [...points];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(points[Math.round((i * (points.length - 1)) / (n - 1))]);
  return out;
}

const IMPORTANCE_TOP = 15;

function importanceFigure(r: ModelReport, locale: Locale): FigureModel {
  const t = dictionary(locale).model.importance;
  const groups = r.importance.slice(0, IMPORTANCE_TOP);
  const labels = groups.map((g) => fieldLabel(g.group, locale));
  return {
    id: 'importance',
    title: fill(t.title, { n: groups.length }),
    caption: fill(t.caption, { top: labels[0] ?? '', second: labels[1] ?? '', third: labels[2] ?? '' }),
    label: t.label,
    chart: rankedBarsChart(
      {
        y: labels,
        x: groups.map((g) => g.meanAbsShap),
        marker: { color: PALETTE.neutral },
        text: groups.map((g) => formatNumber(g.meanAbsShap, locale, 3)),
        hovertemplate: `%{y}${colon(locale)}%{x:.3f}<extra></extra>`,
      },
      26,
      { xaxis: axis({ title: { text: t.value }, rangemode: 'tozero' }), margin: { l: 16, r: 48, t: 8, b: 16 } },
    ),
    table: {
      caption: t.tableCaption,
      columns: [t.feature, t.value],
      rows: r.importance.slice(0, 30).map((g) => [fieldLabel(g.group, locale), formatNumber(g.meanAbsShap, locale, 4)]),
    },
  };
}

const BEESWARM_TOP = 12;
/** Grey for categorical variables (no low/high order), 4.6:1 on white. */
const UNORDERED = '#6B7584';

/** Pearson correlation of two equally long series, ignoring pairs with a NaN. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
    n++;
    sa += a[i];
    sb += b[i];
  }
  if (n < 3) return NaN;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : NaN;
}

/** SHAP summary: one row per variable, one dot per sampled client at its SHAP value, coloured by the client's value (low → high). */
export function beeswarmFigure(sample: ShapSample, groups: readonly string[], locale: Locale): FigureModel {
  const t = dictionary(locale).model.beeswarm;
  const G = sample.groups.length;
  const n = sample.rows.length;
  let seed = 7;
  const jitter = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.6;
  const data: Data[] = [];
  const rows: string[][] = [];
  const labels = groups.map((g) => fieldLabel(g, locale));
  groups.forEach((group, gi) => {
    const col = sample.groups.indexOf(group);
    if (col < 0) return;
    const shap = Float64Array.from({ length: n }, (_, i) => sample.shap[i * G + col]);
    const colour = rankScaledValues(group, sample.rows);
    const ordered = colour.some((v) => Number.isFinite(v));
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: labels[gi],
      x: Array.from(shap),
      y: Array.from({ length: n }, () => gi + jitter()),
      marker: ordered
        ? {
            size: 5,
            opacity: 0.75,
            color: Array.from(colour, (v) => (Number.isFinite(v) ? v : 0.5)),
            cmin: 0,
            cmax: 1,
            colorscale: PROBABILITY_SCALE.map(([a, c]) => [a, c]) as [number, string][],
            showscale: gi === 0,
            colorbar: { title: { text: '' }, tickvals: [0, 1], ticktext: [t.low, t.high], thickness: 12, outlinewidth: 0, len: 0.5 },
          }
        : { size: 5, opacity: 0.75, color: UNORDERED },
      hovertemplate: `${labels[gi]}${colon(locale)}%{x:.3f}<extra></extra>`,
      showlegend: false,
    });
    const meanAbs = shap.reduce((a, v) => a + Math.abs(v), 0) / n;
    const r = correlation(colour, shap);
    const direction = !ordered || !Number.isFinite(r) || Math.abs(r) < 0.2 ? t.mixed : r > 0 ? t.higherRefusal : t.higherAcceptance;
    rows.push([labels[gi], formatNumber(meanAbs, locale, 3), direction]);
  });
  return {
    id: 'beeswarm',
    title: fill(t.title, { n: formatCount(n, locale) }),
    caption: t.caption,
    label: t.label,
    chart: {
      height: 80 + groups.length * 34,
      data,
      layout: baseLayout({
        margin: { l: 16, r: 16, t: 8, b: 16 },
        xaxis: axis({ title: { text: t.axis }, zeroline: true, zerolinecolor: PALETTE.ink }),
        yaxis: axis({ tickvals: groups.map((_, i) => i), ticktext: labels, range: [groups.length - 0.5, -0.5], showgrid: false, zeroline: false }),
      }),
    },
    table: { caption: t.tableCaption, columns: [t.feature, t.meanAbs, t.correlation], rows },
  };
}

function operatingPoint(c: ModelReport['confusion']) {
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  const fpr = c.fp / Math.max(1, c.fp + c.tn);
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  return { recall, fpr, precision };
}

/** The dashed line a curve is read against (chance, base rate, perfect calibration). */
function referenceLine(name: string, x: number[], y: number[]): Data {
  return { type: 'scatter', mode: 'lines', name, x, y, line: { color: PALETTE.reference, dash: 'dash', width: 1.5 }, hoverinfo: 'skip' };
}

/** The diamond of the chosen threshold on a curve. */
const OPERATING_MARKER = { symbol: 'diamond', size: 13, color: PALETTE.ink } as const;

/** A curve of the model (ROC, precision-recall) in percentages, against its reference line, with the operating point at the threshold. */
function curveFigure(
  id: string,
  t: {
    heading: string;
    caption: string;
    label: string;
    tableCaption: string;
    reference: string;
    model: string;
    operating: string;
    threshold: string;
    x: string;
    y: string;
  },
  curve: { x: number[]; y: number[]; referenceY: number[]; operating: readonly [number, number]; table: readonly (readonly number[])[] },
  locale: Locale,
): FigureModel {
  const hover = `${t.x}${colon(locale)}%{x:.1%}<br>${t.y}${colon(locale)}%{y:.1%}<extra></extra>`;
  const data: Data[] = [
    referenceLine(t.reference, [0, 1], curve.referenceY),
    { type: 'scatter', mode: 'lines', name: t.model, x: curve.x, y: curve.y, line: { color: PALETTE.repaid, width: 3 }, hovertemplate: hover },
    {
      type: 'scatter',
      mode: 'markers',
      name: t.operating,
      x: [curve.operating[0]],
      y: [curve.operating[1]],
      marker: OPERATING_MARKER,
      hovertemplate: `${t.operating}<br>${hover}`,
    },
  ];
  return {
    id,
    title: t.heading,
    caption: t.caption,
    label: t.label,
    chart: {
      height: 340,
      data,
      layout: legendLayout({
        xaxis: axis({ title: { text: t.x }, tickformat: '.0%', range: [0, 1] }),
        yaxis: axis({ title: { text: t.y }, tickformat: '.0%', range: [0, 1.02] }),
      }),
    },
    table: { caption: t.tableCaption, columns: [t.threshold, t.x, t.y], rows: curve.table.map((row) => row.map((v) => formatPercent(v, locale))) },
  };
}

function rocFigure(r: ModelReport, locale: Locale): FigureModel {
  const t = dictionary(locale).model.roc;
  const op = operatingPoint(r.confusion);
  return curveFigure(
    'roc',
    { ...t, caption: fill(t.caption, { auc: formatNumber(r.metrics.rocAuc, locale, 3) }), reference: t.chance, x: t.fpr, y: t.tpr },
    {
      x: r.curves.roc.map((p) => p.fpr),
      y: r.curves.roc.map((p) => p.tpr),
      referenceY: [0, 1],
      operating: [op.fpr, op.recall],
      table: samplePoints(r.curves.roc.slice(1), 15).map((p) => [p.threshold, p.fpr, p.tpr]),
    },
    locale,
  );
}

function prFigure(r: ModelReport, locale: Locale): FigureModel {
  const t = dictionary(locale).model.pr;
  const roc = dictionary(locale).model.roc;
  const op = operatingPoint(r.confusion);
  const base = r.positives / r.rows;
  return curveFigure(
    'pr',
    {
      ...t,
      caption: fill(t.caption, { ap: formatNumber(r.metrics.prAuc, locale, 3), base: formatPercent(base, locale) }),
      reference: t.baseline,
      model: roc.model,
      operating: roc.operating,
      threshold: roc.threshold,
      x: t.recall,
      y: t.precision,
    },
    {
      x: r.curves.pr.map((p) => p.recall),
      y: r.curves.pr.map((p) => p.precision),
      referenceY: [base, base],
      operating: [op.recall, op.precision],
      table: samplePoints(r.curves.pr, 15).map((p) => [p.threshold, p.recall, p.precision]),
    },
    locale,
  );
}

function reliabilityFigure(r: ModelReport, locale: Locale): FigureModel {
  const t = dictionary(locale).model.reliability;
  const pts = r.curves.reliability;
  const max = Math.max(0.05, ...pts.map((p) => Math.max(p.predicted, p.observed))) * 1.05;
  const data: Data[] = [
    referenceLine(t.perfect, [0, max], [0, max]),
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: t.observed,
      x: pts.map((p) => p.predicted),
      y: pts.map((p) => p.observed),
      line: { color: PALETTE.repaid, width: 2 },
      marker: { size: 8, color: PALETTE.repaid, line: { color: PALETTE.ink, width: 1 } },
      customdata: pts.map((p) => formatCount(p.count, locale)),
      hovertemplate: `${t.predicted}${colon(locale)}%{x:.1%}<br>${t.observed}${colon(locale)}%{y:.1%}<br>${t.count}${colon(locale)}%{customdata}<extra></extra>`,
    },
  ];
  return {
    id: 'reliability',
    title: t.heading,
    caption: fill(t.caption, { brier: formatNumber(r.metrics.brier, locale, 4) }),
    label: t.label,
    chart: {
      height: 340,
      data,
      layout: legendLayout({
        xaxis: axis({ title: { text: t.predicted }, tickformat: '.0%', range: [0, max] }),
        yaxis: axis({ title: { text: t.observed }, tickformat: '.0%', range: [0, max] }),
      }),
    },
    table: {
      caption: t.tableCaption,
      columns: [t.predicted, t.observed, t.count],
      rows: pts.map((p) => [formatPercent(p.predicted, locale), formatPercent(p.observed, locale), formatCount(p.count, locale)]),
    },
  };
}

function costFigure(r: ModelReport, locale: Locale): FigureModel {
  const t = dictionary(locale).model.cost;
  const pts = r.curves.cost;
  const perClient = pts.map((p) => p.cost / r.rows);
  const best = r.metrics.costPerClient;
  return {
    id: 'cost',
    title: t.heading,
    caption: fill(t.caption, { threshold: formatPercent(r.threshold, locale), cost: formatNumber(best, locale, 3) }),
    label: t.label,
    chart: {
      height: 340,
      data: [
        {
          type: 'scatter',
          mode: 'lines',
          name: t.cost,
          x: pts.map((p) => p.threshold),
          y: perClient,
          line: { color: PALETTE.repaid, width: 3 },
          hovertemplate: `${t.threshold}${colon(locale)}%{x:.1%}<br>${t.cost}${colon(locale)}%{y:.3f}<extra></extra>`,
        },
        {
          type: 'scatter',
          mode: 'markers',
          name: t.chosen,
          x: [r.threshold],
          y: [best],
          marker: OPERATING_MARKER,
          hovertemplate: `${t.chosen}${colon(locale)}%{x:.1%}<br>${t.cost}${colon(locale)}%{y:.3f}<extra></extra>`,
        },
      ],
      layout: legendLayout({
        xaxis: axis({ title: { text: t.threshold }, tickformat: '.0%', range: [0, 0.6] }),
        yaxis: axis({ title: { text: t.cost }, rangemode: 'tozero' }),
        shapes: [verticalLine(r.threshold, { color: PALETTE.ink, width: 2, dash: 'dash' })],
        annotations: [
          {
            x: r.threshold,
            y: 1,
            xref: 'x',
            yref: 'paper',
            yanchor: 'bottom',
            xanchor: 'left',
            showarrow: false,
            text: `${t.chosen}${colon(locale)}${formatPercent(r.threshold, locale)}`,
          },
        ],
      }),
    },
    table: {
      caption: t.tableCaption,
      columns: [t.threshold, t.cost],
      rows: [
        ...samplePoints(
          pts.filter((p) => p.threshold <= 0.6),
          16,
        ),
        { threshold: r.threshold, cost: r.metrics.cost },
      ]
        .sort((a, b) => a.threshold - b.threshold)
        .map((p) => [
          p.threshold === r.threshold ? `${formatPercent(p.threshold, locale)} (${t.chosen})` : formatPercent(p.threshold, locale),
          formatNumber(p.cost / r.rows, locale, 3),
        ]),
    },
  };
}

function confusionFigure(r: ModelReport, locale: Locale): FigureModel {
  const t = dictionary(locale).model.confusion;
  const c = r.confusion;
  const positives = c.tp + c.fn;
  const negatives = c.tn + c.fp;
  // Rows: actual outcome; columns: decision. Shares within each actual outcome.
  const z = [
    [c.tn / negatives, c.fp / negatives],
    [c.fn / positives, c.tp / positives],
  ];
  const counts = [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ];
  const text = counts.map((row, i) => row.map((n, j) => `${formatCount(n, locale)}<br>(${formatPercent(z[i][j], locale)})`));
  return {
    id: 'confusion',
    title: t.heading,
    caption: fill(t.caption, {
      threshold: formatPercent(r.threshold, locale),
      tp: formatCount(c.tp, locale),
      positives: formatCount(positives, locale),
      recall: formatPercent(c.tp / positives, locale),
      fp: formatCount(c.fp, locale),
      negatives: formatCount(negatives, locale),
    }),
    label: t.label,
    chart: confusionChart(
      { labels: { x: [t.accept, t.refuse], y: [t.repaid, t.defaulted] }, z, text, actual: t.actual, predicted: t.predicted, colon: colon(locale) },
      { height: 300, fontSize: 15, gap: 3 },
    ),
    table: {
      caption: t.tableCaption,
      columns: [`${t.actual} \\ ${t.predicted}`, t.accept, t.refuse],
      rows: [
        [t.repaid, formatCount(c.tn, locale), formatCount(c.fp, locale)],
        [t.defaulted, formatCount(c.fn, locale), formatCount(c.tp, locale)],
      ],
    },
  };
}

function calibrationModel(r: ModelReport, locale: Locale): ModelPageModel['calibration'] {
  const t = dictionary(locale).model.calibrationMethods;
  const fixed4 = (v: number) => normaliseSpaces(numberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(v));
  return {
    caption: t.caption,
    columns: [t.method, t.logLoss, t.brier, t.ece, t.extremes],
    rows: r.calibration.candidates.map((c) => ({
      header: c.chosen ? `${c.method} (${t.chosen})` : c.method,
      cells: [
        c.logLoss === null ? (c.exactlyZeroOrOne === null ? t.notRecorded : t.infinite) : fixed4(c.logLoss),
        fixed4(c.brier),
        fixed4(c.ece),
        c.exactlyZeroOrOne === null ? t.notRecorded : formatCount(c.exactlyZeroOrOne, locale),
      ],
      chosen: c.chosen,
    })),
    selection: r.calibration.selection === null ? t.selectionUnknown : fill(t.selection, { rule: r.calibration.selection }),
  };
}

function limitsModel(r: ModelReport, locale: Locale): ModelPageModel['limits'] {
  const t = dictionary(locale).model.limits;
  const l = r.limits;
  return [
    { label: t.coverageLabel, text: l.coverage, items: [] },
    { label: t.notForLabel, text: null, items: l.notFor },
    { label: t.fairnessLabel, text: l.fairness, items: [] },
    { label: t.trainedLabel, text: fill(t.trained, { version: l.version, date: formatDateTime(new Date(l.createdAt), locale) }), items: [] },
  ];
}

export function modelPageModel(r: ModelReport, locale: Locale, sample?: ShapSample): ModelPageModel {
  const t = dictionary(locale).model;
  const n = t.metrics.names;
  const op = operatingPoint(r.confusion);
  return {
    quick: r.quick,
    evaluatedOn: fill(t.metrics.evaluatedOn, { rows: formatCount(r.rows, locale) }),
    summary: [
      { label: t.summary.version, value: r.version },
      { label: t.summary.trainedAt, value: formatDateTime(new Date(r.createdAt), locale) },
      {
        label: t.summary.algorithm,
        value: fill(t.summary.algorithmText, {
          type: r.algorithm.type,
          trees: formatCount(r.algorithm.trees, locale),
          candidate: r.algorithm.candidate,
        }),
      },
      { label: t.summary.threshold, value: formatPercent(r.threshold, locale, 2) },
      {
        label: t.summary.costs,
        value: fill(t.summary.costsText, { fn: formatNumber(r.costs.falseNegative, locale), fp: formatNumber(r.costs.falsePositive, locale) }),
      },
    ],
    metrics: {
      caption: t.metrics.caption,
      rows: [
        [n.rocAuc, formatNumber(r.metrics.rocAuc, locale, 3)],
        [n.prAuc, formatNumber(r.metrics.prAuc, locale, 3)],
        [fill(n.brier, { before: formatNumber(r.metrics.brierBefore, locale, 4) }), formatNumber(r.metrics.brier, locale, 4)],
        [fill(n.ece, { before: formatNumber(r.metrics.eceBefore, locale, 4) }), formatNumber(r.metrics.ece, locale, 4)],
        [n.calibration, r.metrics.calibration],
        [n.costPerClient, formatNumber(r.metrics.costPerClient, locale, 3)],
        [n.costVsAcceptAll, formatPercent(r.metrics.cost / r.metrics.acceptAll, locale)],
        [fill(n.costVsBaseline, { name: r.metrics.baselineName }), formatPercent(r.metrics.cost / r.metrics.baselineCost, locale)],
        [
          fill(n.costAtTheoretical, {
            fraction: `${formatNumber(r.costs.falsePositive, locale)}/${formatNumber(r.costs.falsePositive + r.costs.falseNegative, locale)}`,
            value: formatPercent(r.theoreticalThreshold, locale, 2),
          }),
          formatNumber(r.metrics.costAtTheoretical / r.rows, locale, 3),
        ],
        [n.refusalRate, formatPercent(r.metrics.refusalRate, locale)],
        [n.recall, formatPercent(op.recall, locale)],
        [n.precision, formatPercent(op.precision, locale)],
        [n.rows, `${formatCount(r.rows, locale)} (${formatCount(r.positives, locale)})`],
      ],
    },
    importance: importanceFigure(r, locale),
    beeswarm: sample
      ? beeswarmFigure(
          sample,
          r.importance.slice(0, BEESWARM_TOP).map((g) => g.group),
          locale,
        )
      : null,
    roc: rocFigure(r, locale),
    pr: prFigure(r, locale),
    reliability: reliabilityFigure(r, locale),
    cost: costFigure(r, locale),
    confusion: confusionFigure(r, locale),
    calibration: calibrationModel(r, locale),
    fairness: fairnessSectionModel(r.fairness, locale),
    limits: limitsModel(r, locale),
  };
}
