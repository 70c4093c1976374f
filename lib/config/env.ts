import path from 'node:path';
import { z } from 'zod';
import { type CidrSet, parseCidrList } from './cidr';

/**
 * The one schema of the environment variables the application reads (defaults documented in
 * the README "Configuration" table). Parsed and validated as a whole: an invalid value is a
 * ConfigError whose message is one line starting with the variable's name, raised at start-up
 * (lib/server/start.ts, lib/cli/startCluster.ts, instrumentation.ts) rather than on the first
 * request that needs it. An empty value is the same as an unset one.
 *
 * appConfig() is the parsed configuration of process.env, parsed once per distinct set of raw
 * values (unit tests change process.env between cases). Per-request code should read through a
 * configSelector() over the few variables it needs: it compares only those.
 */

export type Scope = 'read' | 'score' | 'decide';
/** `decide` lets a key record decisions (the key's own label is the actor); a key without scopes has read and score only. */
export const SCOPES: readonly Scope[] = ['read', 'score', 'decide'];

export interface ApiKeySpec {
  readonly token: string;
  readonly scopes: ReadonlySet<Scope>;
}

export interface RateLimitConfig {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** Requests per second per key (per client address without keys), per process. */
export const DEFAULT_RATE_PER_SECOND = 100;

export interface AppConfig {
  /** PORT: port of `npm start` / `npm run start:cluster` (0 = any free port). */
  readonly port: number;
  /** WEB_CONCURRENCY: worker processes of `npm run start:cluster`; undefined = one per core. */
  readonly webConcurrency: number | undefined;
  /** API_FAST_PATH: answer /api/v1 directly from the node:http server (default on). */
  readonly apiFastPath: boolean;
  /** DATASETS_DIR (absolute). */
  readonly datasetsDir: string;
  /** TOKENIZERS_DIR (absolute), default `<DATASETS_DIR>/../tokenizers`. */
  readonly tokenizersDir: string;
  /** DATA_CACHE_DIR (absolute), default `data/.cache`. */
  readonly cacheDir: string;
  /** MODELS_DIR (absolute), default `models`. */
  readonly modelsDir: string;
  /** CREDIT_MODEL_DIR (absolute), default `<MODELS_DIR>/credit`. */
  readonly creditModelDir: string;
  /** CREDIT_ORT_THREADS: ONNX Runtime intra-op threads of the scoring model (default 1). */
  readonly creditOrtThreads: number;
  /** CREDIT_WARMUP: load the credit engine in the background at start (default on). */
  readonly creditWarmup: boolean;
  /** NLP_MODELS_DIR (absolute), default `<MODELS_DIR>/nlp`. */
  readonly nlpModelsDir: string;
  /** NLP_SERVING_THREADS: ONNX Runtime threads per NLP model (default 1). */
  readonly nlpServingThreads: number;
  /** API_KEYS: empty = no authentication. */
  readonly apiKeys: readonly ApiKeySpec[];
  /** API_RATE_LIMIT_RPS / API_RATE_LIMIT_BURST; undefined when rate limiting is off. */
  readonly rateLimit: RateLimitConfig | undefined;
  /** API_ACCESS_LOG: JSON access log on stdout (default on). */
  readonly apiAccessLog: boolean;
  /** API_RESPONSE_CACHE_MB: memory for cached GET responses, 0 = no cache (default 32). */
  readonly apiResponseCacheMb: number;
  /** TRUSTED_PROXIES: peers whose forwarding headers are believed (default none). */
  readonly trustedProxies: CidrSet;
  /** SERVER_MAX_CONNECTIONS: open connections per process (default 1000). */
  readonly serverMaxConnections: number;
  /** API_HEAVY_CONCURRENCY: heavy requests computed at once per process (default 2). */
  readonly apiHeavyConcurrency: number;
  /** API_HEAVY_QUEUE: heavy requests waiting beyond those (default 16). */
  readonly apiHeavyQueue: number;
  /** DATABASE_URL: PostgreSQL connection URL of the decision store; undefined = the embedded SQLite file. */
  readonly databaseUrl: string | undefined;
  /** SQLITE_FILE (absolute), default `data/insight.sqlite`: the embedded decision store. */
  readonly sqliteFile: string;
  /** AUTH_REQUIRED: every page needs a signed-in person (default off: reading is open, writing always needs one). */
  readonly authRequired: boolean;
}

/** An invalid configuration value; `message` is one line starting with the variable's name. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' '));
  }
}

export type EnvSource = Readonly<Record<string, string | undefined>>;

// ---------------------------------------------------------------------------------------------
// Value parsers: each gets the raw value (non-empty, untrimmed) and throws a ConfigError.

const shown = (raw: string) => JSON.stringify(raw);

/** undefined for unset, empty or blank. */
function present(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}

function parseBoolean(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (v === 'on' || v === 'true' || v === '1') return true;
  if (v === 'off' || v === 'false' || v === '0') return false;
  throw new ConfigError(name, `${name} must be on or off (also true/false, 1/0), got ${shown(raw)}`);
}

function parseInteger(name: string, raw: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const v = raw.trim();
  const n = /^[0-9]+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const what =
      max !== Number.MAX_SAFE_INTEGER
        ? `an integer between ${min} and ${max}`
        : min === 1
          ? 'a positive integer'
          : min === 0
            ? 'a non-negative integer'
            : `an integer ≥ ${min}`;
    throw new ConfigError(name, `${name} must be ${what}, got ${shown(raw)}`);
  }
  return n;
}

function parseNonNegativeNumber(name: string, raw: string, alternatives = ''): number {
  const v = raw.trim();
  const n = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new ConfigError(name, `${name} must be a non-negative number${alternatives}, got ${shown(raw)}`);
  return n;
}

function parseDirectory(name: string, raw: string): string {
  if (raw.includes('\0')) throw new ConfigError(name, `${name} must be a folder path, got a value with a NUL character`);
  return raw;
}

const resolveDir = (dir: string) => path.resolve(/*turbopackIgnore: true*/ dir);

/** DATABASE_URL: a postgres:// or postgresql:// URL with a host (credentials are never echoed). */
function parseDatabaseUrl(raw: string): string {
  const v = raw.trim();
  let url: URL | undefined;
  try {
    url = new URL(v);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || url.hostname === '') {
    throw new ConfigError('DATABASE_URL', 'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:port/database)');
  }
  return v;
}

/**
 * API_KEYS: comma-separated bearer tokens, each optionally followed by `:` and scopes joined by
 * `+` (`k1,k2:read`: k2 may only read). Throws on an unknown scope (a typo must not silently grant
 * or deny), an empty token, a token no Authorization header can carry, or a repeated token.
 * Messages name the entry by position, never the token.
 */
export function parseApiKeys(raw: string | undefined): ApiKeySpec[] {
  if (present(raw) === undefined) return [];
  const specs: ApiKeySpec[] = [];
  const seen = new Map<string, number>();
  (raw ?? '').split(',').forEach((part, i) => {
    const entry = part.trim();
    if (entry.length === 0) return;
    const n = i + 1;
    const colon = entry.indexOf(':');
    const token = (colon < 0 ? entry : entry.slice(0, colon)).trim();
    // Without scopes a key reads and scores; recording decisions must be granted explicitly.
    let scopes: Scope[] = ['read', 'score'];
    if (colon >= 0) {
      const names = entry
        .slice(colon + 1)
        .split('+')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      for (const s of names) {
        if (!(SCOPES as readonly string[]).includes(s)) {
          throw new ConfigError('API_KEYS', `API_KEYS: unknown scope ${shown(s)} in entry ${n} (known scopes: ${SCOPES.join(', ')})`);
        }
      }
      if (names.length === 0) throw new ConfigError('API_KEYS', `API_KEYS: entry ${n} has a colon but no scope (known scopes: ${SCOPES.join(', ')})`);
      scopes = names as Scope[];
    }
    if (token.length === 0) throw new ConfigError('API_KEYS', `API_KEYS: entry ${n} has an empty token`);
    if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) {
      throw new ConfigError(
        'API_KEYS',
        `API_KEYS: the token of entry ${n} has characters a bearer token cannot carry (allowed: letters, digits, - . _ ~ + / and trailing =)`,
      );
    }
    const first = seen.get(token);
    if (first !== undefined) throw new ConfigError('API_KEYS', `API_KEYS: entry ${n} repeats the token of entry ${first}`);
    seen.set(token, n);
    specs.push({ token, scopes: new Set(scopes) });
  });
  return specs;
}

/**
 * API_RATE_LIMIT_RPS (default 100; `0` or `off` disables the limiter) and API_RATE_LIMIT_BURST
 * (bucket capacity, default one second's worth: the rate; at least 1).
 */
export function parseRateLimit(rateRaw: string | undefined, burstRaw: string | undefined): RateLimitConfig | undefined {
  const rate = present(rateRaw) === undefined ? undefined : parseRate(rateRaw ?? '');
  const burst = present(burstRaw) === undefined ? undefined : parseNonNegativeNumber('API_RATE_LIMIT_BURST', burstRaw ?? '');
  return rateLimitOf(rate, burst);
}

/** API_RATE_LIMIT_RPS alone: a rate, 0 for off. */
function parseRate(raw: string): number {
  return raw.trim().toLowerCase() === 'off' ? 0 : parseNonNegativeNumber('API_RATE_LIMIT_RPS', raw, ' or off');
}

function rateLimitOf(rate: number | undefined, burst: number | undefined): RateLimitConfig | undefined {
  const ratePerSecond = rate ?? DEFAULT_RATE_PER_SECOND;
  if (ratePerSecond === 0) return undefined;
  return { ratePerSecond, burst: Math.max(1, burst ?? ratePerSecond) };
}

function parseTrustedProxies(raw: string): CidrSet {
  try {
    return parseCidrList(raw);
  } catch (err) {
    throw new ConfigError('TRUSTED_PROXIES', `TRUSTED_PROXIES: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The schema.

/** One variable: optional string → parsed value or its default (undefined = derived later). */
function variable<T>(name: string, parse: (raw: string) => T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | undefined => {
      const value = present(raw);
      if (value === undefined) return undefined;
      try {
        return parse(value);
      } catch (err) {
        ctx.addIssue(err instanceof ConfigError ? err.message : `${name}: ${err instanceof Error ? err.message : String(err)}`);
        return z.NEVER;
      }
    });
}

const positiveInteger = (name: string) => variable(name, (raw) => parseInteger(name, raw, 1));
const nonNegativeInteger = (name: string) => variable(name, (raw) => parseInteger(name, raw, 0));
const boolean = (name: string) => variable(name, (raw) => parseBoolean(name, raw));
const directory = (name: string) => variable(name, (raw) => parseDirectory(name, raw));

const variables = {
  PORT: variable('PORT', (raw) => parseInteger('PORT', raw, 0, 65535)),
  WEB_CONCURRENCY: positiveInteger('WEB_CONCURRENCY'),
  API_FAST_PATH: boolean('API_FAST_PATH'),
  DATASETS_DIR: directory('DATASETS_DIR'),
  TOKENIZERS_DIR: directory('TOKENIZERS_DIR'),
  DATA_CACHE_DIR: directory('DATA_CACHE_DIR'),
  MODELS_DIR: directory('MODELS_DIR'),
  CREDIT_MODEL_DIR: directory('CREDIT_MODEL_DIR'),
  CREDIT_ORT_THREADS: positiveInteger('CREDIT_ORT_THREADS'),
  CREDIT_WARMUP: boolean('CREDIT_WARMUP'),
  NLP_MODELS_DIR: directory('NLP_MODELS_DIR'),
  NLP_SERVING_THREADS: positiveInteger('NLP_SERVING_THREADS'),
  API_KEYS: variable('API_KEYS', parseApiKeys),
  API_RATE_LIMIT_RPS: variable('API_RATE_LIMIT_RPS', parseRate),
  API_RATE_LIMIT_BURST: variable('API_RATE_LIMIT_BURST', (raw) => parseNonNegativeNumber('API_RATE_LIMIT_BURST', raw)),
  API_ACCESS_LOG: boolean('API_ACCESS_LOG'),
  API_RESPONSE_CACHE_MB: variable('API_RESPONSE_CACHE_MB', (raw) => parseNonNegativeNumber('API_RESPONSE_CACHE_MB', raw)),
  TRUSTED_PROXIES: variable('TRUSTED_PROXIES', parseTrustedProxies),
  SERVER_MAX_CONNECTIONS: positiveInteger('SERVER_MAX_CONNECTIONS'),
  API_HEAVY_CONCURRENCY: positiveInteger('API_HEAVY_CONCURRENCY'),
  API_HEAVY_QUEUE: nonNegativeInteger('API_HEAVY_QUEUE'),
  DATABASE_URL: variable('DATABASE_URL', parseDatabaseUrl),
  SQLITE_FILE: directory('SQLITE_FILE'),
  AUTH_REQUIRED: boolean('AUTH_REQUIRED'),
};

export type EnvName = keyof typeof variables;

/** Every variable of the schema, in the README's order. */
export const ENV_NAMES = Object.keys(variables) as EnvName[];

const envSchema = z.object(variables);

function toAppConfig(v: z.output<typeof envSchema>, cwd: string): AppConfig {
  const datasetsDir = resolveDir(v.DATASETS_DIR ?? path.join(cwd, '..', 'shared', 'datasets'));
  const modelsDir = resolveDir(v.MODELS_DIR ?? path.join(cwd, 'models'));
  return {
    port: v.PORT ?? 3000,
    webConcurrency: v.WEB_CONCURRENCY,
    apiFastPath: v.API_FAST_PATH ?? true,
    datasetsDir,
    tokenizersDir: resolveDir(v.TOKENIZERS_DIR ?? path.join(datasetsDir, '..', 'tokenizers')),
    cacheDir: resolveDir(v.DATA_CACHE_DIR ?? path.join(cwd, 'data', '.cache')),
    modelsDir,
    creditModelDir: resolveDir(v.CREDIT_MODEL_DIR ?? path.join(modelsDir, 'credit')),
    creditOrtThreads: v.CREDIT_ORT_THREADS ?? 1,
    creditWarmup: v.CREDIT_WARMUP ?? true,
    nlpModelsDir: resolveDir(v.NLP_MODELS_DIR ?? path.join(modelsDir, 'nlp')),
    nlpServingThreads: v.NLP_SERVING_THREADS ?? 1,
    apiKeys: v.API_KEYS ?? [],
    rateLimit: rateLimitOf(v.API_RATE_LIMIT_RPS, v.API_RATE_LIMIT_BURST),
    apiAccessLog: v.API_ACCESS_LOG ?? true,
    apiResponseCacheMb: v.API_RESPONSE_CACHE_MB ?? 32,
    trustedProxies: v.TRUSTED_PROXIES ?? parseCidrList(undefined),
    serverMaxConnections: v.SERVER_MAX_CONNECTIONS ?? 1000,
    apiHeavyConcurrency: v.API_HEAVY_CONCURRENCY ?? 2,
    apiHeavyQueue: v.API_HEAVY_QUEUE ?? 16,
    databaseUrl: v.DATABASE_URL,
    sqliteFile: resolveDir(v.SQLITE_FILE ?? path.join(cwd, 'data', 'insight.sqlite')),
    authRequired: v.AUTH_REQUIRED ?? false,
  };
}

function rawValues(env: EnvSource): Record<EnvName, string | undefined> {
  const raw = {} as Record<EnvName, string | undefined>;
  for (const name of ENV_NAMES) raw[name] = env[name];
  return raw;
}

function parseRaw(raw: Record<EnvName, string | undefined>, cwd: string): AppConfig {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(name, issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`);
  }
  return toAppConfig(result.data, cwd);
}

/** Parses and validates every variable of `env`; throws a ConfigError for the first invalid one (in the README's order). */
export function parseEnv(env: EnvSource): AppConfig {
  return parseRaw(rawValues(env), process.cwd());
}

let memo: { raw: Record<EnvName, string | undefined>; cwd: string; config: AppConfig } | undefined;

/**
 * The configuration of `env` (process.env by default), parsed once and memoised; parsed again
 * only when a variable's raw value (or the working folder, which relative paths depend on)
 * has changed. Throws a ConfigError when a value is invalid.
 */
export function appConfig(env: EnvSource = process.env): AppConfig {
  const cwd = process.cwd();
  if (memo && memo.cwd === cwd) {
    let same = true;
    for (const name of ENV_NAMES) {
      if (env[name] !== memo.raw[name]) {
        same = false;
        break;
      }
    }
    if (same) return memo.config;
  }
  const raw = rawValues(env);
  const config = parseRaw(raw, cwd);
  memo = { raw, cwd, config };
  return config;
}

/** Forgets the memoised configuration (tests). */
export function resetAppConfigForTests(): void {
  memo = undefined;
}

/**
 * A reader of part of the configuration for per-request code: `select(appConfig(env))`,
 * recomputed only when one of `names` changes (comparing a few variables costs well under a
 * microsecond; appConfig() compares them all). The selected value keeps its identity meanwhile.
 */
export function configSelector<T>(names: readonly EnvName[], select: (config: AppConfig) => T): (env?: EnvSource) => T {
  let cached: { key: string; value: T } | undefined;
  return (env: EnvSource = process.env): T => {
    let key = '';
    for (const name of names) key += `${env[name] ?? ''}\u0000`;
    if (cached?.key !== key) cached = { key, value: select(appConfig(env)) };
    return cached.value;
  };
}

/** Validates the whole configuration (start-up); throws a ConfigError naming the first invalid variable. */
export function assertValidConfig(env: EnvSource = process.env): AppConfig {
  return env === process.env ? appConfig(env) : parseEnv(env);
}

/**
 * For the entry points (npm start, npm run start:cluster): validates the configuration and, when
 * it is invalid, prints `[config] <message>` (one line) to stderr and exits with code 1.
 */
export function exitOnInvalidConfig(env: EnvSource = process.env): AppConfig {
  try {
    return assertValidConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`[config] ${err.message}`);
    process.exit(1);
  }
}
