import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { type CidrSet, parseCidrList } from '@/lib/config/cidr';
import { appConfig, assertValidConfig, ConfigError, configSelector, ENV_NAMES, parseEnv, resetAppConfigForTests } from '@/lib/config/env';

const root = path.resolve(__dirname, '..', '..', '..');

/** The ConfigError thrown by parsing `env`. */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    parseEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('configuration schema', () => {
  test('defaults: every variable unset (or empty)', () => {
    const c = parseEnv({});
    expect(c.port).toBe(3000);
    expect(c.webConcurrency).toBeUndefined();
    expect(c.apiFastPath).toBe(true);
    expect(c.datasetsDir).toBe(path.resolve(process.cwd(), '..', 'shared', 'datasets'));
    expect(c.tokenizersDir).toBe(path.resolve(process.cwd(), '..', 'shared', 'tokenizers'));
    expect(c.cacheDir).toBe(path.resolve(process.cwd(), 'data', '.cache'));
    expect(c.modelsDir).toBe(path.resolve(process.cwd(), 'models'));
    expect(c.creditModelDir).toBe(path.resolve(process.cwd(), 'models', 'credit'));
    expect(c.nlpModelsDir).toBe(path.resolve(process.cwd(), 'models', 'nlp'));
    expect(c.creditOrtThreads).toBe(1);
    expect(c.creditWarmup).toBe(true);
    expect(c.nlpServingThreads).toBe(1);
    expect(c.apiKeys).toEqual([]);
    expect(c.rateLimit).toEqual({ ratePerSecond: 100, burst: 100 });
    expect(c.apiAccessLog).toBe(true);
    expect(c.apiResponseCacheMb).toBe(32);
    expect(c.trustedProxies.size).toBe(0);
    expect(c.trustedProxies.contains('127.0.0.1')).toBe(false);
    expect(c.serverMaxConnections).toBe(1000);
    expect(c.apiHeavyConcurrency).toBe(2);
    expect(c.apiHeavyQueue).toBe(16);

    const empty = Object.fromEntries(ENV_NAMES.map((name) => [name, '']));
    expect(parseEnv(empty)).toEqual(c);
    expect(parseEnv(Object.fromEntries(ENV_NAMES.map((name) => [name, '  '])))).toEqual(c);
  });

  test('values: paths derive from each other, numbers, booleans, keys, rate limit', () => {
    const c = parseEnv({
      PORT: '8080',
      WEB_CONCURRENCY: '3',
      API_FAST_PATH: 'OFF',
      DATASETS_DIR: '/data/sets',
      MODELS_DIR: 'elsewhere/models',
      CREDIT_ORT_THREADS: '2',
      CREDIT_WARMUP: 'false',
      NLP_SERVING_THREADS: '4',
      API_KEYS: 'a, b:read , c:read+score',
      API_RATE_LIMIT_RPS: '0.5',
      API_ACCESS_LOG: '0',
      API_RESPONSE_CACHE_MB: '0',
      TRUSTED_PROXIES: '127.0.0.1, ::1',
      SERVER_MAX_CONNECTIONS: '50',
      API_HEAVY_CONCURRENCY: '1',
      API_HEAVY_QUEUE: '0',
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/insight',
      SQLITE_FILE: 'elsewhere/decisions.sqlite',
      AUTH_REQUIRED: 'on',
    });
    expect(c.authRequired).toBe(true);
    expect(c.databaseUrl).toBe('postgres://app:secret@db.internal:5432/insight');
    expect(c.sqliteFile).toBe(path.resolve(process.cwd(), 'elsewhere', 'decisions.sqlite'));
    expect(c.port).toBe(8080);
    expect(c.webConcurrency).toBe(3);
    expect(c.apiFastPath).toBe(false);
    expect(c.datasetsDir).toBe('/data/sets');
    expect(c.tokenizersDir).toBe('/data/tokenizers');
    expect(c.modelsDir).toBe(path.resolve(process.cwd(), 'elsewhere', 'models'));
    expect(c.creditModelDir).toBe(path.resolve(process.cwd(), 'elsewhere', 'models', 'credit'));
    expect(c.nlpModelsDir).toBe(path.resolve(process.cwd(), 'elsewhere', 'models', 'nlp'));
    expect(c.creditOrtThreads).toBe(2);
    expect(c.creditWarmup).toBe(false);
    expect(c.nlpServingThreads).toBe(4);
    expect(c.apiKeys.map((k) => [k.token, [...k.scopes]])).toEqual([
      ['a', ['read', 'score']],
      ['b', ['read']],
      ['c', ['read', 'score']],
    ]);
    expect(c.rateLimit).toEqual({ ratePerSecond: 0.5, burst: 1 });
    expect(c.apiAccessLog).toBe(false);
    expect(c.apiResponseCacheMb).toBe(0);
    expect(c.trustedProxies.size).toBe(2);
    expect(c.serverMaxConnections).toBe(50);
    expect(c.apiHeavyConcurrency).toBe(1);
    expect(c.apiHeavyQueue).toBe(0);

    expect(parseEnv({ PORT: '0' }).port).toBe(0);
    expect(parseEnv({ TOKENIZERS_DIR: '/t', CREDIT_MODEL_DIR: '/c', NLP_MODELS_DIR: '/n', DATA_CACHE_DIR: '/d' })).toMatchObject({
      tokenizersDir: '/t',
      creditModelDir: '/c',
      nlpModelsDir: '/n',
      cacheDir: '/d',
    });
    for (const [raw, value] of [
      ['on', true],
      ['ON', true],
      ['true', true],
      ['True', true],
      ['1', true],
      ['off', false],
      ['FALSE', false],
      ['0', false],
      [' off ', false],
    ] as const) {
      expect(parseEnv({ API_FAST_PATH: raw }).apiFastPath).toBe(value);
    }
    expect(parseEnv({ API_RATE_LIMIT_RPS: 'off' }).rateLimit).toBeUndefined();
    expect(parseEnv({ API_RATE_LIMIT_RPS: 'Off', API_RATE_LIMIT_BURST: '5' }).rateLimit).toBeUndefined();
    expect(parseEnv({ API_RATE_LIMIT_RPS: '0' }).rateLimit).toBeUndefined();
    expect(parseEnv({ API_RATE_LIMIT_RPS: '20', API_RATE_LIMIT_BURST: '50' }).rateLimit).toEqual({ ratePerSecond: 20, burst: 50 });
    expect(parseEnv({ API_RATE_LIMIT_BURST: '7' }).rateLimit).toEqual({ ratePerSecond: 100, burst: 7 });
    expect(parseEnv({ API_RESPONSE_CACHE_MB: '1.5' }).apiResponseCacheMb).toBe(1.5);
  });

  const invalid: [string, string, RegExp?][] = [
    ['PORT', 'http'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['WEB_CONCURRENCY', '0', /^WEB_CONCURRENCY must be a positive integer, got "0"$/],
    ['WEB_CONCURRENCY', 'two'],
    ['API_FAST_PATH', 'yes', /^API_FAST_PATH must be on or off/],
    ['DATASETS_DIR', 'a\0b'],
    ['TOKENIZERS_DIR', 'a\0b'],
    ['DATA_CACHE_DIR', 'a\0b'],
    ['MODELS_DIR', 'a\0b'],
    ['CREDIT_MODEL_DIR', 'a\0b'],
    ['CREDIT_ORT_THREADS', '0'],
    ['CREDIT_ORT_THREADS', '1.5'],
    ['CREDIT_WARMUP', 'disabled'],
    ['NLP_MODELS_DIR', 'a\0b'],
    ['NLP_SERVING_THREADS', 'many'],
    ['API_KEYS', 'k:bogus', /^API_KEYS: unknown scope "bogus" in entry 1 \(known scopes: read, score, decide\)$/],
    ['API_KEYS', 'a,b:read+admin', /^API_KEYS: unknown scope "admin" in entry 2 /],
    ['API_KEYS', 'a,:read', /^API_KEYS: entry 2 has an empty token$/],
    ['API_KEYS', 'a:', /^API_KEYS: entry 1 has a colon but no scope/],
    ['API_KEYS', 'a,b c', /^API_KEYS: the token of entry 2 has characters/],
    ['API_KEYS', 'a,b,a:read', /^API_KEYS: entry 3 repeats the token of entry 1$/],
    ['API_RATE_LIMIT_RPS', 'fast', /^API_RATE_LIMIT_RPS must be a non-negative number or off, got "fast"$/],
    ['API_RATE_LIMIT_RPS', '-5'],
    ['API_RATE_LIMIT_BURST', 'lots'],
    ['API_ACCESS_LOG', 'quiet'],
    ['API_RESPONSE_CACHE_MB', '-1'],
    ['API_RESPONSE_CACHE_MB', '32MB'],
    ['TRUSTED_PROXIES', '127.0.0.1,localhost', /^TRUSTED_PROXIES: "localhost" is not an IPv4 or IPv6 address or CIDR block$/],
    ['TRUSTED_PROXIES', '10.0.0.0/33', /^TRUSTED_PROXIES: "10.0.0.0\/33": the prefix length/],
    ['SERVER_MAX_CONNECTIONS', '0'],
    ['API_HEAVY_CONCURRENCY', '0'],
    ['API_HEAVY_QUEUE', '-1', /^API_HEAVY_QUEUE must be a non-negative integer, got "-1"$/],
    ['DATABASE_URL', 'mysql://user:secret@db/x', /^DATABASE_URL must be a PostgreSQL URL/],
    ['SQLITE_FILE', 'data/\u0000.sqlite'],
    ['AUTH_REQUIRED', 'maybe'],
  ];
  const invalidCases = invalid.map(([name, raw, pattern]) => ({ name, raw, pattern: pattern ?? null }));
  test.each(invalidCases)('$name=$raw is a one-line ConfigError naming the variable', ({ name, raw, pattern }) => {
    const err = configErrorOf({ [name]: raw });
    expect(err.variable).toBe(name);
    expect(err.message.startsWith(name)).toBe(true);
    expect(err.message).not.toMatch(/[\r\n]/);
    if (pattern) expect(err.message).toMatch(pattern);
  });

  test('every variable of the schema has an invalid-value case above', () => {
    const covered = new Set(invalid.map(([name]) => name));
    expect(ENV_NAMES.filter((name) => !covered.has(name))).toEqual([]);
  });

  test('messages stay on one line and never show an API key', () => {
    expect(configErrorOf({ PORT: 'eighty\neighty' }).message).toBe('PORT must be an integer between 0 and 65535, got "eighty\\neighty"');
    const err = configErrorOf({ API_KEYS: 'secret-token-1:admin' });
    expect(err.message).not.toContain('secret-token-1');
  });

  test('the first invalid variable (README order) is reported', () => {
    expect(configErrorOf({ API_KEYS: 'k:bogus', PORT: 'x' }).variable).toBe('PORT');
  });

  test('assertValidConfig throws a ConfigError for an invalid environment', () => {
    expect(() => assertValidConfig({ API_KEYS: 'k:bogus' })).toThrow(ConfigError);
    expect(assertValidConfig({}).port).toBe(3000);
  });
});

describe('appConfig memo', () => {
  afterEach(() => resetAppConfigForTests());

  test('parsed once per distinct set of values', () => {
    const env: Record<string, string> = { PORT: '4000' };
    const a = appConfig(env);
    expect(appConfig(env)).toBe(a);
    expect(appConfig({ PORT: '4000', UNRELATED: 'x' })).toBe(a);
    env.PORT = '4001';
    const b = appConfig(env);
    expect(b).not.toBe(a);
    expect(b.port).toBe(4001);
    resetAppConfigForTests();
    expect(appConfig(env)).not.toBe(b);
    env.API_KEYS = 'k:bogus';
    expect(() => appConfig(env)).toThrow(/^API_KEYS: unknown scope "bogus"/);
  });

  test('configSelector recomputes only when one of its variables changes', () => {
    const select = configSelector(['API_HEAVY_QUEUE'], (c) => ({ queue: c.apiHeavyQueue }));
    const env: Record<string, string> = { API_HEAVY_QUEUE: '3' };
    const first = select(env);
    expect(first).toEqual({ queue: 3 });
    env.PORT = '1234';
    expect(select(env)).toBe(first);
    env.API_HEAVY_QUEUE = '4';
    expect(select(env)).toEqual({ queue: 4 });
  });
});

describe('CIDR sets (TRUSTED_PROXIES)', () => {
  /** Each address of `inside` is in the set, none of `outside` is; a failure names the address. */
  function expectMembers(set: CidrSet, inside: readonly string[], outside: readonly string[] = []) {
    for (const ip of inside) expect([ip, set.contains(ip)]).toEqual([ip, true]);
    for (const ip of outside) expect([ip, set.contains(ip)]).toEqual([ip, false]);
  }

  test('IPv4 addresses and blocks', () => {
    const set = parseCidrList('127.0.0.1, 10.0.0.0/8,192.168.1.0/24 ,, 172.16.0.0/12');
    expect(set.size).toBe(4);
    expectMembers(
      set,
      ['127.0.0.1', '10.0.0.0', '10.255.255.255', '10.1.2.3', '192.168.1.200', '172.16.0.1', '172.31.255.255'],
      ['127.0.0.2', '11.0.0.0', '9.255.255.255', '192.168.2.1', '172.32.0.0', '0.0.0.0', '255.255.255.255'],
    );
  });

  test('/32, /0 and host bits', () => {
    expectMembers(parseCidrList('203.0.113.7/32'), ['203.0.113.7'], ['203.0.113.6', '203.0.113.8']);
    expectMembers(parseCidrList('0.0.0.0/0'), ['0.0.0.0', '1.2.3.4', '128.0.0.1', '255.255.255.255', '::ffff:8.8.8.8'], ['::1']);
    expectMembers(parseCidrList('10.1.2.3/8'), ['10.200.0.1']);
    expectMembers(parseCidrList('128.0.0.0/1'), ['200.1.1.1'], ['127.255.255.255']);
  });

  test('IPv6 addresses and blocks, compressed or not', () => {
    const set = parseCidrList('::1,fd00::/8,2001:db8:0:0:0:0:0:0/32,fe80::/10');
    expect(set.size).toBe(4);
    expectMembers(
      set,
      [
        '::1',
        '0:0:0:0:0:0:0:1',
        'fd12:3456::1',
        'FD00::',
        '2001:db8::1',
        '2001:DB8:ffff:ffff:ffff:ffff:ffff:ffff',
        'fe80::1%eth0',
        '[::1]',
        'febf::1',
      ],
      ['::2', '::', 'fc00::1', '2001:db9::1', 'fec0::1', '127.0.0.1', '::ffff:127.0.0.1'],
    );
    expectMembers(parseCidrList('::/0'), ['::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], ['1.2.3.4']);
    expectMembers(parseCidrList('2001:db8::7/128'), ['2001:db8::7'], ['2001:db8::8']);
    expectMembers(parseCidrList('2001:db8:1234:5678::/63'), ['2001:db8:1234:5679:ffff::1'], ['2001:db8:1234:567a::1']);
    expectMembers(parseCidrList('1:2:3:4:5:6:7::'), ['1:2:3:4:5:6:7:0']);
    expectMembers(parseCidrList('::5:6:7:8'), ['0:0:0:0:5:6:7:8']);
  });

  test('IPv4-mapped IPv6 addresses are their IPv4 address', () => {
    expectMembers(
      parseCidrList('127.0.0.1,10.0.0.0/8'),
      ['::ffff:127.0.0.1', '::FFFF:10.9.8.7', '::ffff:7f00:1', '0:0:0:0:0:ffff:127.0.0.1'],
      ['::ffff:127.0.0.2', '::ffff:11.0.0.1'],
    );
    expectMembers(parseCidrList('::ffff:192.168.0.0/112'), ['192.168.3.4', '::ffff:192.168.3.4'], ['192.169.0.1']);
  });

  test('anything unparsable is not contained', () => {
    const set = parseCidrList('0.0.0.0/0,::/0');
    expectMembers(
      set,
      [],
      [
        '',
        'localhost',
        '1.2.3',
        '1.2.3.4.5',
        '256.1.1.1',
        '01.2.3.4',
        '1.2.3.-4',
        ' 1.2.3.4',
        '1::2::3',
        ':::',
        '::1:',
        '12345::',
        'g::1',
        '1:2:3:4:5:6:7:8:9',
        '::ffff:1.2.3.256',
        '[::1',
        'undefined',
      ],
    );
    expect(set.contains(undefined as unknown as string)).toBe(false);
    expect(parseCidrList('').contains('127.0.0.1')).toBe(false);
    expect(parseCidrList(undefined).size).toBe(0);
  });

  test('bad entries throw, naming the entry', () => {
    for (const bad of [
      'localhost',
      '10.0.0.0/33',
      '::/129',
      '10.0.0.0/',
      '10.0.0.0/-1',
      '10.0.0.0/8/8',
      '1.2.3',
      '300.0.0.1',
      'fe80::1%eth0',
      '[::1]',
      '1::2::3',
      '10.0.0.0/a',
      '*',
    ]) {
      expect(() => parseCidrList(`127.0.0.1,${bad}`)).toThrow(bad);
    }
  });

  test('contains() is fast (every request)', () => {
    const set = parseCidrList('127.0.0.1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,::1,fd00::/8');
    const ips = ['10.1.2.3', '203.0.113.9', '::ffff:192.168.1.1', '2001:db8::1', '::1'];
    const n = 200_000;
    const started = performance.now();
    let hits = 0;
    for (let i = 0; i < n; i++) if (set.contains(ips[i % ips.length])) hits++;
    const perCallUs = ((performance.now() - started) * 1000) / n;
    expect(hits).toBe((n / 5) * 3);
    expect(perCallUs).toBeLessThan(5); // typically well under 0.5 µs
  });
});

describe('fail fast at start (no Next.js build needed: validation comes before Next loads)', () => {
  const badEnv = { ...process.env, API_KEYS: 'k:bogus', NEXT_DIST_DIR: 'data/.cache/no-such-build' };

  test.each([
    ['npm start', path.join('lib', 'server', 'start.ts')],
    ['npm run start:cluster', path.join('lib', 'cli', 'startCluster.ts')],
  ])('%s exits 1 with one [config] line naming API_KEYS', (_label, script) => {
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, '-p', '0'], { cwd: root, env: badEnv, encoding: 'utf8', timeout: 30_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines.filter((line) => line.includes('API_KEYS'))).toEqual([
      '[config] API_KEYS: unknown scope "bogus" in entry 1 (known scopes: read, score, decide)',
    ]);
    expect(run.stdout).not.toContain('[cluster]');
    expect(run.stderr).not.toContain('[server]');
  });
});
