/**
 * Token-bucket rate limiter, one bucket per caller: `burst` requests may arrive at once, then
 * `ratePerSecond` are refilled per second. The bucket map is bounded: idle buckets (refilled
 * to full) are swept when it grows past `maxBuckets`, and if callers are still too many the
 * oldest are dropped (a dropped caller simply starts again with a full bucket).
 */

export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  /** Whole requests left in the bucket after this one. */
  readonly remaining: number;
  /** Seconds until the bucket is full again. */
  readonly resetSeconds: number;
  /** Seconds to wait before one request is accepted again (0 when allowed). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxBuckets = 10_000,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new Error('rate must be > 0 and burst ≥ 1');
    this.perMs = ratePerSecond / 1000;
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string): RateDecision {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedMs) * this.perMs);
      bucket.updatedMs = now;
    } else {
      if (this.buckets.size >= this.maxBuckets) this.evict(now);
      bucket = { tokens: this.burst, updatedMs: now };
      this.buckets.set(key, bucket);
    }
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const missing = this.burst - bucket.tokens;
    return {
      allowed,
      limit: Math.floor(this.burst),
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil(missing / this.ratePerSecond),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSecond)),
    };
  }

  private evict(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.updatedMs) * this.perMs >= this.burst) this.buckets.delete(key);
    }
    // Still full of active callers: drop the least recently inserted (Map keeps insertion order).
    const excess = this.buckets.size - Math.floor(this.maxBuckets * 0.9);
    if (excess > 0) {
      let n = 0;
      for (const key of this.buckets.keys()) {
        if (n++ >= excess) break;
        this.buckets.delete(key);
      }
    }
  }
}
