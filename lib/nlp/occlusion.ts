import { MAX_OCCLUDED_WORDS, splitWords, withoutSpan, type WordSpan } from './text';

/**
 * Word attributions by occlusion, the same method for the three models: the attribution of a
 * word is how much the probability of the predicted category drops when that word is removed
 * from the text, p(predicted | text) − p(predicted | text without the word). Positive: the word
 * supports the prediction; negative: the prediction is more confident without it.
 *
 * Only words the model actually reads are considered — for a transformer, the words that lie
 * entirely within its truncated input window — and at most MAX_OCCLUDED_WORDS of them, the first
 * ones (product names come first). All the occluded variants are classified in batches.
 */

export interface WordAttribution extends WordSpan {
  /** p(predicted | text) − p(predicted | text without this word). */
  readonly value: number;
}

export interface Attributions {
  readonly method: 'occlusion';
  /** The category whose probability is explained (the predicted one). */
  readonly target: string;
  readonly targetIndex: number;
  readonly baseProbability: number;
  /** Words of the whole text. */
  readonly totalWords: number;
  /** Words inside the model's input window (all of them for TF-IDF). */
  readonly windowWords: number;
  /** The words considered (the first min(windowWords, MAX_OCCLUDED_WORDS)), in text order. */
  readonly words: readonly WordAttribution[];
  /** Time taken by the occluded variants (ms). */
  readonly ms: number;
}

/**
 * Number of leading words that lie entirely inside a window of `maxLength` ids, given the id
 * count of a text (special tokens included). Binary search over prefixes ending at a word.
 */
export function wordsInWindow(text: string, words: readonly WordSpan[], tokenCount: (t: string) => number, maxLength: number): number {
  if (words.length === 0 || tokenCount(text) <= maxLength) return words.length;
  let lo = 0; // words[0..lo) fit
  let hi = words.length; // words[0..hi) do not all fit
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (tokenCount(text.slice(0, words[mid - 1].end)) <= maxLength) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

export async function occlusionAttributions(args: {
  text: string;
  labels: readonly string[];
  /** Probabilities of the full text (label order). */
  probabilities: readonly number[];
  /** Classifies several texts at once (label order). */
  predict: (texts: readonly string[]) => Promise<number[][]> | number[][];
  /** For a model with an input window: id count of a text, and the window size. */
  window?: { tokenCount: (t: string) => number; maxLength: number };
  maxWords?: number;
}): Promise<Attributions> {
  const started = performance.now();
  const { text, labels, probabilities, predict, window, maxWords = MAX_OCCLUDED_WORDS } = args;
  const all = splitWords(text);
  const windowWords = window ? wordsInWindow(text, all, window.tokenCount, window.maxLength) : all.length;
  const considered = all.slice(0, Math.min(windowWords, maxWords));
  const targetIndex = argmax(probabilities);
  const base = probabilities[targetIndex];
  const variants = considered.map((w) => withoutSpan(text, w));
  const probs = variants.length > 0 ? await predict(variants) : [];
  return {
    method: 'occlusion',
    target: labels[targetIndex],
    targetIndex,
    baseProbability: base,
    totalWords: all.length,
    windowWords,
    words: considered.map((w, i) => ({ ...w, value: base - probs[i][targetIndex] })),
    ms: performance.now() - started,
  };
}
