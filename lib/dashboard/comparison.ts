import type { Annotations, Data, Shape } from 'plotly.js';
import type { CategoricalDistribution, NumericBin, NumericDistribution } from '../analysis/distributions';
import { dictionary, type Locale } from '../i18n';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout, verticalLine } from '../charts/layout';
import { formatCount, formatPercent, formatScaled } from './format';
import { categoryLabel } from './labels';
import { PALETTE } from '../charts/palette';
import { colon, fill } from './text';

/**
 * Figures of the comparison section: where the client stands in the distribution of one
 * variable over the historical loans (or over the client's nearest neighbours), split by
 * outcome. Numeric: two histograms as shares of their own group (so the 8 % of defaulted loans
 * stay visible next to the 92 % repaid), the defaulted bars hatched, the client a labelled
 * vertical line. Categorical: share of loans per category with the default rate as markers.
 */

export interface ComparisonContext {
  readonly field: string;
  readonly label: string;
  /** e.g. « tous les prêts historiques (63 444) ». */
  readonly scopeText: string;
  /** The client's value formatted for people (for captions). */
  readonly clientText: string;
  readonly locale: Locale;
}

function ordinal(p: number, locale: Locale): string {
  const n = Math.min(99, Math.max(1, Math.round(p * 100)));
  if (locale === 'fr') return n === 1 ? '1er' : `${n}e`;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function binLabel(field: string, b: NumericBin, discrete: boolean, locale: Locale): string {
  const c = dictionary(locale).dashboard.comparison;
  if (discrete) return Number.isFinite(b.hi) ? formatScaled(field, b.lo, locale) : fill(c.atLeast, { v: formatScaled(field, b.lo, locale) });
  if (!Number.isFinite(b.lo)) return fill(c.below, { v: formatScaled(field, b.hi, locale) });
  if (!Number.isFinite(b.hi)) return fill(c.atLeast, { v: formatScaled(field, b.lo, locale) });
  return fill(c.range, { lo: formatScaled(field, b.lo, locale), hi: formatScaled(field, b.hi, locale) });
}

export function numericComparisonFigure(d: NumericDistribution, ctx: ComparisonContext, id = 'comparison'): FigureModel {
  const { locale, field } = ctx;
  const t = dictionary(locale).dashboard;
  const c = t.comparison;
  // Positions: finite bins as they are; open end bins drawn one step wide.
  const finite = d.bins.filter((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi));
  const step = d.discrete ? 1 : finite.length > 0 ? finite[0].hi - finite[0].lo : 1;
  const lo = d.bins.map((b) => (Number.isFinite(b.lo) ? b.lo : b.hi - step));
  const hi = d.bins.map((b, i) => (Number.isFinite(b.hi) ? b.hi : lo[i] + step));
  const centres = lo.map((l, i) => (d.discrete ? l : (l + hi[i]) / 2));
  const repaidTotal = d.bins.reduce((a, b) => a + b.repaid, 0);
  const defaultedTotal = d.bins.reduce((a, b) => a + b.defaulted, 0);
  const repaidShare = d.bins.map((b) => (repaidTotal ? b.repaid / repaidTotal : 0));
  const defaultedShare = d.bins.map((b) => (defaultedTotal ? b.defaulted / defaultedTotal : 0));
  const labels = d.bins.map((b) => binLabel(field, b, d.discrete, locale));
  const width = d.discrete ? 0.4 : step * 0.45;

  const data: Data[] = [
    {
      type: 'bar',
      name: t.words.repaid,
      x: centres.map((x) => x - width / 2),
      y: repaidShare,
      width,
      marker: { color: PALETTE.repaid, line: { color: PALETTE.repaid, width: 0 } },
      customdata: labels,
      hovertemplate: `%{customdata}<br>${t.words.repaid}${colon(locale)}%{y:.1%}<extra></extra>`,
    },
    {
      type: 'bar',
      name: t.words.defaulted,
      x: centres.map((x) => x + width / 2),
      y: defaultedShare,
      width,
      marker: {
        color: PALETTE.defaulted,
        pattern: { shape: '/', fillmode: 'overlay', fgcolor: '#ffffff', size: 7, solidity: 0.25 },
        line: { color: PALETTE.defaulted, width: 1 },
      },
      customdata: labels,
      hovertemplate: `%{customdata}<br>${t.words.defaulted}${colon(locale)}%{y:.1%}<extra></extra>`,
    },
  ];
  const shapes: Partial<Shape>[] = [];
  const annotations: Partial<Annotations>[] = [];
  if (d.client) {
    // Clamp the marker into the drawn range when the client is in an open end bin.
    const x = Math.min(Math.max(d.client.value, lo[0]), hi[hi.length - 1]);
    shapes.push(verticalLine(x, { color: PALETTE.ink, width: 3, dash: 'dash' }));
    annotations.push({
      x,
      y: 1,
      xref: 'x',
      yref: 'paper',
      yanchor: 'bottom',
      text: `<b>${c.clientMarker}</b>${colon(locale)}${ctx.clientText}`,
      showarrow: false,
      font: { color: PALETTE.ink, size: 13 },
      bgcolor: '#ffffff',
    });
  }
  const medianRepaid = formatScaled(field, d.medianByOutcome.repaid, locale);
  const medianDefaulted = formatScaled(field, d.medianByOutcome.defaulted, locale);
  const caption = d.client
    ? fill(c.numericCaption, {
        scope: ctx.scopeText,
        value: ctx.clientText,
        percentile: ordinal(d.client.percentile, locale),
        medianRepaid,
        medianDefaulted,
      })
    : fill(c.numericCaptionMissing, { scope: ctx.scopeText, medianRepaid, medianDefaulted });
  return {
    id,
    title: fill(c.numericTitle, { label: ctx.label }),
    caption,
    label: fill(c.numericLabel, { label: ctx.label }),
    chart: {
      height: 320,
      data,
      layout: baseLayout({
        showlegend: true,
        barmode: 'overlay',
        bargap: 0,
        margin: { l: 16, r: 16, t: 40, b: 16 },
        // The figure's title names the variable; no axis title, so the legend fits below the axis.
        xaxis: axis({ range: [lo[0], hi[hi.length - 1]] }),
        yaxis: axis({ title: { text: c.share }, tickformat: '.0%', rangemode: 'tozero' }),
        legend: { orientation: 'h', x: 0, y: -0.12, yanchor: 'top' },
        shapes,
        annotations,
      }),
    },
    table: {
      caption: `${fill(c.numericTitle, { label: ctx.label })} — ${ctx.scopeText}`,
      columns: [c.interval, `${c.share} (${t.words.repaid})`, `${c.share} (${t.words.defaulted})`, c.defaultRate, c.count],
      rows: d.bins.map((b, i) => [
        d.client?.bin === i ? `${labels[i]} ${c.clientRow}` : labels[i],
        formatPercent(repaidShare[i], locale),
        formatPercent(defaultedShare[i], locale),
        Number.isNaN(b.defaultRate) ? '—' : formatPercent(b.defaultRate, locale),
        formatCount(b.repaid + b.defaulted, locale),
      ]),
      ...(d.client ? { highlightRow: d.client.bin } : {}),
    },
  };
}

const MAX_CATEGORIES = 15;

export function categoricalComparisonFigure(d: CategoricalDistribution, ctx: ComparisonContext, id = 'comparison'): FigureModel {
  const { locale, field } = ctx;
  const t = dictionary(locale).dashboard;
  const c = t.comparison;
  // The largest categories, plus the client's when it is not among them.
  let shown = d.categories.slice(0, MAX_CATEGORIES);
  const clientCat = d.client && d.client.index >= 0 ? d.categories[d.client.index] : undefined;
  if (clientCat && !shown.includes(clientCat)) shown = [...shown.slice(0, MAX_CATEGORIES - 1), clientCat];
  const name = (cat: string | null) => (cat === null ? c.missingCategory : categoryLabel(field, cat, locale));
  const isClient = (cat: string | null) => d.client !== undefined && d.client.value === cat;
  const y = shown.map((s) => (isClient(s.category) ? `▶ ${name(s.category)}` : name(s.category)));
  const total = d.total.repaid + d.total.defaulted;
  const average = total > 0 ? d.total.defaulted / total : NaN;
  const data: Data[] = [
    {
      type: 'bar',
      orientation: 'h',
      name: c.share,
      y,
      x: shown.map((s) => s.share),
      marker: {
        color: shown.map((s) => (isClient(s.category) ? PALETTE.ink : PALETTE.repaid)),
        line: { color: PALETTE.ink, width: shown.map((s) => (isClient(s.category) ? 2 : 0)) },
      },
      customdata: shown.map((s) => formatCount(s.count, locale)),
      hovertemplate: `%{y}<br>${c.share}${colon(locale)}%{x:.1%} (%{customdata})<extra></extra>`,
    },
    {
      type: 'bar',
      orientation: 'h',
      name: c.defaultRate,
      y,
      x: shown.map((s) => s.defaultRate),
      xaxis: 'x2',
      marker: {
        color: PALETTE.defaulted,
        pattern: { shape: '/', fillmode: 'overlay', fgcolor: '#ffffff', size: 7, solidity: 0.25 },
        line: { color: PALETTE.ink, width: shown.map((s) => (isClient(s.category) ? 2 : 0)) },
      },
      customdata: shown.map((s) => formatCount(s.count, locale)),
      hovertemplate: `%{y}<br>${c.defaultRate}${colon(locale)}%{x:.1%} (%{customdata})<extra></extra>`,
    },
  ];
  const clientStat = clientCat;
  const caption = clientStat
    ? fill(c.categoricalCaption, {
        scope: ctx.scopeText,
        value: name(clientStat.category),
        share: formatPercent(clientStat.share, locale),
        rate: formatPercent(clientStat.defaultRate, locale),
        average: formatPercent(average, locale),
      })
    : fill(c.numericCaptionMissing, { scope: ctx.scopeText, medianRepaid: '—', medianDefaulted: '—' });
  return {
    id,
    title: fill(c.categoricalTitle, { label: ctx.label }),
    caption,
    label: fill(c.categoricalLabel, { label: ctx.label }),
    chart: {
      height: Math.max(220, 90 + shown.length * 28),
      data,
      // Two panels sharing the categories: share of loans (left), default rate (right) with the average dotted.
      layout: baseLayout({
        showlegend: false,
        margin: { l: 16, r: 16, t: 16, b: 16 },
        yaxis: axis({ autorange: 'reversed', automargin: true }),
        xaxis: axis({ domain: [0, 0.55], title: { text: c.frequencyShare }, tickformat: '.0%', rangemode: 'tozero' }),
        xaxis2: axis({ domain: [0.62, 1], anchor: 'y', title: { text: c.defaultRate }, tickformat: '.0%', rangemode: 'tozero' }),
        shapes: Number.isFinite(average) ? [verticalLine(average, { color: PALETTE.ink, width: 2, dash: 'dot' }, { xref: 'x2' })] : [],
        annotations: Number.isFinite(average)
          ? [
              {
                x: average,
                y: 1,
                xref: 'x2',
                yref: 'paper',
                yanchor: 'bottom',
                showarrow: false,
                text: `${c.averageRate}${colon(locale)}${formatPercent(average, locale)}`,
                font: { size: 12, color: PALETTE.ink },
              },
            ]
          : [],
      }),
    },
    table: {
      caption: `${fill(c.categoricalTitle, { label: ctx.label })} — ${ctx.scopeText}`,
      columns: [c.category, c.share, c.count, c.defaultRate],
      rows: shown.map((s) => [
        isClient(s.category) ? `${name(s.category)} ${c.clientRow}` : name(s.category),
        formatPercent(s.share, locale),
        formatCount(s.count, locale),
        formatPercent(s.defaultRate, locale),
      ]),
      ...(clientStat ? { highlightRow: shown.indexOf(clientStat) } : {}),
    },
  };
}
