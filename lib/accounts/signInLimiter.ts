/**
 * Sign-in attempts are limited per login and per client address (each key separately): at most
 * MAX_FAILURES failed attempts in WINDOW_MS, then every attempt for that key is refused until the
 * window has passed — whether the login exists or not, so the limit tells nothing either. Per
 * server process (two workers allow twice as many), in memory, bounded in size.
 */

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
const MAX_KEYS = 50_000;

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds to wait before `keys` may try again, 0 when allowed. */
  retryAfterSeconds(keys: readonly string[]): number {
    let wait = 0;
    for (const key of keys) {
      const list = this.recent(key);
      if (list.length >= MAX_FAILURES) wait = Math.max(wait, Math.ceil((list[0] + WINDOW_MS - this.now()) / 1000));
    }
    return wait;
  }

  recordFailure(keys: readonly string[]): void {
    for (const key of keys) {
      if (this.failures.size >= MAX_KEYS && !this.failures.has(key)) this.failures.delete(this.failures.keys().next().value as string);
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
  }

  recordSuccess(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}

const GLOBAL_KEY = Symbol.for('insight.signInLimiter');

/** The process's limiter (one per server process; kept on globalThis so that every bundle shares it). */
export function signInLimiter(): SignInLimiter {
  const g = globalThis as unknown as Record<symbol, SignInLimiter | undefined>;
  g[GLOBAL_KEY] ??= new SignInLimiter();
  return g[GLOBAL_KEY] as SignInLimiter;
}
