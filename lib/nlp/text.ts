/**
 * Input text rules and word segmentation shared by the service, the API route, the demo form
 * and the page (pure functions, no Node imports: client components use them too).
 */

/** Longest text accepted, in characters (Unicode code points). Longer → 413. */
export const MAX_TEXT_CHARACTERS = 10_000;

/** Words considered by the occlusion attributions (the first ones of the model's input window). */
export const MAX_OCCLUDED_WORDS = 48;

/** Tokens of the attention heatmap (the first ones of the model's input). */
export const ATTENTION_MAX_TOKENS = 48;

/** Number of characters as people count them (code points, so an emoji counts once). */
export function characterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

export type TextProblem = { kind: 'empty' } | { kind: 'too-long'; characters: number };

/** Why a text cannot be classified, or null when it can. */
export function textProblem(text: string): TextProblem | null {
  if (isBlank(text)) return { kind: 'empty' };
  const characters = characterCount(text);
  if (characters > MAX_TEXT_CHARACTERS) return { kind: 'too-long', characters };
  return null;
}

/** One word of a text: its position in the word sequence and its UTF-16 span in the text. */
export interface WordSpan {
  readonly index: number;
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Words = maximal runs of letters and digits, joined across an inner apostrophe, hyphen, dot
 * or slash followed by another letter or digit (« baby's », « t-shirt », « 3.5kg », « 1/2 »).
 * Punctuation and spaces between words are never occluded.
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-./][\p{L}\p{N}\p{M}]+)*/gu;

export function splitWords(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    out.push({ index: out.length, word: m[0], start, end: start + m[0].length });
  }
  return out;
}

/**
 * The text without one word: the span is cut out together with the whitespace on one side,
 * so no double space is left (a byte-level BPE tokenizer would see one).
 */
export function withoutSpan(text: string, span: { start: number; end: number }): string {
  let start = span.start;
  let end = span.end;
  while (end < text.length && /\s/.test(text[end])) end++;
  if (end === span.end) {
    // Followed by punctuation or the end of the text: take the spaces before it instead.
    while (start > 0 && /\s/.test(text[start - 1])) start--;
  }
  return text.slice(0, start) + text.slice(end);
}
