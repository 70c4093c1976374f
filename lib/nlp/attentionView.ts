import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout } from '../charts/layout';
import { PALETTE } from '../charts/palette';
import type { Locale } from '../i18n';
import { fill, fmtFixed } from './format';
import type { AttentionMaps } from './transformer';

/**
 * The attention heat map as an accessible figure (pure: the page renders it on the server for
 * the concepts section, the demo's client component for the text typed). Rows are queries,
 * columns keys; the axes are token positions labelled with the tokens (tokens repeat, so they
 * cannot be categories). The data table lists, for each token, the three tokens it attends to most.
 */

export interface AttentionTexts {
  readonly title: string;
  readonly caption: string;
  readonly label: string;
  readonly query: string;
  readonly key: string;
  readonly weight: string;
  readonly tableCaption: string;
  readonly token: string;
  readonly topKeys: string;
  readonly headName: string;
  readonly meanName: string;
}

/** Weights of one layer (0-based) and one head (0-based) or the mean of the heads, as probabilities. */
export function attentionMatrix(maps: AttentionMaps, layer: number, head: number | 'mean'): number[][] {
  const heads = maps.weights[layer];
  if (!heads) return [];
  const n = maps.shown;
  const out: number[][] = [];
  for (let q = 0; q < n; q++) {
    const row: number[] = [];
    for (let k = 0; k < n; k++) {
      if (head === 'mean') {
        let s = 0;
        for (const h of heads) s += h[q][k];
        row.push(s / heads.length / 1000);
      } else row.push(heads[head][q][k] / 1000);
    }
    out.push(row);
  }
  return out;
}

/** Tokens numbered by position (« 3. watch »): the same token may appear several times. */
function labelled(tokens: readonly string[]): string[] {
  return tokens.map((t, i) => `${i + 1}. ${t}`);
}

/** Plotly reads a subset of HTML in labels: « <s> » would strike the text through. */
function plotlyText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function attentionFigure(args: {
  id: string;
  maps: AttentionMaps;
  layer: number;
  head: number | 'mean';
  modelLabel: string;
  texts: AttentionTexts;
  locale: Locale;
}): FigureModel {
  const { id, maps, layer, head, modelLabel, texts: t, locale } = args;
  const z = attentionMatrix(maps, layer, head);
  const n = maps.shown;
  const idx = Array.from({ length: n }, (_, i) => i);
  const names = labelled(maps.tokens);
  const headName = head === 'mean' ? t.meanName : fill(t.headName, { n: head + 1 });
  // The most attended key overall: largest column mean.
  let top = 0;
  let topMean = -1;
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let q = 0; q < n; q++) s += z[q][k];
    if (s > topMean) {
      topMean = s;
      top = k;
    }
  }
  const hover = z.map((row, q) => row.map((_, k) => plotlyText(`${names[q]} → ${names[k]}`)));
  const ticks = maps.tokens.map(plotlyText);
  const vars = { model: modelLabel, layer: layer + 1, head: headName };
  return {
    id,
    title: fill(t.title, vars),
    caption: fill(t.caption, { shown: n, total: maps.inputTokens, top: maps.tokens[top] ?? '' }),
    label: fill(t.label, vars),
    chart: {
      height: Math.max(320, 130 + n * 15),
      data: [
        {
          type: 'heatmap',
          x: idx,
          y: idx,
          z,
          text: hover as unknown as string[],
          zmin: 0,
          zmax: Math.max(0.05, ...z.flat()),
          colorscale: [
            [0, '#FFFFFF'],
            [0.5, '#56A0D3'],
            [1, '#003B5C'],
          ],
          colorbar: { title: { text: t.weight }, thickness: 12, outlinewidth: 0 },
          hovertemplate: `%{text}<br>${t.weight} : %{z:.3f}<extra></extra>`,
        },
      ],
      layout: baseLayout({
        margin: { l: 16, r: 16, t: 16, b: 16 },
        xaxis: axis({
          title: { text: t.key },
          tickmode: 'array',
          tickvals: idx,
          ticktext: ticks,
          tickangle: -60,
          tickfont: { size: 10, color: PALETTE.ink },
          side: 'top',
          showgrid: false,
        }),
        yaxis: axis({
          title: { text: t.query },
          tickmode: 'array',
          tickvals: idx,
          ticktext: ticks,
          autorange: 'reversed',
          tickfont: { size: 10, color: PALETTE.ink },
          showgrid: false,
        }),
      }),
    },
    table: {
      caption: t.tableCaption,
      columns: [t.token, t.topKeys],
      rows: z.map((row, q) => {
        const best = row
          .map((w, k) => ({ w, k }))
          .sort((a, b) => b.w - a.w)
          .slice(0, 3)
          .map(({ w, k }) => `${names[k]} (${fmtFixed(w, locale, 3)})`);
        return [names[q], best.join(locale === 'fr' ? ' ; ' : '; ')];
      }),
    },
  };
}
