import { type CreditEngine, DerivedKind } from '../credit/engine';
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

/** The stored applications' ids in ascending order — with the set (0 train, 1 test) and row of each — and each set's alone. */
export interface IdIndex {
  readonly all: Float64Array;
  readonly sets: Uint8Array;
  readonly rows: Int32Array;
  readonly train: Float64Array;
  readonly test: Float64Array;
}

/** The id index an engine keeps (one, for the search page, its type-ahead and the API's listing). */
export const APPLICATION_IDS = new DerivedKind<IdIndex>('application ids');

function buildIdIndex(store: HomeCreditStore): IdIndex {
  const train = Float64Array.from(store.train.ids).sort();
  const test = Float64Array.from(store.test.ids).sort();
  const all = new Float64Array(train.length + test.length);
  const sets = new Uint8Array(all.length);
  const rows = new Int32Array(all.length);
  for (let i = 0, a = 0, b = 0; i < all.length; i++) {
    sets[i] = a < train.length && (b === test.length || train[a] <= test[b]) ? 0 : 1;
    all[i] = sets[i] === 0 ? train[a++] : test[b++];
    rows[i] = store.locate(all[i])?.row ?? -1;
  }
  return { all, sets, rows, train, test };
}

/** The engine's id index (built once per engine); without a model there is no engine to keep it, so it is built per call. */
export function applicationIds(engine: CreditEngine | null, store: HomeCreditStore = getHomeCreditStore()): IdIndex {
  return engine ? engine.derived(APPLICATION_IDS, '', () => buildIdIndex(engine.store)) : buildIdIndex(store);
}

/**
 * The id ranges [lo, hi) whose decimal form, of at most `maxDigits` digits, starts with `prefix`:
 * one per number of digits, in ascending order (so walking them in turn walks ids in numeric order).
 */
export function prefixRanges(prefix: string, maxDigits = 10): Array<[number, number]> {
  if (prefix === '') return [[1, 10 ** maxDigits]];
  const p = Number(prefix);
  if (p === 0) return [[0, 1]];
  const out: Array<[number, number]> = [];
  for (let extra = 0; prefix.length + extra <= maxDigits; extra++) out.push([p * 10 ** extra, (p + 1) * 10 ** extra]);
  return out;
}

/** First index of sorted `values` whose value is ≥ x. */
export function lowerBound(values: ArrayLike<number>, x: number): number {
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

/** Where the search finds ids (the engine's index: applicationIds; indexed per call when absent) and, when available, their scores. */
export interface SearchInputs {
  readonly ids?: IdIndex;
  readonly scores?: PopulationScores;
}

const hitAt = (ids: IdIndex, i: number, scores: PopulationScores | undefined) =>
  withScore({ id: ids.all[i], set: ids.sets[i] === 0 ? 'train' : 'test', row: ids.rows[i] }, scores);

/**
 * Up to `limit` applications whose id (of at most 7 digits) starts with the typed digits, in id
 * order (an exact match first). Empty for a query without digits.
 */
export function suggestApplications(query: string, limit = 8, options: SearchInputs = {}): ApplicationHit[] {
  const prefix = idPrefix(query);
  if (prefix === '') return [];
  const ids = options.ids ?? applicationIds(null);
  const hits: ApplicationHit[] = [];
  for (const [lo, hi] of prefixRanges(prefix, 7)) {
    for (let i = lowerBound(ids.all, lo); i < ids.all.length && ids.all[i] < hi && hits.length < limit; i++) hits.push(hitAt(ids, i, options.scores));
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
export function searchApplications(query: ApplicationQuery, options: SearchInputs = {}): ApplicationPage {
  const ids = options.ids ?? applicationIds(null);
  const scores = options.scores;
  const pageSize = Math.max(1, Math.min(100, query.pageSize ?? 25));
  const prefix = idPrefix(query.q ?? '');
  const wantSet = query.set && query.set !== 'all' ? (query.set === 'train' ? 0 : 1) : -1;
  const band = query.band && query.band !== 'all' ? PROBABILITY_BANDS[query.band] : undefined;
  const decision = query.decision && query.decision !== 'all' ? query.decision : undefined;

  // Numeric id order: the prefix's ranges in turn (every id without a prefix).
  const matched: number[] = [];
  for (const [lo, hi] of prefix ? prefixRanges(prefix, 16) : [[-Infinity, Infinity]]) {
    for (let i = lowerBound(ids.all, lo); i < ids.all.length && ids.all[i] < hi; i++) {
      if (wantSet >= 0 && ids.sets[i] !== wantSet) continue;
      if (scores && (band || decision)) {
        const p = (ids.sets[i] === 0 ? scores.train : scores.test)[ids.rows[i]];
        if (band && !(p >= band[0] && p < band[1])) continue;
        if (decision && decisionAt(p, scores.threshold) !== decision) continue;
      }
      matched.push(i);
    }
  }
  const total = matched.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pageCount, Math.max(1, Math.floor(query.page ?? 1)));
  const hits = matched.slice((page - 1) * pageSize, page * pageSize).map((i) => hitAt(ids, i, scores));
  return { hits, total, page, pageCount, pageSize, scored: scores !== undefined || !(band || decision) };
}
