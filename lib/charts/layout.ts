import type { Layout, LayoutAxis, PlotMarker, Shape, ShapeLine } from 'plotly.js';
import type { ChartSpec } from './chartSpec';
import { COUNT_HEATMAP_SCALE, PALETTE } from './palette';

/**
 * Shared Plotly layout pieces for every chart of the dashboard, model and data pages: compact
 * margins, the page's font, the palette's ink and grid colours, horizontal legends. Pure
 * functions (no Node imports): client components use them too (what-if, top-N waterfall).
 */

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export function axis(extra: Partial<LayoutAxis> = {}): Partial<LayoutAxis> {
  return {
    gridcolor: PALETTE.grid,
    linecolor: PALETTE.reference,
    zerolinecolor: PALETTE.reference,
    tickfont: { color: PALETTE.ink, size: 12 },
    automargin: true,
    ...extra,
  };
}

export function baseLayout(extra: Partial<Layout> = {}): Partial<Layout> {
  return {
    margin: { l: 16, r: 16, t: 16, b: 16 },
    font: { family: FONT_FAMILY, size: 13, color: PALETTE.ink },
    paper_bgcolor: PALETTE.background,
    plot_bgcolor: PALETTE.background,
    showlegend: false,
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 12 } },
    hoverlabel: { bgcolor: '#ffffff', bordercolor: PALETTE.ink, font: { color: PALETTE.ink, family: FONT_FAMILY } },
    dragmode: false,
    ...extra,
  };
}

/** baseLayout with the legend in a row above the plot, in a taller top margin. */
export function legendLayout(extra: Partial<Layout> = {}): Partial<Layout> {
  return baseLayout({
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    margin: { l: 16, r: 16, t: 40, b: 16 },
    ...extra,
  });
}

/** A ranking: horizontal bars from the top down, each with its value written past its end, `rowHeight` pixels a bar. */
export function rankedBarsChart(
  bars: { y: string[]; x: number[]; text: string[]; marker: Partial<PlotMarker>; hovertemplate: string },
  rowHeight: number,
  layout: Partial<Layout>,
): ChartSpec {
  return {
    height: 80 + bars.y.length * rowHeight,
    data: [{ type: 'bar', orientation: 'h', ...bars, textposition: 'outside', cliponaxis: false }],
    layout: baseLayout({ yaxis: axis({ autorange: 'reversed' }), ...layout }),
  };
}

/**
 * A confusion matrix: actual classes down, predicted ones across the top, each cell shaded by its share of its row
 * (`z`, 0 to 1) and printed in ink (`text`: count and share). `colon` ends the hover's names; `x` and `y` add to the axes.
 */
export function confusionChart(
  m: { labels: { x: string[]; y: string[] }; z: number[][]; text: string[][]; actual: string; predicted: string; colon: string },
  style: { height: number; fontSize: number; gap: number; x?: Partial<LayoutAxis>; y?: Partial<LayoutAxis> },
): ChartSpec {
  return {
    height: style.height,
    data: [
      {
        type: 'heatmap',
        x: m.labels.x,
        y: m.labels.y,
        z: m.z,
        text: m.text as unknown as string[],
        texttemplate: '%{text}',
        textfont: { size: style.fontSize, color: PALETTE.ink },
        colorscale: COUNT_HEATMAP_SCALE.map(([a, c]) => [a, c]) as [number, string][],
        zmin: 0,
        zmax: 1,
        showscale: false,
        xgap: style.gap,
        ygap: style.gap,
        hovertemplate: `${m.actual}${m.colon}%{y}<br>${m.predicted}${m.colon}%{x}<br>%{text}<extra></extra>`,
      },
    ],
    layout: baseLayout({
      xaxis: axis({ title: { text: m.predicted }, side: 'top', gridcolor: '#ffffff', ...style.x }),
      yaxis: axis({ title: { text: m.actual }, autorange: 'reversed', gridcolor: '#ffffff', ...style.y }),
    }),
  };
}

/** A vertical line across the plot at `x` of the axis `xref` (a threshold, a reference value, a client's value). */
export function verticalLine(x: number, line: Partial<ShapeLine>, extra: Partial<Shape> = {}): Partial<Shape> {
  return { type: 'line', xref: 'x', yref: 'paper', x0: x, x1: x, y0: 0, y1: 1, ...extra, line };
}
