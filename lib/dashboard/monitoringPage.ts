import type { Data } from 'plotly.js';
import { dictionary, type Locale } from '../i18n';
import { normaliseSpaces, numberFormat } from '../i18n/intl';
import type { BacktestReport, BacktestRow, FeatureStability, PsiBand, StabilityBin, StabilityReport } from '../monitoring/types';
import type { ChartTable, FigureModel } from '../charts/chartSpec';
import { axis, legendLayout, rankedBarsChart, verticalLine } from '../charts/layout';
import { formatCount, formatNumber, formatPercent, formatPoints, formatScore } from './format';
import { categoryLabel, fieldLabel } from './labels';
import { PALETTE } from '../charts/palette';
import { displayValue } from './profile';
import { colon, fill } from './text';

/**
 * View-model of the « Surveillance du modèle » page: the new applications against the
 * historical loans (score PSI and its distribution, the summary of both populations, the most
 * shifted inputs, every input ranked by PSI) and the back-testing of the out-of-fold
 * probabilities by score decile and by segment, with where the model is weak. Every number is
 * formatted here, every text comes from the dictionaries: the page only renders.
 */

/** A PSI band as people read it (the word; the page adds an icon — never colour alone). */
export interface BandText {
  readonly band: PsiBand;
  readonly text: string;
}

export interface FeatureRow {
  readonly field: string;
  readonly rank: string;
  readonly label: string;
  readonly kind: string;
  readonly psi: string;
  readonly band: BandText;
  readonly missingReference: string;
  readonly missingCurrent: string;
}

export interface SegmentRow {
  readonly label: string;
  /** Count, AUC, observed, predicted, gap, approval rate (display strings). */
  readonly cells: readonly string[];
  /** Why the segment is flagged, in words (or « rien à signaler »). */
  readonly note: string;
  readonly flagged: boolean;
}

export interface SegmentTable {
  readonly field: string;
  readonly heading: string;
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly SegmentRow[];
}

export interface MonitoringPageModel {
  /** Sentences naming the reference, the current population and the model. */
  readonly populations: readonly string[];
  readonly bandsNote: string;
  readonly summary: ChartTable;
  readonly score: {
    readonly psi: string;
    readonly band: BandText;
    readonly sentence: string;
    readonly figure: FigureModel;
  };
  readonly features: {
    readonly summary: string;
    readonly shifted: FigureModel;
    /** Shares of the bins of the most shifted input (null when the report has no input). */
    readonly bins: FigureModel | null;
    readonly table: { readonly caption: string; readonly columns: readonly string[]; readonly rows: readonly FeatureRow[] };
  };
  readonly backtest: {
    readonly lead: string;
    readonly decile: FigureModel;
    readonly rule: string;
    /** Where the model is weakest (or that no segment stands out). */
    readonly weakness: string;
    readonly segments: readonly SegmentTable[];
  };
}

/** Number of inputs in the "most shifted" chart. */
export const SHIFTED_TOP = 10;
/** A segment's AUC this far below the overall AUC flags weaker ranking. */
export const AUC_GAP = 0.03;
/** An observed − predicted gap flags mis-calibration above both this many points and this share of the predicted rate. */
export const GAP_POINTS = 0.01;
export const GAP_RELATIVE = 0.15;
/** Segments smaller than this are never flagged (too few defaults to tell). */
export const MIN_SEGMENT = 500;
/** At most this many weak segments named in the summary sentence. */
const WEAK_LISTED = 5;

/** The pseudo-field of the score's bins (probabilities, shown as percentages). */
const SCORE = '__score__';

const BAND_COLOUR: Record<PsiBand, string> = {
  stable: PALETTE.repaid,
  watch: '#7B3F8C',
  act: PALETTE.defaulted,
};
const HATCH = { shape: '/', fillmode: 'overlay', fgcolor: '#ffffff', size: 7, solidity: 0.25 } as const;

export function bandText(band: PsiBand, locale: Locale): BandText {
  return { band, text: dictionary(locale).monitoring.bands[band] };
}

/** Three fixed decimals (PSI, AUC), so that a column of them lines up: « 0,440 », « 0,062 ». */
function formatFixed3(value: number, locale: Locale): string {
  return normaliseSpaces(numberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value));
}

/** A PSI: three decimals, or two significant digits when tiny (« 0,440 », « 0,012 », « 0,00031 »). */
export function formatPsi(psi: number, locale: Locale): string {
  return psi > 0 && psi < 0.0005 ? formatScore(psi, locale) : formatFixed3(psi, locale);
}

const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|-?Infinity`;
const RANGE = new RegExp(String.raw`^\[\s*(${NUMBER})\s*,\s*(${NUMBER})\s*\)$`, 'i');
const AT_LEAST = new RegExp(String.raw`^(?:≥|>=)\s*(${NUMBER})$`, 'i');
const BELOW = new RegExp(String.raw`^(?:<)\s*(${NUMBER})$`, 'i');
const PLAIN_NUMBER = new RegExp(String.raw`^(?:${NUMBER})$`, 'i');
const MISSING_LABEL = '(missing)';
const OTHER_LABEL = '(other)';
const ALL_LABEL = '(all values)';

function probabilityText(p: number, locale: Locale): string {
  return formatPercent(p, locale, 1);
}

function edgeText(field: string, v: number, locale: Locale): string {
  return field === SCORE ? probabilityText(v, locale) : displayValue(field, v, locale);
}

/**
 * A bin or segment label of the reports (`[lo, hi)`, `< hi`, `≥ lo`, a category, `(missing)`, `(other)`) as people
 * read it: « de 5 % à 10 % », « 60 ans et plus », « Crédit renouvelable », « non renseigné ».
 * A label of any other form is shown as it is.
 */
export function binText(field: string, label: string, locale: Locale): string {
  const c = dictionary(locale).dashboard.comparison;
  const words = dictionary(locale).monitoring.bins;
  if (label === MISSING_LABEL) return c.missingCategory;
  if (label === OTHER_LABEL) return words.other;
  if (label === ALL_LABEL) return words.allValues;
  const range = RANGE.exec(label);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (!Number.isFinite(lo) && Number.isFinite(hi)) return fill(c.below, { v: edgeText(field, hi, locale) });
    if (Number.isFinite(lo) && !Number.isFinite(hi)) return fill(c.atLeast, { v: edgeText(field, lo, locale) });
    if (Number.isFinite(lo) && Number.isFinite(hi)) return fill(c.range, { lo: edgeText(field, lo, locale), hi: edgeText(field, hi, locale) });
    return label;
  }
  const atLeast = AT_LEAST.exec(label);
  if (atLeast && Number.isFinite(Number(atLeast[1]))) return fill(c.atLeast, { v: edgeText(field, Number(atLeast[1]), locale) });
  const below = BELOW.exec(label);
  if (below && Number.isFinite(Number(below[1]))) return fill(c.below, { v: edgeText(field, Number(below[1]), locale) });
  if (field === SCORE) return label;
  // A numeric segment's value (e.g. the region rating « 2 »), or a category.
  if (PLAIN_NUMBER.test(label)) return displayValue(field, Number(label), locale);
  return categoryLabel(field, label, locale);
}

/** Bars of a share or rate per label (a percentage in the hover), hatched for the current population and the observed defaults. */
function rateBars<R>(locale: Locale, name: string, color: string, hatched: boolean, x: string[], rows: readonly R[], y: (row: R) => number): Data {
  return {
    type: 'bar',
    name,
    x,
    y: rows.map(y),
    marker: hatched ? { color, pattern: HATCH, line: { color, width: 1 } } : { color },
    hovertemplate: `%{x}<br>${name}${colon(locale)}%{y:.1%}<extra></extra>`,
  };
}

/** Grouped bars of the shares of both populations in the same bins, the current one hatched. */
function binsFigure(
  id: string,
  field: string,
  bins: readonly StabilityBin[],
  text: { title: string; caption: string; label: string; tableCaption: string; bin: string },
  locale: Locale,
): FigureModel {
  const s = dictionary(locale).monitoring.score;
  const labels = bins.map((b) => binText(field, b.label, locale));
  const data: Data[] = [
    rateBars(locale, s.reference, PALETTE.reference, false, labels, bins, (b) => b.reference),
    rateBars(locale, s.current, PALETTE.repaid, true, labels, bins, (b) => b.current),
  ];
  return {
    id,
    title: text.title,
    caption: text.caption,
    label: text.label,
    chart: {
      height: 360,
      data,
      layout: legendLayout({
        barmode: 'group',
        bargap: 0.2,
        xaxis: axis({ type: 'category', title: { text: text.bin }, tickangle: labels.length > 8 ? -35 : 0 }),
        yaxis: axis({ title: { text: s.axis }, tickformat: '.0%', rangemode: 'tozero' }),
      }),
    },
    table: {
      caption: text.tableCaption,
      columns: [text.bin, s.reference, s.current],
      rows: bins.map((b, i) => [labels[i], formatPercent(b.reference, locale), formatPercent(b.current, locale)]),
    },
  };
}

function scoreFigure(r: StabilityReport, locale: Locale): FigureModel {
  const t = dictionary(locale).monitoring.score;
  return binsFigure(
    'score-distribution',
    SCORE,
    r.score.bins,
    {
      title: t.title,
      caption: fill(t.caption, {
        refApproval: formatPercent(r.reference.approvalRate, locale),
        curApproval: formatPercent(r.current.approvalRate, locale),
        psi: formatPsi(r.score.psi, locale),
        band: bandText(r.score.band, locale).text,
      }),
      label: t.label,
      tableCaption: t.tableCaption,
      bin: t.bin,
    },
    locale,
  );
}

function shiftedFigure(features: readonly FeatureStability[], locale: Locale): FigureModel {
  const t = dictionary(locale).monitoring.features;
  const top = features.slice(0, SHIFTED_TOP);
  const labels = top.map((f) => fieldLabel(f.field, locale));
  const words = top.map((f) => bandText(f.band, locale).text);
  const values = top.map((f) => formatPsi(f.psi, locale));
  const max = Math.max(0, ...top.map((f) => f.psi));
  const range = Math.max(max * 1.45, 0.12);
  const lines = [0.1, 0.25]
    .filter((x) => x <= range)
    .map((x) => verticalLine(x, { color: PALETTE.ink, width: 1.5, dash: 'dot' }, { layer: 'below' }));
  const leader = top[0];
  const caption = leader && leader.band !== 'stable' ? fill(t.caption, { top: labels[0], psi: values[0], band: words[0] }) : t.captionNone;
  return {
    id: 'shifted-inputs',
    title: fill(t.title, { n: top.length }),
    caption,
    label: t.label,
    chart: rankedBarsChart(
      {
        y: labels,
        x: top.map((f) => f.psi),
        marker: {
          color: top.map((f) => BAND_COLOUR[f.band]),
          pattern: { ...HATCH, shape: top.map((f) => (f.band === 'act' ? '/' : '')) },
        },
        text: top.map((_, i) => `${values[i]} · ${words[i]}`),
        hovertemplate: `%{y}${colon(locale)}%{text}<extra></extra>`,
      },
      30,
      { xaxis: axis({ title: { text: t.axis }, range: [0, range] }), shapes: lines, margin: { l: 16, r: 16, t: 8, b: 16 } },
    ),
    table: {
      caption: t.tableCaption,
      columns: [t.feature, t.psi, t.band],
      rows: top.map((f, i) => [labels[i], values[i], words[i]]),
    },
  };
}

function featureRows(features: readonly FeatureStability[], locale: Locale): FeatureRow[] {
  const t = dictionary(locale).monitoring.features;
  return features.map((f, i) => ({
    field: f.field,
    rank: formatCount(i + 1, locale),
    label: fieldLabel(f.field, locale),
    kind: f.kind === 'numeric' ? t.numeric : t.categorical,
    psi: formatPsi(f.psi, locale),
    band: bandText(f.band, locale),
    missingReference: formatPercent(f.missing.reference, locale),
    missingCurrent: formatPercent(f.missing.current, locale),
  }));
}

type Weakness = 'weakRanking' | 'underestimated' | 'overestimated';

/** Observed and predicted rates further apart than both GAP_POINTS and GAP_RELATIVE of the predicted rate. */
function miscalibrated(row: BacktestRow): boolean {
  const gap = Math.abs(row.observedDefaultRate - row.predictedDefaultRate);
  return gap > GAP_POINTS && gap > GAP_RELATIVE * row.predictedDefaultRate;
}

/** Observed − predicted in points, rounded to a tenth first so that a tiny gap reads « 0,0 pts », not « −0,0 pts ». */
function gapText(row: BacktestRow, locale: Locale): string {
  return formatPoints(Math.round((row.observedDefaultRate - row.predictedDefaultRate) * 1000) / 1000, locale);
}

function decileFigure(rows: readonly BacktestRow[], locale: Locale): FigureModel {
  const t = dictionary(locale).monitoring.backtest;
  const labels = rows.map((r) => binText(SCORE, r.label, locale));
  let worst = 0;
  rows.forEach((r, i) => {
    const w = rows[worst];
    if (Math.abs(r.observedDefaultRate - r.predictedDefaultRate) > Math.abs(w.observedDefaultRate - w.predictedDefaultRate)) worst = i;
  });
  const w = rows[worst];
  const data: Data[] = [
    rateBars(locale, t.observed, PALETTE.defaulted, true, labels, rows, (r) => r.observedDefaultRate),
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: t.predicted,
      x: labels,
      y: rows.map((r) => r.predictedDefaultRate),
      line: { color: PALETTE.ink, width: 2 },
      marker: { symbol: 'diamond', size: 10, color: PALETTE.ink },
      hovertemplate: `%{x}<br>${t.predicted}${colon(locale)}%{y:.1%}<extra></extra>`,
    },
  ];
  return {
    id: 'backtest-deciles',
    title: t.decileTitle,
    caption: w
      ? fill(miscalibrated(w) ? t.decileCaptionGap : t.decileCaption, {
          decile: labels[worst],
          predicted: formatPercent(w.predictedDefaultRate, locale),
          observed: formatPercent(w.observedDefaultRate, locale),
        })
      : t.decileTitle,
    label: t.decileLabel,
    chart: {
      height: 360,
      data,
      layout: legendLayout({
        xaxis: axis({ type: 'category', title: { text: t.decile } }),
        yaxis: axis({ title: { text: t.axis }, tickformat: '.0%', rangemode: 'tozero' }),
      }),
    },
    table: {
      caption: t.decileTableCaption,
      columns: [t.decile, t.count, t.predicted, t.observed, t.gap, t.approvalRate],
      rows: rows.map((r, i) => [
        labels[i],
        formatCount(r.count, locale),
        formatPercent(r.predictedDefaultRate, locale),
        formatPercent(r.observedDefaultRate, locale),
        gapText(r, locale),
        formatPercent(r.approvalRate, locale),
      ]),
    },
  };
}

/** Why a segment is weak (empty when it is not, or too small to tell). */
export function segmentWeaknesses(row: BacktestRow, overallAuc: number | null): Weakness[] {
  if (row.count < MIN_SEGMENT) return [];
  const out: Weakness[] = [];
  if (overallAuc !== null && row.auc !== null && row.auc < overallAuc - AUC_GAP) out.push('weakRanking');
  if (miscalibrated(row)) out.push(row.observedDefaultRate > row.predictedDefaultRate ? 'underestimated' : 'overestimated');
  return out;
}

interface WeakSegment {
  readonly field: string;
  readonly segment: string;
  readonly row: BacktestRow;
  readonly reasons: readonly Weakness[];
}

function segmentTables(report: BacktestReport, overallAuc: number | null, locale: Locale): { tables: SegmentTable[]; weak: WeakSegment[] } {
  const t = dictionary(locale).monitoring.backtest;
  const weak: WeakSegment[] = [];
  const tables = report.bySegment.map((s) => {
    const heading = fieldLabel(s.field, locale);
    const rows = s.rows.map((r) => {
      const label = binText(s.field, r.label, locale);
      const reasons = segmentWeaknesses(r, overallAuc);
      if (reasons.length > 0) weak.push({ field: heading, segment: label, row: r, reasons });
      const note = r.count < MIN_SEGMENT ? t.smallSample : reasons.length > 0 ? reasons.map((w) => t[w]).join(', ') : t.ok;
      return {
        label,
        cells: [
          formatCount(r.count, locale),
          r.auc === null ? t.noAuc : formatFixed3(r.auc, locale),
          formatPercent(r.observedDefaultRate, locale),
          formatPercent(r.predictedDefaultRate, locale),
          gapText(r, locale),
          formatPercent(r.approvalRate, locale),
        ],
        note,
        flagged: reasons.length > 0,
      };
    });
    return {
      field: s.field,
      heading,
      caption: fill(t.segmentCaption, { field: heading }),
      columns: [t.segment, t.count, t.auc, t.observed, t.predicted, t.gap, t.approvalRate, t.note],
      rows,
    };
  });
  return { tables, weak };
}

/** Weakest first: weaker ranking before mis-calibration, then the lower AUC, then the larger relative gap. */
function severity(w: WeakSegment): number {
  const auc = w.row.auc ?? 1;
  const gap = Math.abs(w.row.observedDefaultRate - w.row.predictedDefaultRate) / Math.max(w.row.predictedDefaultRate, 1e-6);
  return (w.reasons.includes('weakRanking') ? 10 : 0) + (1 - auc) * 5 + Math.min(gap, 1);
}

function weaknessSentence(weak: readonly WeakSegment[], locale: Locale): string {
  const t = dictionary(locale).monitoring.backtest;
  if (weak.length === 0) return t.noWeakness;
  const list = [...weak]
    .sort((a, b) => severity(b) - severity(a))
    .slice(0, WEAK_LISTED)
    .map((w) =>
      fill(t.weakItem, {
        field: w.field,
        segment: w.segment,
        reasons: w.reasons.map((r) => t[r]).join(', '),
        auc: w.row.auc === null ? t.noAuc : formatFixed3(w.row.auc, locale),
        observed: formatPercent(w.row.observedDefaultRate, locale),
        predicted: formatPercent(w.row.predictedDefaultRate, locale),
      }),
    );
  return fill(t.weakSummary, { list: list.join(locale === 'fr' ? ' ; ' : '; ') });
}

/**
 * The page's view-model. `overallAuc` is the model's AUC on the same out-of-fold probabilities
 * (the model card), against which each segment's AUC is judged; null skips that criterion.
 */
export function monitoringPageModel(
  stability: StabilityReport,
  backtest: BacktestReport,
  locale: Locale,
  overallAuc: number | null,
): MonitoringPageModel {
  const t = dictionary(locale).monitoring;
  const p = t.populations;
  const f = t.features;
  const b = t.backtest;
  const { reference: ref, current: cur } = stability;
  const counts: Record<PsiBand, number> = { stable: 0, watch: 0, act: 0 };
  for (const x of stability.features) counts[x.band]++;
  const top = stability.features[0];
  const { tables, weak } = segmentTables(backtest, overallAuc, locale);
  return {
    populations: [
      fill(p.reference, { n: formatCount(ref.count, locale) }),
      fill(p.current, { n: formatCount(cur.count, locale) }),
      fill(p.model, { name: stability.model.name, version: stability.model.version, threshold: formatPercent(stability.model.threshold, locale, 2) }),
    ],
    bandsNote: t.bandsNote,
    summary: {
      caption: p.caption,
      columns: [p.measure, p.referenceColumn, p.currentColumn],
      rows: [
        [p.count, formatCount(ref.count, locale), formatCount(cur.count, locale)],
        [p.approvalRate, formatPercent(ref.approvalRate, locale), formatPercent(cur.approvalRate, locale)],
        [p.meanProbability, formatPercent(ref.meanProbability, locale), formatPercent(cur.meanProbability, locale)],
        [p.missingRate, formatPercent(ref.missingRate, locale), formatPercent(cur.missingRate, locale)],
        [
          p.defaultRate,
          ref.defaultRate === undefined ? p.unknownYet : formatPercent(ref.defaultRate, locale),
          cur.defaultRate === undefined ? p.unknownYet : formatPercent(cur.defaultRate, locale),
        ],
      ],
    },
    score: {
      psi: formatPsi(stability.score.psi, locale),
      band: bandText(stability.score.band, locale),
      sentence: t.score.sentence[stability.score.band],
      figure: scoreFigure(stability, locale),
    },
    features: {
      summary: fill(f.summary, {
        n: formatCount(stability.features.length, locale),
        act: formatCount(counts.act, locale),
        watch: formatCount(counts.watch, locale),
        stable: formatCount(counts.stable, locale),
      }),
      shifted: shiftedFigure(stability.features, locale),
      bins: top
        ? binsFigure(
            'shifted-input-bins',
            top.field,
            top.bins,
            {
              title: fill(f.binsTitle, { field: fieldLabel(top.field, locale) }),
              caption: fill(f.binsCaption, { psi: formatPsi(top.psi, locale), band: bandText(top.band, locale).text }),
              label: fill(f.binsLabel, { field: fieldLabel(top.field, locale) }),
              tableCaption: fill(f.binsTableCaption, { field: fieldLabel(top.field, locale) }),
              bin: f.bin,
            },
            locale,
          )
        : null,
      table: {
        caption: fill(f.allCaption, { n: formatCount(stability.features.length, locale) }),
        columns: [f.rank, f.feature, f.kind, f.psi, f.band, f.missingReference, f.missingCurrent],
        rows: featureRows(stability.features, locale),
      },
    },
    backtest: {
      lead: fill(b.lead, { n: formatCount(ref.count, locale) }),
      decile: decileFigure(backtest.byDecile, locale),
      rule: fill(b.rule, {
        aucGap: formatNumber(AUC_GAP, locale, 2),
        auc: overallAuc === null ? '—' : formatFixed3(overallAuc, locale),
        points: formatNumber(GAP_POINTS * 100, locale, 0),
        relative: formatPercent(GAP_RELATIVE, locale, 0),
        min: formatCount(MIN_SEGMENT, locale),
      }),
      weakness: weaknessSentence(weak, locale),
      segments: tables,
    },
  };
}
