import type { Decision } from '../credit/types';
import { type ApplicationSet, getHomeCreditStore, type HomeCreditStore } from '../data/homeCreditStore';
import { decisionAt } from '../credit/decisionRule';

/**
 * Finding applications by SK_ID_CURR among the new applications (application_test) and the
 * historical loans (application_train): prefix type-ahead over the ids as typed, and a filtered,
 * paginated listing by set, decision and probability band (when scores are available).
 */

/** Calibrated probabilities of every application, by set and row, and the decision threshold. */
export interface PopulationScores {
  readonly train: Float64Array;
  readonly test: Float64Array;
  readonly threshold: number;
  /** Whose probabilities `train` holds: out-of-fold (fold models) or the final model's (in-sample). */
  readonly trainSource?: 'out-of-fold' | 'final-model';
}

export interface ApplicationHit {
  readonly id: number;
  readonly set: ApplicationSet;
  readonly row: number;
  /** Present when scores are available. */
  readonly probability?: number;
  readonly decision?: Decision;
}

interface IdIndex {
  /** All ids as decimal strings, sorted lexicographically (prefix ranges are contiguous). */
  readonly keys: readonly string[];
  readonly sets: Uint8Array;
  readonly rows: Int32Array;
}

const indexes = new WeakMap<HomeCreditStore, IdIndex>();

function idIndex(store: HomeCreditStore): IdIndex {
  let index = indexes.get(store);
  if (index) return index;
  const entries: { key: string; set: number; row: number }[] = [];
  store.train.ids.forEach((id, row) => entries.push({ key: String(id), set: 0, row }));
  store.test.ids.forEach((id, row) => entries.push({ key: String(id), set: 1, row }));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  index = {
    keys: entries.map((e) => e.key),
    sets: Uint8Array.from(entries, (e) => e.set),
    rows: Int32Array.from(entries, (e) => e.row),
  };
  indexes.set(store, index);
  return index;
}

/** First index of sorted `values` whose value is ≥ x (ids as strings here, as numbers for the API's listing). */
export function lowerBound<T extends number | string>(values: ArrayLike<T>, x: T): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Normalises what the analyst typed into an id prefix: digits only (spaces and separators dropped); '' when none. */
export function idPrefix(query: string): string {
  return (
    query
      .replace(/[\s\u00a0\u202f.,']/g, '')
      .replace(/^0+(?=\d)/, '')
      .match(/^\d{1,7}$/)?.[0] ?? ''
  );
}

function withScore(hit: Omit<ApplicationHit, 'probability' | 'decision'>, scores: PopulationScores | undefined): ApplicationHit {
  if (!scores) return hit;
  const probability = (hit.set === 'train' ? scores.train : scores.test)[hit.row];
  return { ...hit, probability, decision: decisionAt(probability, scores.threshold) };
}

/**
 * Up to `limit` applications whose id starts with the typed digits, in id order (an exact match
 * first). Empty for a query without digits.
 */
export function suggestApplications(
  query: string,
  limit = 8,
  options: { store?: HomeCreditStore; scores?: PopulationScores } = {},
): ApplicationHit[] {
  const prefix = idPrefix(query);
  if (prefix === '') return [];
  const store = options.store ?? getHomeCreditStore();
  const { keys, sets, rows } = idIndex(store);
  // Numeric order within the prefix range: shorter keys first, then lexicographic.
  const hits: ApplicationHit[] = [];
  for (let len = prefix.length; len <= 7 && hits.length < limit; len++) {
    for (let i = lowerBound(keys, prefix); i < keys.length && keys[i].startsWith(prefix) && hits.length < limit; i++) {
      if (keys[i].length !== len) continue;
      hits.push(withScore({ id: Number(keys[i]), set: sets[i] === 0 ? 'train' : 'test', row: rows[i] }, options.scores));
    }
  }
  return hits;
}

/** Probability bands offered by the search filters, as [low, high) on the calibrated probability. */
export const PROBABILITY_BANDS = {
  lt5: [0, 0.05],
  '5to10': [0.05, 0.1],
  '10to20': [0.1, 0.2],
  '20to40': [0.2, 0.4],
  ge40: [0.4, 1.0000001],
} as const satisfies Record<string, readonly [number, number]>;

export type ProbabilityBand = keyof typeof PROBABILITY_BANDS;

export function isProbabilityBand(value: unknown): value is ProbabilityBand {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROBABILITY_BANDS, value);
}

export interface ApplicationQuery {
  /** Id prefix (digits); empty for all. */
  readonly q?: string;
  readonly set?: ApplicationSet | 'all';
  /** Requires scores. */
  readonly decision?: Decision | 'all';
  /** Requires scores. */
  readonly band?: ProbabilityBand | 'all';
  /** 1-based page. */
  readonly page?: number;
  readonly pageSize?: number;
}

export interface ApplicationPage {
  readonly hits: readonly ApplicationHit[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  readonly pageSize: number;
  /** False when a decision or band filter was asked for but no scores were given (the filter was ignored). */
  readonly scored: boolean;
}

/**
 * Applications matching the filters, in id order (new applications and historical loans
 * interleaved by id), one page at a time.
 */
export function searchApplications(query: ApplicationQuery, options: { store?: HomeCreditStore; scores?: PopulationScores } = {}): ApplicationPage {
  const store = options.store ?? getHomeCreditStore();
  const scores = options.scores;
  const pageSize = Math.max(1, Math.min(100, query.pageSize ?? 25));
  const prefix = idPrefix(query.q ?? '');
  const { keys, sets, rows } = idIndex(store);
  const wantSet = query.set && query.set !== 'all' ? (query.set === 'train' ? 0 : 1) : -1;
  const band = query.band && query.band !== 'all' ? PROBABILITY_BANDS[query.band] : undefined;
  const decision = query.decision && query.decision !== 'all' ? query.decision : undefined;

  const matched: number[] = [];
  const start = prefix ? lowerBound(keys, prefix) : 0;
  for (let i = start; i < keys.length; i++) {
    if (prefix && !keys[i].startsWith(prefix)) break;
    if (wantSet >= 0 && sets[i] !== wantSet) continue;
    if (scores && (band || decision)) {
      const p = (sets[i] === 0 ? scores.train : scores.test)[rows[i]];
      if (band && !(p >= band[0] && p < band[1])) continue;
      if (decision && decisionAt(p, scores.threshold) !== decision) continue;
    }
    matched.push(i);
  }
  // Numeric id order.
  matched.sort((a, b) => keys[a].length - keys[b].length || (keys[a] < keys[b] ? -1 : 1));
  const total = matched.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pageCount, Math.max(1, Math.floor(query.page ?? 1)));
  const hits = matched
    .slice((page - 1) * pageSize, page * pageSize)
    .map((i) => withScore({ id: Number(keys[i]), set: sets[i] === 0 ? 'train' : 'test', row: rows[i] }, scores));
  return { hits, total, page, pageCount, pageSize, scored: scores !== undefined || !(band || decision) };
}
