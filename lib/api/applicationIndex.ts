import { lowerBound } from '../analysis/search';
import { type ApplicationSet, getHomeCreditStore, type HomeCreditStore } from '../data/homeCreditStore';
import { ApiError } from './errors';

/**
 * Listing and type-ahead search of stored applications by SK_ID_CURR prefix, with opaque
 * cursors. Ids are kept sorted once per process; the ids starting with a prefix form one
 * contiguous range per number of digits, and those ranges increase with the number of digits,
 * so a page is a walk through at most ten binary-searched ranges in ascending id order.
 */

export interface SortedIds {
  readonly all: Float64Array;
  readonly train: Float64Array;
  readonly test: Float64Array;
}

const sortedCopy = (ids: Float64Array) => Float64Array.from(ids).sort();

let cached: { store: HomeCreditStore; ids: SortedIds } | undefined;

export function sortedIds(store: HomeCreditStore = getHomeCreditStore()): SortedIds {
  if (cached?.store === store) return cached.ids;
  const train = sortedCopy(store.train.ids);
  const test = sortedCopy(store.test.ids);
  const all = new Float64Array(train.length + test.length);
  all.set(train);
  all.set(test, train.length);
  all.sort();
  cached = { store, ids: { all, train, test } };
  return cached.ids;
}

const MAX_DIGITS = 10;

/** The id ranges [lo, hi) whose decimal form starts with `prefix`, in ascending order. */
export function prefixRanges(prefix: string): Array<[number, number]> {
  if (prefix === '') return [[1, 10 ** MAX_DIGITS]];
  const p = Number(prefix);
  const out: Array<[number, number]> = [];
  for (let extra = 0; prefix.length + extra <= MAX_DIGITS; extra++) {
    const scale = 10 ** extra;
    out.push([p * scale, (p + 1) * scale]);
  }
  return out;
}

export interface ListQuery {
  readonly prefix: string;
  readonly set: ApplicationSet | undefined;
  readonly limit: number;
  /** Exclusive lower bound (the last id of the previous page). */
  readonly after: number;
}

export interface IdPage {
  readonly ids: number[];
  readonly total: number;
  /** Last id returned when more remain. */
  readonly lastId: number | undefined;
}

export function listIds(query: ListQuery, ids: SortedIds = sortedIds()): IdPage {
  const values = query.set ? ids[query.set] : ids.all;
  const out: number[] = [];
  let total = 0;
  let more = false;
  for (const [lo, hi] of prefixRanges(query.prefix)) {
    const start = lowerBound(values, lo);
    const end = lowerBound(values, hi);
    total += end - start;
    if (more) continue;
    for (let i = Math.max(start, lowerBound(values, query.after + 1)); i < end; i++) {
      if (out.length === query.limit) {
        more = true;
        break;
      }
      out.push(values[i]);
    }
  }
  return { ids: out, total, lastId: more ? out[out.length - 1] : undefined };
}

const CURSOR_PREFIX = 'a1.';

/** Opaque cursor: base64url of a versioned position. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^a1\.([1-9][0-9]{0,9})$/.exec(text);
  if (!match) {
    throw new ApiError('invalid-parameters', 'The cursor is not valid; use the nextCursor of a previous page.', [
      { path: 'query.cursor', message: 'not a cursor returned by this API' },
    ]);
  }
  return Number(match[1]);
}
