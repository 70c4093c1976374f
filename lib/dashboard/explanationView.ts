import type { Data, PlotData } from 'plotly.js';

/** Plotly's bar `base` (floating bars) is missing from @types/plotly.js. */
type FloatingBar = Partial<PlotData> & { readonly base: number[] };
const floatingBar = (trace: FloatingBar): Data => trace as Data;
import type { Explanation, Reason } from '../credit/types';
import { dictionary, type Locale } from '../i18n';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout, verticalLine } from '../charts/layout';
import { formatNumber, formatProbability, formatScaled, formatSigned } from './format';
import { categoryLabel, fieldLabel } from './labels';
import { PALETTE } from '../charts/palette';
import { displayValue } from './profile';
import { colon, fill } from './text';
import { engineeredFeature } from '../analysis/population';

/**
 * The local explanation: a horizontal waterfall of the top N contributions (in log-odds, the
 * model's additive scale: base value + Σ contributions = the client's score), each labelled
 * with the client's value, the remaining factors gathered in one bar; and the engine's
 * plain-language reasons towards refusal and towards acceptance.
 */

export interface ReasonView {
  readonly field: string;
  /** Stable reason code (lib/credit/reasonCodes.ts), e.g. R07. */
  readonly code: string;
  readonly text: string;
  readonly contribution: string;
}

export interface ExplanationView {
  readonly figure: FigureModel;
  readonly towardsRefusal: readonly ReasonView[];
  readonly towardsAcceptance: readonly ReasonView[];
  /** The top contributing fields, most influential first (default variables of the comparison). */
  readonly topFields: readonly string[];
}

/** The client's value of an explanation group (application field or engineered feature) as people read it. */
export function contributionValueText(field: string, value: Explanation['contributions'][number]['value'], locale: Locale): string {
  if (engineeredFeature(field)) {
    return typeof value === 'number' ? formatScaled(field, value, locale) : dictionary(locale).dashboard.words.missing;
  }
  if (typeof value === 'string') return categoryLabel(field, value, locale);
  return displayValue(field, value, locale);
}

const reasonView = (r: Reason, locale: Locale): ReasonView => ({
  field: r.field,
  code: r.code,
  text: r.text,
  contribution: formatSigned(r.contribution, locale),
});

export function explanationView(e: Explanation, n: number, locale: Locale, id = 'waterfall'): ExplanationView {
  const t = dictionary(locale).dashboard.explanation;
  const top = e.contributions.slice(0, n);
  const rest = e.contributions.slice(n);
  const restSum = rest.reduce((a, c) => a + c.contribution, 0);
  const labels = top.map((c) => `${fieldLabel(c.field, locale)} = ${contributionValueText(c.field, c.value, locale)}`);

  // Bars in reading order from the top: base, the N factors, the others, the client's score.
  const steps = [
    ...top.map((c, i) => ({ label: labels[i], delta: c.contribution })),
    ...(rest.length > 0 ? [{ label: fill(t.others, { n: rest.length }), delta: restSum }] : []),
  ];
  let running = e.baseValue;
  const base: number[] = [];
  const width: number[] = [];
  for (const s of steps) {
    base.push(s.delta >= 0 ? running : running + s.delta);
    width.push(Math.abs(s.delta));
    running += s.delta;
  }
  const y = [t.base, ...steps.map((s) => s.label), t.final];
  const refusal = steps.map((s) => s.delta > 0);
  const data: Data[] = [
    floatingBar({
      type: 'bar',
      orientation: 'h',
      name: t.directionRefusal,
      y: steps.map((s) => s.label),
      x: width.map((w, i) => (refusal[i] ? w : 0)),
      base: base.map((b, i) => (refusal[i] ? b : 0)),
      marker: { color: PALETTE.defaulted, pattern: { shape: '/', fillmode: 'overlay', fgcolor: '#ffffff', size: 7, solidity: 0.25 } },
      text: steps.map((s) => (s.delta > 0 ? `${formatSigned(s.delta, locale)} ▶` : '')),
      textposition: 'outside',
      cliponaxis: false,
      hovertemplate: `%{y}<br>${t.contribution}${colon(locale)}%{text}<extra></extra>`,
    }),
    floatingBar({
      type: 'bar',
      orientation: 'h',
      name: t.directionAcceptance,
      y: steps.map((s) => s.label),
      x: width.map((w, i) => (refusal[i] ? 0 : w)),
      base: base.map((b, i) => (refusal[i] ? 0 : b)),
      marker: { color: PALETTE.repaid },
      text: steps.map((s) => (s.delta <= 0 ? `◀ ${formatSigned(s.delta, locale)}` : '')),
      textposition: 'outside',
      cliponaxis: false,
      hovertemplate: `%{y}<br>${t.contribution}${colon(locale)}%{text}<extra></extra>`,
    }),
    {
      type: 'scatter',
      mode: 'markers',
      name: t.base,
      y: [t.base, t.final],
      x: [e.baseValue, e.margin],
      marker: { symbol: 'line-ns-open', size: 22, color: PALETTE.ink, line: { width: 3, color: PALETTE.ink } },
      text: [formatNumber(e.baseValue, locale, 2), formatNumber(e.margin, locale, 2)],
      hovertemplate: `%{y}${colon(locale)}%{text}<extra></extra>`,
      showlegend: false,
    },
  ];
  const xs = [e.baseValue, e.margin, ...base, ...base.map((b, i) => b + width[i])];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.18 + 0.05;
  const strongest = top[0];
  return {
    figure: {
      id,
      title: fill(t.figureTitle, { n: top.length }),
      caption: fill(t.caption, {
        base: formatNumber(e.baseValue, locale, 2),
        final: formatNumber(e.margin, locale, 2),
        probability: formatProbability(e.probability, locale),
        top: strongest ? labels[0] : '—',
        direction: strongest && strongest.contribution > 0 ? t.directionRefusal : t.directionAcceptance,
      }),
      label: t.label,
      chart: {
        height: 110 + (steps.length + 2) * 30,
        // On paper at most ~16 rows' worth of height: longer lists get smaller type.
        print: { width: 700, height: 64 + Math.min(steps.length + 2, 14) * 18, ...(steps.length + 2 > 14 ? { fontSize: 8 } : {}) },
        data,
        layout: baseLayout({
          barmode: 'overlay',
          showlegend: true,
          legend: { orientation: 'h', x: 0, y: 1.0, yanchor: 'bottom' },
          margin: { l: 16, r: 24, t: 36, b: 16 },
          yaxis: axis({ autorange: 'reversed', categoryorder: 'array', categoryarray: y, type: 'category', dtick: 1 }),
          xaxis: axis({ title: { text: t.contribution }, range: [lo - pad, hi + pad], zeroline: false }),
          shapes: [verticalLine(e.baseValue, { color: PALETTE.reference, width: 1, dash: 'dot' })],
        }),
      },
      table: {
        caption: fill(t.tableCaption, { n: top.length }),
        columns: [t.factor, t.clientValue, t.contribution, t.effect],
        rows: [
          ...top.map((c) => [
            fieldLabel(c.field, locale),
            contributionValueText(c.field, c.value, locale),
            formatSigned(c.contribution, locale),
            c.contribution > 0 ? t.directionRefusal : t.directionAcceptance,
          ]),
          ...(rest.length > 0
            ? [[fill(t.others, { n: rest.length }), '—', formatSigned(restSum, locale), restSum > 0 ? t.directionRefusal : t.directionAcceptance]]
            : []),
          [t.base, '—', formatNumber(e.baseValue, locale, 2), '—'],
          [t.final, '—', formatNumber(e.margin, locale, 2), '—'],
        ],
      },
    },
    towardsRefusal: e.reasons.towardsRefusal.map((r) => reasonView(r, locale)),
    towardsAcceptance: e.reasons.towardsAcceptance.map((r) => reasonView(r, locale)),
    topFields: e.contributions.slice(0, 5).map((c) => c.field),
  };
}
