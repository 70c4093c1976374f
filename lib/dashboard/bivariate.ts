import type { Data } from 'plotly.js';
import { applicationValue, populationValues } from '../analysis/population';
import { seededRows } from '../analysis/sample';
import type { RawValue } from '../data/columnarTable';
import { ownerCache } from '../data/ownerCache';
import { quantileSorted } from '../data/quantile';
import { dictionary, type Locale } from '../i18n';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout } from '../charts/layout';
import { formatCount, formatPercent, formatProbability, formatScaled } from './format';
import { fieldLabel } from './labels';
import { PALETTE, PROBABILITY_SCALE } from '../charts/palette';
import { colon, fill } from './text';

/**
 * Two variables together: a fixed, seeded sample of historical loans coloured by the model's
 * probability, the client as a black star; the data table gives the mean probability over the
 * whole population by quintile of each variable (the client's cell marked).
 */

export const BIVARIATE_SAMPLE = 1500;

const edgesCache = new WeakMap<Float64Array, number[]>();

/** Quintile edges of a population column (cached: pairs of variables change, columns do not). */
function quintileEdges(values: Float64Array): number[] {
  const hit = edgesCache.get(values);
  if (hit) return hit;
  const edges = computeQuintileEdges(values);
  edgesCache.set(values, edges);
  return edges;
}

function computeQuintileEdges(values: Float64Array): number[] {
  const finite = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  return [0.2, 0.4, 0.6, 0.8].map((q) => quantileSorted(finite, q));
}

const quintileOf = (edges: readonly number[], v: number): number => {
  let q = 0;
  while (q < edges.length && v >= edges[q]) q++;
  return q;
};

/** Rounds to `digits` significant digits (keeps the chart's JSON small; the eye cannot tell). */
export function roundSignificant(v: number, digits = 4): number {
  if (!Number.isFinite(v) || v === 0) return v;
  return Number(v.toPrecision(digits));
}

interface PopulationPart {
  readonly sx: number[];
  readonly sy: number[];
  readonly sp: number[];
  readonly cmax: number;
  readonly ex: number[];
  readonly ey: number[];
  readonly sum: number[][];
  readonly cnt: number[][];
  readonly total: number;
  readonly totalN: number;
}

const parts = ownerCache<Float64Array, PopulationPart>();

/** The client-independent part of the view (sample and quintile grid), computed once per pair of variables. */
function populationPart(x: string, y: string, probabilities: Float64Array): PopulationPart {
  return parts(probabilities, `${x}|${y}`, () => {
    const xv = populationValues(x);
    const yv = populationValues(y);
    if (xv.kind !== 'numeric' || yv.kind !== 'numeric') throw new Error('bivariate view needs numeric variables');
    const sample = seededRows(xv.values.length, BIVARIATE_SAMPLE * 2, 20240611)
      .filter((r) => Number.isFinite(xv.values[r]) && Number.isFinite(yv.values[r]))
      .slice(0, BIVARIATE_SAMPLE);
    const sp = Array.from(sample, (r) => Math.round(probabilities[r] * 1000) / 1000);
    const ex = quintileEdges(xv.values);
    const ey = quintileEdges(yv.values);
    const sum = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
    const cnt = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
    let total = 0;
    let totalN = 0;
    for (let r = 0; r < xv.values.length; r++) {
      const a = xv.values[r];
      const b = yv.values[r];
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      const i = quintileOf(ex, a);
      const j = quintileOf(ey, b);
      sum[i][j] += probabilities[r];
      cnt[i][j]++;
      total += probabilities[r];
      totalN++;
    }
    return {
      sx: Array.from(sample, (r) => roundSignificant(xv.values[r])),
      sy: Array.from(sample, (r) => roundSignificant(yv.values[r])),
      sp,
      cmax: Math.max(0.2, quantileSorted(Float64Array.from(sp).sort(), 0.97)),
      ex,
      ey,
      sum,
      cnt,
      total,
      totalN,
    };
  });
}

export function bivariateFigure(
  fields: Readonly<Record<string, RawValue>>,
  x: string,
  y: string,
  probabilities: Float64Array,
  locale: Locale,
): FigureModel {
  const t = dictionary(locale).dashboard.bivariate;
  const { sx, sy, sp, cmax, ex, ey, sum, cnt, total, totalN } = populationPart(x, y, probabilities);
  const xl = fieldLabel(x, locale);
  const yl = fieldLabel(y, locale);
  const cx = applicationValue(fields, x);
  const cy = applicationValue(fields, y);
  const hasClient = typeof cx === 'number' && typeof cy === 'number';
  const fmtX = (v: number) => formatScaled(x, v, locale);
  const fmtY = (v: number) => formatScaled(y, v, locale);

  const ci = hasClient ? quintileOf(ex, cx) : -1;
  const cj = hasClient ? quintileOf(ey, cy) : -1;
  const rangeText = (edges: readonly number[], q: number, fmt: (v: number) => string) =>
    q === 0 ? `< ${fmt(edges[0])}` : q === 4 ? `≥ ${fmt(edges[3])}` : `${fmt(edges[q - 1])} – ${fmt(edges[q])}`;
  const mean = (i: number, j: number) => (cnt[i][j] > 0 ? formatPercent(sum[i][j] / cnt[i][j], locale) : '—');

  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: t.colour,
      x: sx,
      y: sy,
      marker: {
        size: 6,
        color: sp,
        cmin: 0,
        cmax,
        colorscale: PROBABILITY_SCALE.map(([a, c]) => [a, c]) as [number, string][],
        opacity: 0.8,
        line: { color: '#ffffff', width: 0.3 },
        colorbar: { title: { text: t.colour }, tickformat: '.0%', thickness: 12, outlinewidth: 0 },
      },
      // the probability as formatProbability prints it (never « 0,0 % » in the hover)
      customdata: sp.map((p) => formatProbability(p, locale)),
      hovertemplate: `${xl}${colon(locale)}%{x}<br>${yl}${colon(locale)}%{y}<br>${t.colour}${colon(locale)}%{customdata}<extra></extra>`,
    },
  ];
  if (hasClient) {
    data.push({
      type: 'scatter',
      mode: 'text+markers',
      name: dictionary(locale).dashboard.comparison.clientMarker,
      x: [cx],
      y: [cy],
      marker: { symbol: 'star', size: 22, color: PALETTE.ink, line: { color: '#ffffff', width: 1.5 } },
      text: [dictionary(locale).dashboard.comparison.clientMarker],
      textposition: 'top center',
      textfont: { color: PALETTE.ink, size: 13 },
      hovertemplate: `${xl}${colon(locale)}${fmtX(cx)}<br>${yl}${colon(locale)}${fmtY(cy)}<extra></extra>`,
    });
  }
  return {
    id: 'bivariate',
    title: fill(t.title, { x: xl, y: yl }),
    caption: fill(t.caption, {
      xv: hasClient ? fmtX(cx) : '—',
      yv: hasClient ? fmtY(cy) : '—',
      mean: formatPercent(totalN > 0 ? total / totalN : NaN, locale),
      cell: hasClient ? mean(ci, cj) : '—',
    }),
    label: fill(t.label, { x: xl, y: yl }),
    chart: {
      height: 420,
      data,
      layout: baseLayout({
        margin: { l: 16, r: 16, t: 16, b: 16 },
        xaxis: axis({ title: { text: xl } }),
        yaxis: axis({ title: { text: yl } }),
      }),
    },
    table: {
      caption: fill(t.tableCaption, { x: xl, y: yl }),
      columns: [`${xl} \\ ${yl}`, ...[0, 1, 2, 3, 4].map((j) => rangeText(ey, j, fmtY))],
      rows: [0, 1, 2, 3, 4].map((i) => [
        fill(t.quintile, { q: i + 1, range: rangeText(ex, i, fmtX) }),
        ...[0, 1, 2, 3, 4].map((j) => (i === ci && j === cj ? `${mean(i, j)} ${dictionary(locale).dashboard.comparison.clientRow}` : mean(i, j))),
      ]),
      ...(ci >= 0 ? { highlightRow: ci } : {}),
    },
  };
}

/** Number of loans in the sample (for the section's lead). */
export function bivariateSampleText(locale: Locale): string {
  return formatCount(BIVARIATE_SAMPLE, locale);
}
