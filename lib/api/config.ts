/**
 * Configuration of the public API: the API_KEYS / API_RATE_LIMIT_* / API_ACCESS_LOG part of the
 * application's configuration (lib/config/env.ts parses and validates every variable; defaults
 * in the README). Recomputed only when one of these variables changes (tests change
 * process.env between cases), comparing just them: apiConfig() runs on every request.
 *
 * - API_KEYS: comma-separated bearer tokens; empty or unset = no authentication.
 *   A token may carry scopes after a colon, joined by "+": `k1,k2:read` (k2 may only read).
 * - API_RATE_LIMIT_RPS: sustained requests per second per key (per client address when keys
 *   are off), per process; default 100, `0` or `off` disables the limiter.
 * - API_RATE_LIMIT_BURST: bucket capacity (requests accepted at once); default the rate (one second's worth).
 * - API_ACCESS_LOG: `off` silences the JSON access log (default on, to stdout).
 * - API_HEAVY_CONCURRENCY / API_HEAVY_QUEUE: heavy requests computed at once per process
 *   (default 2) and waiting beyond those (default 16).
 */
import { configSelector, type EnvSource } from '../config/env';
import type { ApiKeySpec, RateLimitConfig } from '../config/env';

export { DEFAULT_RATE_PER_SECOND, parseApiKeys, parseRateLimit, SCOPES } from '../config/env';
export type { ApiKeySpec, RateLimitConfig, Scope } from '../config/env';

export interface ApiConfig {
  readonly keys: readonly ApiKeySpec[];
  /** undefined when rate limiting is off. */
  readonly rateLimit: RateLimitConfig | undefined;
  readonly accessLog: boolean;
  /** Heavy requests computed at once per process (API_HEAVY_CONCURRENCY). */
  readonly heavyConcurrency: number;
  /** Heavy requests waiting beyond those before a 503 (API_HEAVY_QUEUE). */
  readonly heavyQueue: number;
}

const select = configSelector(
  ['API_KEYS', 'API_RATE_LIMIT_RPS', 'API_RATE_LIMIT_BURST', 'API_ACCESS_LOG', 'API_HEAVY_CONCURRENCY', 'API_HEAVY_QUEUE'],
  (c): ApiConfig => ({
    keys: c.apiKeys,
    rateLimit: c.rateLimit,
    accessLog: c.apiAccessLog,
    heavyConcurrency: c.apiHeavyConcurrency,
    heavyQueue: c.apiHeavyQueue,
  }),
);

/** The current configuration (recomputed only when one of the variables changes); throws a ConfigError when invalid. */
export function apiConfig(env: EnvSource = process.env): ApiConfig {
  return select(env);
}
