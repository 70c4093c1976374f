import crypto from 'node:crypto';

/**
 * The decision log's hash chain. Each record's hash is SHA-256 over the previous record's hash and
 * the record's own fields written as canonical JSON (keys sorted, no whitespace), so changing,
 * removing or reordering any stored record breaks every hash after it. The first record chains to
 * GENESIS_HASH.
 */

export const GENESIS_HASH = '0'.repeat(64);

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** JSON with object keys sorted at every level and no whitespace: one text per value. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v as Json)).join(',')}]`;
  const object = value as { readonly [key: string]: Json };
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Hash of a record given its predecessor's hash and its chained fields (everything but the hash itself). */
export function chainHash(previousHash: string, fields: { readonly [key: string]: Json }): string {
  return sha256Hex(`${previousHash}\n${canonicalJson(fields)}`);
}

export interface ChainedRecord {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainBreak =
  | { readonly seq: number; readonly problem: 'sequence-gap'; readonly expected: number }
  | { readonly seq: number; readonly problem: 'previous-hash-mismatch' }
  | { readonly seq: number; readonly problem: 'hash-mismatch' };

/**
 * Walks records in sequence order and returns the first break, or null when the chain holds.
 * `fieldsOf` gives the chained fields of a record, exactly as they were hashed when it was written.
 */
export class ChainVerifier<R extends ChainedRecord> {
  private expectedSeq: number;
  private previousHash: string;
  private checked = 0;

  /** `after`: continue after an already verified record (its seq and hash) instead of from the start. */
  constructor(
    private readonly fieldsOf: (record: R) => { readonly [key: string]: Json },
    after: { readonly seq: number; readonly hash: string } = { seq: 0, hash: GENESIS_HASH },
  ) {
    this.expectedSeq = after.seq + 1;
    this.previousHash = after.hash;
  }

  /** The last record verified (seq 0 and the genesis hash before any). */
  get position(): { seq: number; hash: string } {
    return { seq: this.expectedSeq - 1, hash: this.previousHash };
  }

  /** Checks the next record; returns the break it shows, or null. */
  next(record: R): ChainBreak | null {
    if (record.seq !== this.expectedSeq) return { seq: record.seq, problem: 'sequence-gap', expected: this.expectedSeq };
    if (record.prevHash !== this.previousHash) return { seq: record.seq, problem: 'previous-hash-mismatch' };
    if (chainHash(record.prevHash, this.fieldsOf(record)) !== record.hash) return { seq: record.seq, problem: 'hash-mismatch' };
    this.expectedSeq++;
    this.previousHash = record.hash;
    this.checked++;
    return null;
  }

  get verified(): number {
    return this.checked;
  }

  get lastHash(): string {
    return this.previousHash;
  }
}
