/**
 * Configuration of the public API, read from the environment once per distinct value
 * (tests may change process.env between cases). Defaults are documented in the README.
 *
 * - API_KEYS: comma-separated bearer tokens; empty or unset = no authentication.
 *   A token may carry scopes after a colon, joined by "+": `k1,k2:read` (k2 may only read).
 * - API_RATE_LIMIT_RPS: sustained requests per second per key (per client address when keys
 *   are off); default 5000, `0` or `off` disables the limiter.
 * - API_RATE_LIMIT_BURST: bucket capacity (requests accepted at once); default 2 × the rate.
 * - API_ACCESS_LOG: `off` silences the JSON access log (default on, to stdout).
 */

export type Scope = 'read' | 'score';
export const SCOPES: readonly Scope[] = ['read', 'score'];

export interface ApiKeySpec {
  readonly token: string;
  readonly scopes: ReadonlySet<Scope>;
}

export interface RateLimitConfig {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface ApiConfig {
  readonly keys: readonly ApiKeySpec[];
  /** undefined when rate limiting is off. */
  readonly rateLimit: RateLimitConfig | undefined;
  readonly accessLog: boolean;
}

export const DEFAULT_RATE_PER_SECOND = 5000;

/** Parses API_KEYS; throws on a scope that does not exist (a typo must not silently grant or deny). */
export function parseApiKeys(raw: string | undefined): ApiKeySpec[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon < 0) return { token: entry, scopes: new Set(SCOPES) };
      const token = entry.slice(0, colon);
      const scopes = entry
        .slice(colon + 1)
        .split('+')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      for (const s of scopes) {
        if (!(SCOPES as readonly string[]).includes(s)) {
          throw new Error(`API_KEYS: unknown scope "${s}" (known scopes: ${SCOPES.join(', ')})`);
        }
      }
      if (token.length === 0) throw new Error('API_KEYS: an entry has an empty token');
      return { token, scopes: new Set(scopes as Scope[]) };
    });
}

function positiveNumber(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

export function parseRateLimit(rateRaw: string | undefined, burstRaw: string | undefined): RateLimitConfig | undefined {
  if (rateRaw?.trim().toLowerCase() === 'off') return undefined;
  const rate = positiveNumber(rateRaw, 'API_RATE_LIMIT_RPS') ?? DEFAULT_RATE_PER_SECOND;
  if (rate === 0) return undefined;
  const burst = positiveNumber(burstRaw, 'API_RATE_LIMIT_BURST') ?? rate * 2;
  return { ratePerSecond: rate, burst: Math.max(1, burst) };
}

let cachedKey: string | undefined;
let cached: ApiConfig | undefined;

/** The current configuration (recomputed only when one of the variables changes). */
export function apiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const key = [env.API_KEYS, env.API_RATE_LIMIT_RPS, env.API_RATE_LIMIT_BURST, env.API_ACCESS_LOG].join('\u0000');
  if (cached && key === cachedKey) return cached;
  cached = {
    keys: parseApiKeys(env.API_KEYS),
    rateLimit: parseRateLimit(env.API_RATE_LIMIT_RPS, env.API_RATE_LIMIT_BURST),
    accessLog: env.API_ACCESS_LOG?.trim().toLowerCase() !== 'off',
  };
  cachedKey = key;
  return cached;
}
