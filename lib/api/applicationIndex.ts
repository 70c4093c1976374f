import { type IdIndex, lowerBound, prefixRanges } from '../analysis/search';
import type { ApplicationSet } from '../data/homeCreditStore';
import { ApiError } from './errors';

/**
 * Listing of stored applications by SK_ID_CURR prefix, with opaque cursors, over the engine's id
 * index (lib/analysis/search's applicationIds): the ids starting with a prefix form one contiguous
 * range per number of digits, and those ranges increase with the number of digits, so a page is a
 * walk through at most ten binary-searched ranges in ascending id order.
 */

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

export function listIds(query: ListQuery, ids: IdIndex): IdPage {
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
