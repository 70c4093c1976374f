import { loadFlipkart, type Product, productCategories } from '../data/flipkart';
import { quantileSorted } from '../data/quantile';
import type { NlpService } from './service';
import { splitWords } from './text';
import type { TransformerKind } from './transformer';

/**
 * Description of the labelled Flipkart products for the /veille page: categories, a
 * representative example of each, text lengths in words, characters and tokens (with the share
 * of texts longer than each transformer's input window), and the demo's example texts.
 * Computed once per process and models folder (tokenising 1,050 texts twice takes ~1 s).
 */

export interface LengthSummary {
  readonly mean: number;
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly max: number;
}

export interface TokenSummary extends LengthSummary {
  readonly maxTokens: number;
  /** Share of texts with more tokens than the model reads (they are truncated). */
  readonly truncatedShare: number;
}

export interface CategoryStats {
  readonly label: string;
  readonly count: number;
  readonly words: LengthSummary;
  readonly characters: LengthSummary;
  readonly tokens: Partial<Record<TransformerKind, TokenSummary>>;
  /** The product whose word count is closest to the category's median. */
  readonly example: { readonly id: string; readonly name: string; readonly description: string; readonly words: number };
}

export interface DemoExample {
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly text: string;
}

export interface TokenHistogram {
  readonly kind: TransformerKind;
  readonly maxTokens: number;
  readonly binWidth: number;
  /** counts[i] = texts with a token count in [i × binWidth, (i + 1) × binWidth). */
  readonly counts: readonly number[];
}

export interface DatasetStats {
  readonly products: number;
  readonly labels: readonly string[];
  readonly categories: readonly CategoryStats[];
  readonly overall: {
    readonly words: LengthSummary;
    /** Word counts of the product names alone (the short view the models may also be trained on). */
    readonly nameWords: LengthSummary;
    readonly characters: LengthSummary;
    readonly tokens: Partial<Record<TransformerKind, TokenSummary>>;
  };
  readonly tokenHistograms: readonly TokenHistogram[];
  readonly examples: readonly DemoExample[];
}

export function summarise(values: readonly number[]): LengthSummary {
  const s = [...values].sort((a, b) => a - b);
  return {
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    median: quantileSorted(s, 0.5),
    p10: quantileSorted(s, 0.1),
    p90: quantileSorted(s, 0.9),
    max: s[s.length - 1] ?? NaN,
  };
}

function tokenSummary(values: readonly number[], maxTokens: number): TokenSummary {
  return { ...summarise(values), maxTokens, truncatedShare: values.filter((v) => v > maxTokens).length / Math.max(1, values.length) };
}

/** Word-count quantiles of the demo examples in each category (a typical and a short product). */
const EXAMPLE_QUANTILES = [0.5, 0.25];

/** The products of a category at the given quantiles of their word count (ties broken by id). */
function pickByQuantiles(items: readonly { p: Product; words: number }[], qs: readonly number[]): { p: Product; words: number }[] {
  const sorted = [...items].sort((a, b) => a.words - b.words || a.p.id.localeCompare(b.p.id));
  const picked: { p: Product; words: number }[] = [];
  for (const q of qs) {
    const item = sorted[Math.round((sorted.length - 1) * q)];
    if (item && !picked.includes(item)) picked.push(item);
  }
  return picked;
}

export function computeDatasetStats(products: readonly Product[], service?: NlpService): DatasetStats {
  const labels = productCategories(products);
  const words = products.map((p) => splitWords(p.text).length);
  const chars = products.map((p) => p.text.length);
  const kinds = (['bert', 'roberta'] as const).filter((k) => service?.transformers[k] !== undefined);
  const tokens: Partial<Record<TransformerKind, number[]>> = {};
  for (const k of kinds) {
    const t = service?.transformers[k];
    if (t) tokens[k] = products.map((p) => t.tokenCount(p.text));
  }
  const categories: CategoryStats[] = labels.map((label) => {
    const idx = products.map((p, i) => (p.label === label ? i : -1)).filter((i) => i >= 0);
    const items = idx.map((i) => ({ p: products[i], words: words[i] }));
    const [example] = pickByQuantiles(items, [0.5]);
    const tok: Partial<Record<TransformerKind, TokenSummary>> = {};
    for (const k of kinds) {
      const t = service?.transformers[k];
      const counts = tokens[k];
      if (t && counts)
        tok[k] = tokenSummary(
          idx.map((i) => counts[i]),
          t.maxLength,
        );
    }
    return {
      label,
      count: idx.length,
      words: summarise(idx.map((i) => words[i])),
      characters: summarise(idx.map((i) => chars[i])),
      tokens: tok,
      example: { id: example.p.id, name: example.p.name, description: example.p.description, words: example.words },
    };
  });
  const overallTokens: Partial<Record<TransformerKind, TokenSummary>> = {};
  const tokenHistograms: TokenHistogram[] = [];
  for (const k of kinds) {
    const t = service?.transformers[k];
    const counts = tokens[k];
    if (!t || !counts) continue;
    overallTokens[k] = tokenSummary(counts, t.maxLength);
    const binWidth = t.maxLength >= 128 ? 32 : 16;
    const top = Math.max(...counts);
    const hist = new Array<number>(Math.floor(top / binWidth) + 1).fill(0);
    for (const c of counts) hist[Math.floor(c / binWidth)]++;
    tokenHistograms.push({ kind: k, maxTokens: t.maxLength, binWidth, counts: hist });
  }
  const examples: DemoExample[] = labels.flatMap((label) => {
    const items = products.map((p, i) => ({ p, words: words[i] })).filter((x) => x.p.label === label);
    return pickByQuantiles(items, EXAMPLE_QUANTILES).map(({ p }) => ({ id: p.id, label, name: p.name, text: p.text }));
  });
  return {
    products: products.length,
    labels,
    categories,
    overall: {
      words: summarise(words),
      nameWords: summarise(products.map((p) => splitWords(p.name).length)),
      characters: summarise(chars),
      tokens: overallTokens,
    },
    tokenHistograms,
    examples,
  };
}

const holder = globalThis as unknown as { __nlpDataset?: { key: string; stats: DatasetStats } };

/** The statistics of the shared Flipkart file, with token counts from the loaded service's tokenizers. */
export function datasetStats(service?: NlpService): DatasetStats {
  const key = `${service?.dir ?? ''}|${(['bert', 'roberta'] as const).filter((k) => service?.transformers[k]).join(',')}`;
  if (holder.__nlpDataset?.key === key) return holder.__nlpDataset.stats;
  const stats = computeDatasetStats(loadFlipkart(), service);
  holder.__nlpDataset = { key, stats };
  return stats;
}
