import type { RawValue } from '../data/columnarTable';
import { getHomeCreditStore, type HomeCreditStore } from '../data/homeCreditStore';
import { ownerCache } from '../data/ownerCache';
import { quantileSorted } from '../data/quantile';
import { outcomes, populationValues } from './population';

/**
 * Distributions of one field over the historical loans, split by outcome (repaid = TARGET 0,
 * defaulted = TARGET 1), optionally restricted to a subset of rows (e.g. the client's nearest
 * neighbours), with the client's position. Numeric fields: a histogram on the display scale
 * (integer fields with few values get one bin per value; others equal-width bins between the
 * 1st and 99th percentiles, the tails gathered in the end bins). Categorical fields: frequency
 * and default rate per category.
 */

export interface OutcomeCounts {
  readonly repaid: number;
  readonly defaulted: number;
}

export interface NumericBin extends OutcomeCounts {
  /** Inclusive lower edge (−Infinity for an open first bin gathering the low tail). */
  readonly lo: number;
  /** Exclusive upper edge (+Infinity for an open last bin). For discrete bins lo === hi - 1... see `discrete`. */
  readonly hi: number;
  /** Share of defaulted loans in the bin (NaN when empty). */
  readonly defaultRate: number;
}

export interface NumericDistribution {
  readonly kind: 'numeric';
  readonly field: string;
  /** One bin per integer value (lo is the value) instead of ranges. */
  readonly discrete: boolean;
  readonly bins: readonly NumericBin[];
  readonly missing: OutcomeCounts;
  readonly total: OutcomeCounts;
  readonly median: number;
  readonly medianByOutcome: { readonly repaid: number; readonly defaulted: number };
  /** The client's value and where it falls (bin index, share of the population below it); absent when unknown. */
  readonly client?: { readonly value: number; readonly bin: number; readonly percentile: number };
}

export interface CategoryStat extends OutcomeCounts {
  /** The category (null for missing values). */
  readonly category: string | null;
  readonly count: number;
  /** Share of the rows considered. */
  readonly share: number;
  readonly defaultRate: number;
}

export interface CategoricalDistribution {
  readonly kind: 'categorical';
  readonly field: string;
  /** Categories by decreasing count; missing values last (when any). */
  readonly categories: readonly CategoryStat[];
  readonly total: OutcomeCounts;
  readonly client?: { readonly value: string | null; readonly index: number };
}

export type Distribution = NumericDistribution | CategoricalDistribution;

export interface DistributionOptions {
  /** Rows of the historical loans to use (default: all). */
  readonly rows?: ArrayLike<number>;
  /** Number of equal-width bins for continuous fields (default 30). */
  readonly bins?: number;
  /** The client's value on the display scale (see applicationValue). */
  readonly clientValue?: RawValue;
  readonly store?: HomeCreditStore;
}

const MAX_DISCRETE_VALUES = 25;

function allRows(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** Share of sorted values strictly below v plus half of those equal (mid-rank percentile in [0, 1]). */
export function percentileOf(sorted: ArrayLike<number>, v: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return (below + (lo - below) / 2) / n;
}

const rate = (c: OutcomeCounts): number => (c.repaid + c.defaulted === 0 ? NaN : c.defaulted / (c.repaid + c.defaulted));

/** Rounds a bin width to 1, 2, 2.5 or 5 × 10^k so that edges read well. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
  return nice * p;
}

interface NumericBase {
  readonly dist: Omit<NumericDistribution, 'client'>;
  readonly sorted: Float64Array;
  readonly binOf: (v: number) => number;
}

function numericBase(field: string, values: Float64Array, target: Float64Array, rows: ArrayLike<number>, opts: DistributionOptions): NumericBase {
  const finite: number[] = [];
  const finiteRepaid: number[] = [];
  const finiteDefaulted: number[] = [];
  let missingRepaid = 0;
  let missingDefaulted = 0;
  let allIntegers = true;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const v = values[r];
    const d = target[r] === 1;
    if (!Number.isFinite(v)) {
      if (d) missingDefaulted++;
      else missingRepaid++;
      continue;
    }
    finite.push(v);
    (d ? finiteDefaulted : finiteRepaid).push(v);
    if (allIntegers && !Number.isInteger(v)) allIntegers = false;
  }
  const sorted = Float64Array.from(finite).sort();
  const sortedRepaid = Float64Array.from(finiteRepaid).sort();
  const sortedDefaulted = Float64Array.from(finiteDefaulted).sort();
  const p01 = quantileSorted(sorted, 0.01);
  const p99 = quantileSorted(sorted, 0.99);

  // Edges: one bin per integer value when few; else nice equal-width bins over [p01, p99].
  let edges: number[];
  let discrete = false;
  if (sorted.length === 0) edges = [];
  else if (allIntegers && p99 - p01 + 1 <= MAX_DISCRETE_VALUES) {
    discrete = true;
    edges = [];
    for (let v = p01; v <= p99 + 1; v++) edges.push(v);
  } else {
    const count = opts.bins ?? 30;
    const step = niceStep((p99 - p01) / count || 1);
    const start = Math.floor(p01 / step) * step;
    edges = [start];
    while (edges[edges.length - 1] < p99) edges.push(start + edges.length * step);
    if (edges.length < 2) edges.push(start + step);
  }
  const nBins = Math.max(0, edges.length - 1);
  const repaid = new Array<number>(nBins).fill(0);
  const defaulted = new Array<number>(nBins).fill(0);
  const binOf = (v: number): number => {
    if (nBins === 0) return -1;
    if (v < edges[1]) return 0;
    if (v >= edges[nBins - 1]) return nBins - 1;
    let lo = 1;
    let hi = nBins - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v < edges[mid + 1]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  for (const v of finiteRepaid) repaid[binOf(v)]++;
  for (const v of finiteDefaulted) defaulted[binOf(v)]++;
  const openLow = sorted.length > 0 && sorted[0] < edges[0];
  const openHigh = sorted.length > 0 && sorted[sorted.length - 1] >= edges[nBins];
  const bins: NumericBin[] = repaid.map((r, i) => ({
    lo: i === 0 && openLow ? -Infinity : edges[i],
    hi: i === nBins - 1 && openHigh ? Infinity : edges[i + 1],
    repaid: r,
    defaulted: defaulted[i],
    defaultRate: rate({ repaid: r, defaulted: defaulted[i] }),
  }));
  const total = { repaid: finiteRepaid.length + missingRepaid, defaulted: finiteDefaulted.length + missingDefaulted };
  return {
    dist: {
      kind: 'numeric',
      field,
      discrete,
      bins,
      missing: { repaid: missingRepaid, defaulted: missingDefaulted },
      total,
      median: quantileSorted(sorted, 0.5),
      medianByOutcome: { repaid: quantileSorted(sortedRepaid, 0.5), defaulted: quantileSorted(sortedDefaulted, 0.5) },
    },
    sorted,
    binOf: nBins > 0 ? binOf : () => -1,
  };
}

/** The distribution with the client placed in it (bin and mid-rank percentile). */
function withClient(base: NumericBase, clientValue: RawValue | undefined): NumericDistribution {
  const cv = clientValue;
  if (typeof cv !== 'number' || !Number.isFinite(cv) || base.dist.bins.length === 0) return base.dist;
  return { ...base.dist, client: { value: cv, bin: base.binOf(cv), percentile: percentileOf(base.sorted, cv) } };
}

/** Bases over the whole historical population, per store, field and bin count (they do not depend on the client). */
const populationBases = ownerCache<HomeCreditStore, NumericBase>();

function categoricalDistribution(
  field: string,
  codes: Int32Array,
  categories: readonly string[],
  target: Float64Array,
  rows: ArrayLike<number>,
  opts: DistributionOptions,
): CategoricalDistribution {
  const repaid = new Array<number>(categories.length + 1).fill(0);
  const defaulted = new Array<number>(categories.length + 1).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const slot = codes[r] < 0 ? categories.length : codes[r];
    if (target[r] === 1) defaulted[slot]++;
    else repaid[slot]++;
  }
  const n = rows.length;
  const stats: CategoryStat[] = [];
  for (let c = 0; c <= categories.length; c++) {
    const count = repaid[c] + defaulted[c];
    if (count === 0) continue;
    stats.push({
      category: c < categories.length ? categories[c] : null,
      count,
      share: count / n,
      repaid: repaid[c],
      defaulted: defaulted[c],
      defaultRate: defaulted[c] / count,
    });
  }
  stats.sort((a, b) => (a.category === null ? 1 : b.category === null ? -1 : b.count - a.count));
  const total = { repaid: repaid.reduce((a, b) => a + b, 0), defaulted: defaulted.reduce((a, b) => a + b, 0) };
  const cv = opts.clientValue;
  let client: CategoricalDistribution['client'];
  if (cv !== undefined) {
    const value = cv === null ? null : String(cv);
    client = { value, index: stats.findIndex((s) => s.category === value) };
  }
  return { kind: 'categorical', field, categories: stats, total, ...(client ? { client } : {}) };
}

/** Distribution of `field` over the historical loans (or the given subset), split by outcome. */
export function fieldDistribution(field: string, opts: DistributionOptions = {}): Distribution {
  const store = opts.store ?? getHomeCreditStore();
  const target = outcomes(store);
  const rows = opts.rows ?? allRows(store.train.table.rowCount);
  const pv = populationValues(field, 'train', store);
  if (pv.kind !== 'numeric') return categoricalDistribution(field, pv.codes, pv.categories, target, rows, opts);
  if (opts.rows) return withClient(numericBase(field, pv.values, target, rows, opts), opts.clientValue);
  const base = populationBases(store, `${field}:${opts.bins ?? 30}`, () => numericBase(field, pv.values, target, rows, opts));
  return withClient(base, opts.clientValue);
}

/** Default rate of the historical loans (or of a subset of them). */
export function defaultRate(
  rows?: ArrayLike<number>,
  store: HomeCreditStore = getHomeCreditStore(),
): { rate: number; count: number; defaulted: number } {
  const target = outcomes(store);
  let defaulted = 0;
  const n = rows ? rows.length : target.length;
  for (let i = 0; i < n; i++) defaulted += target[rows ? rows[i] : i] === 1 ? 1 : 0;
  return { rate: n === 0 ? NaN : defaulted / n, count: n, defaulted };
}
