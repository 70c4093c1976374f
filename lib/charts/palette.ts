/**
 * Chart palette: Okabe–Ito (safe for the common colour-vision deficiencies), restricted to the
 * hues that reach 3:1 against the white background for marks (WCAG 2.1 SC 1.4.11), plus darker
 * variants for text (≥ 4.5:1). The meaning never rests on colour alone: charts also use
 * position, pattern, symbols and words, and each has a data table.
 */
export const PALETTE = {
  /** Okabe–Ito blue — repaid / accepted. */
  repaid: '#0072B2',
  /** Okabe–Ito vermillion — defaulted / refused. */
  defaulted: '#D55E00',
  /** Okabe–Ito bluish green — neutral series (e.g. importance, model curves). */
  neutral: '#009E73',
  /** Near-black for the client marker, the threshold and reference lines. */
  ink: '#1A1D21',
  /** Grey for diagonals and secondary references. */
  reference: '#5F6B7A',
  /** Text variants, darker for 4.5:1 on white. */
  repaidText: '#005A9C',
  defaultedText: '#A63D00',
  grid: '#D5DAE1',
  background: '#FFFFFF',
} as const;

/**
 * Light single-hue scale of count heatmaps (confusion matrices): the counts printed in dark ink on
 * each cell stay readable on every shade, so the numbers, not the fill, carry the information.
 */
export const COUNT_HEATMAP_SCALE: ReadonlyArray<readonly [number, string]> = [
  [0, '#FFFFFF'],
  [1, '#9CC9E8'],
];

/** Sequential scale for probabilities (blue → vermillion through a dark purple), every stop ≥ 3:1 on white. */
export const PROBABILITY_SCALE: ReadonlyArray<readonly [number, string]> = [
  [0, '#0072B2'],
  [0.5, '#7B3F8C'],
  [1, '#D55E00'],
];

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #RRGGBB colour (WCAG 2.1 definition). */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => channel(parseInt(h, 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two #RRGGBB colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}
