import fs from 'node:fs';
import path from 'node:path';

/**
 * TypeScript inference of the TF-IDF + logistic-regression baseline exported by
 * training/nlp/tfidf_baseline.py (models/nlp/tfidf/: model.json + weights.f64).
 *
 * Reproduces scikit-learn 1.2's TfidfVectorizer + LogisticRegression.predict_proba:
 * - lowercase (String.prototype.toLowerCase ≈ Python str.lower, both full Unicode mappings);
 * - word analyzer: token_pattern `(?u)\b\w\w+\b` = maximal runs of ≥ 2 Python word characters
 *   (letters, numbers, underscore; combining marks are not word characters), then n-grams
 *   joined by one space;
 * - char_wb analyzer: runs of ≥ 2 Python whitespace characters become one space, the text is
 *   split on Python whitespace, each word is padded with one space on both sides and its
 *   character n-grams are taken (code points), a word shorter than n counted once;
 * - tf = 1 + ln(count) (sublinear), × idf, l2-normalised per analyzer, vectors concatenated;
 * - probabilities = softmax(coef · x + intercept) (multinomial).
 */

interface AnalyzerSpec {
  name: string;
  analyzer: 'word' | 'char_wb';
  ngram_range: [number, number];
  lowercase: boolean;
  sublinear_tf: boolean;
  norm: 'l2' | null;
  offset: number;
  size: number;
  vocabulary: string[];
}

interface ModelJson {
  format: string;
  labels: string[];
  n_features: number;
  analyzers: AnalyzerSpec[];
  intercept: number[];
  weights: { file: string };
}

export interface TfidfClassifier {
  readonly labels: readonly string[];
  readonly nFeatures: number;
  /** Class probabilities in label order. */
  predictProba(text: string): number[];
  /** The non-zero features of the text (index in the concatenated vector → value). */
  features(text: string): Map<number, number>;
}

/** Python's str.isspace() characters (what `\s` and str.split() use in Python 3). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const MULTI_SPACE = new RegExp(`[${PY_SPACE}]{2,}`, 'gu');
const SPLIT_SPACE = new RegExp(`[${PY_SPACE}]+`, 'u');
/** Python's `\w` on str: alphanumeric (L*, N*) or underscore. */
const WORD_RUN = /[\p{L}\p{N}_]{2,}/gu;

export function wordNgrams(text: string, lo: number, hi: number): string[] {
  const tokens = text.match(WORD_RUN) ?? [];
  const out: string[] = [];
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  }
  return out;
}

export function charWbNgrams(text: string, lo: number, hi: number): string[] {
  const out: string[] = [];
  const normalized = text.replace(MULTI_SPACE, ' ');
  for (const word of normalized.split(SPLIT_SPACE)) {
    if (word.length === 0) continue;
    const w = Array.from(` ${word} `);
    for (let n = lo; n <= hi; n++) {
      let offset = 0;
      out.push(w.slice(offset, offset + n).join(''));
      while (offset + n < w.length) {
        offset += 1;
        out.push(w.slice(offset, offset + n).join(''));
      }
      if (offset === 0) break; // a word shorter than n is counted once
    }
  }
  return out;
}

export function loadTfidfClassifier(dir: string): TfidfClassifier {
  const model = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as ModelJson;
  if (!model.format.startsWith('pad-tfidf-lr/')) throw new Error(`${dir}/model.json: unknown format ${model.format}`);
  const raw = fs.readFileSync(path.join(dir, model.weights.file));
  const all = new Float64Array(raw.byteLength / 8);
  new Uint8Array(all.buffer).set(raw); // copy: the Buffer may not be 8-byte aligned (little-endian hosts)
  const nClasses = model.labels.length;
  const idf: Float64Array[] = [];
  let pos = 0;
  for (const a of model.analyzers) {
    idf.push(all.subarray(pos, pos + a.size));
    pos += a.size;
  }
  const coef = all.subarray(pos, pos + nClasses * model.n_features);
  if (coef.length !== nClasses * model.n_features) throw new Error(`${dir}/${model.weights.file} is truncated`);
  const vocab = model.analyzers.map((a) => new Map(a.vocabulary.map((t, i) => [t, i])));

  const features = (text: string): Map<number, number> => {
    const x = new Map<number, number>();
    model.analyzers.forEach((a, ai) => {
      const doc = a.lowercase ? text.toLowerCase() : text;
      const [lo, hi] = a.ngram_range;
      const grams = a.analyzer === 'word' ? wordNgrams(doc, lo, hi) : charWbNgrams(doc, lo, hi);
      const counts = new Map<number, number>();
      for (const g of grams) {
        const j = vocab[ai].get(g);
        if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
      }
      const vals = new Map<number, number>();
      let sq = 0;
      for (const [j, c] of counts) {
        const tf = a.sublinear_tf ? 1 + Math.log(c) : c;
        const v = tf * idf[ai][j];
        vals.set(j, v);
        sq += v * v;
      }
      const norm = a.norm === 'l2' && sq > 0 ? Math.sqrt(sq) : 1;
      for (const [j, v] of vals) x.set(a.offset + j, v / norm);
    });
    return x;
  };

  const predictProba = (text: string): number[] => {
    const x = features(text);
    const z = model.intercept.slice();
    for (let c = 0; c < nClasses; c++) {
      const row = c * model.n_features;
      let s = 0;
      for (const [j, v] of x) s += coef[row + j] * v;
      z[c] += s;
    }
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  };

  return { labels: model.labels, nFeatures: model.n_features, predictProba, features };
}
