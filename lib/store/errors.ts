/**
 * Store failures the caller can act on. A database that cannot be reached (PostgreSQL down,
 * connection refused or timed out, SQLite file locked beyond the busy timeout) is
 * StoreUnavailableError — the API answers 503 with Retry-After — never a 500.
 */

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(readonly reason: string) {
    super(`the decision store is unavailable: ${reason}`);
  }
}

/** An Idempotency-Key already used by the same actor for a different request. */
export class IdempotencyConflictError extends Error {
  override readonly name = 'IdempotencyConflictError';
  constructor() {
    super('this Idempotency-Key was already used with a different request');
  }
}

/** A record that refers to one another record already refers to: an escalation is reviewed once. */
export class AlreadyReviewedError extends Error {
  override readonly name = 'AlreadyReviewedError';
  constructor(
    readonly refersTo: string,
    /** The record that reviewed it first. */
    readonly reviewedBy: string,
  ) {
    super(`record ${refersTo} was already reviewed by record ${reviewedBy}`);
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'EIO', // the disk refused a flush (an append's WAL file): not acknowledged
  'ENOSPC',
]);

/** SQLite answered "database is locked": another connection holds the lock it needs (`SQLITE_BUSY` and its extended codes). */
export function isSqliteBusy(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Whether an error from a driver means "the database cannot be used now" (as opposed to a bug or a constraint). */
export function isUnavailable(err: unknown): boolean {
  // Duck-typed, not `instanceof Error`: a native driver's errors may come from another realm.
  if (typeof err !== 'object' || err === null || typeof (err as { message?: unknown }).message !== 'string') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code)) return true;
    // PostgreSQL SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart).
    if (/^08/.test(code) || /^57P0/.test(code) || code === '53300') return true;
  }
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|database is locked/i.test(
    (err as { message: string }).message,
  );
}

/** Runs a store operation, turning "cannot reach the database" into StoreUnavailableError. */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    if (err instanceof StoreUnavailableError || err instanceof IdempotencyConflictError) throw err;
    if (isUnavailable(err)) {
      const e = err as { code?: string; message: string };
      throw new StoreUnavailableError(e.code ?? e.message);
    }
    throw err;
  }
}
