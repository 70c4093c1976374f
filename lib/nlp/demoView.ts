/**
 * Pure helpers of the demo's client component: the annotated text (segments of plain text and
 * scored words) and the most influential words of an occlusion attribution.
 */

export interface ScoredWord {
  readonly index: number;
  readonly word: string;
  readonly start: number;
  readonly end: number;
  readonly value: number;
}

export type TextSegment =
  | { readonly kind: 'plain'; readonly text: string }
  | { readonly kind: 'word'; readonly text: string; readonly value: number; readonly strength: number; readonly index: number };

/** Effects below this (in probability) are shown as neutral. */
export const NEUTRAL_EFFECT = 1e-4;

/**
 * The text cut into plain parts and scored words. `strength` is |value| relative to the largest
 * |value| (0–1), used for the background intensity; the sign is carried by the underline style
 * and the table, never by colour alone.
 */
export function annotatedSegments(text: string, words: readonly ScoredWord[]): TextSegment[] {
  const maxAbs = Math.max(NEUTRAL_EFFECT, ...words.map((w) => Math.abs(w.value)));
  const out: TextSegment[] = [];
  let pos = 0;
  for (const w of [...words].sort((a, b) => a.start - b.start)) {
    if (w.start < pos) continue;
    if (w.start > pos) out.push({ kind: 'plain', text: text.slice(pos, w.start) });
    out.push({ kind: 'word', text: text.slice(w.start, w.end), value: w.value, strength: Math.abs(w.value) / maxAbs, index: w.index });
    pos = w.end;
  }
  if (pos < text.length) out.push({ kind: 'plain', text: text.slice(pos) });
  return out;
}

/** The `n` words with the largest |effect|, largest first (ties: text order). */
export function topWords(words: readonly ScoredWord[], n = 10): ScoredWord[] {
  return [...words].sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.index - b.index).slice(0, n);
}

export function direction(value: number): 'supports' | 'opposes' | 'neutral' {
  if (Math.abs(value) < NEUTRAL_EFFECT) return 'neutral';
  return value > 0 ? 'supports' : 'opposes';
}
