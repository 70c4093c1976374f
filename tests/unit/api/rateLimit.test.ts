import { TokenBucketLimiter } from '@/lib/api/rateLimit';

describe('token-bucket rate limiter', () => {
  test('a burst is accepted at once, then requests are refused with a Retry-After until tokens refill', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(2, 5, () => now);
    for (let i = 0; i < 5; i++) {
      const d = limiter.take('a');
      expect(d.allowed).toBe(true);
      expect(d.remaining).toBe(4 - i);
      expect(d.limit).toBe(5);
    }
    const refused = limiter.take('a');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect(refused.resetSeconds).toBe(3); // 5 tokens at 2/s
    now += 499;
    expect(limiter.take('a').allowed).toBe(false);
    now += 2;
    expect(limiter.take('a').allowed).toBe(true);
    // Another caller has its own bucket.
    expect(limiter.take('b')).toMatchObject({ allowed: true, remaining: 4 });
  });

  test('Retry-After is whole seconds, at least 1, long enough for one token', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(0.25, 1, () => now);
    expect(limiter.take('k').allowed).toBe(true);
    const d = limiter.take('k');
    expect(d).toMatchObject({ allowed: false, retryAfterSeconds: 4 });
    now += 3999;
    expect(limiter.take('k').allowed).toBe(false);
    now += 4001;
    expect(limiter.take('k').allowed).toBe(true);
  });

  test('the bucket map stays bounded with many callers', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(1000, 10, () => now, 100);
    for (let i = 0; i < 10_000; i++) {
      now += 0.01;
      limiter.take(`ip:${i}`);
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
