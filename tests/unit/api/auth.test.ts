import { authenticate, authorize, clientAddress } from '@/lib/api/auth';
import { apiConfig, parseApiKeys, parseRateLimit } from '@/lib/api/config';
import { ApiError } from '@/lib/api/errors';

const h = (init: Record<string, string>) => new Headers(init);

function problemOf(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('API keys', () => {
  const keys = parseApiKeys(' alpha-key-123 , reader-key:read, scorer:score ,, both:read+score ');

  test('API_KEYS: comma-separated, trimmed, optional scopes; unknown scopes are a configuration error', () => {
    expect(keys.map((k) => [k.token, [...k.scopes].sort()])).toEqual([
      ['alpha-key-123', ['read', 'score']],
      ['reader-key', ['read']],
      ['scorer', ['score']],
      ['both', ['read', 'score']],
    ]);
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys('  ')).toEqual([]);
    expect(() => parseApiKeys('k:admin')).toThrow(/unknown scope "admin"/);
  });

  test('the decide scope is granted only explicitly, and never to an anonymous caller (API_KEYS unset)', () => {
    const [plain, decider] = parseApiKeys('plain-key,decider:read+decide');
    expect([...plain.scopes].sort()).toEqual(['read', 'score']);
    expect([...decider.scopes].sort()).toEqual(['decide', 'read']);
    expect(problemOf(() => authorize({ id: 'key:1', scopes: plain.scopes }, 'decide')).slug).toBe('forbidden');
    expect(() => authorize({ id: 'key:2', scopes: decider.scopes }, 'decide')).not.toThrow();
    const anonymous = authenticate(h({}), []);
    expect(() => authorize(anonymous, 'score')).not.toThrow();
    expect(problemOf(() => authorize(anonymous, 'decide')).slug).toBe('unauthorized');
  });

  test('no keys configured: everyone is allowed, identified by address', () => {
    expect(authenticate(h({ 'x-forwarded-for': '10.0.0.7, 10.0.0.1' }), [])).toEqual({ id: 'ip:10.0.0.7', scopes: 'all' });
    expect(clientAddress(h({ 'x-forwarded-for': '<script>' }))).toBe('unknown');
  });

  test('401 without a key, with a wrong scheme, or with an unknown key — with a Bearer challenge', () => {
    const cases: Record<string, string>[] = [{}, { authorization: 'Basic YWxwaGE=' }, { authorization: 'Bearer nope' }, { authorization: 'Bearer' }];
    for (const headers of cases) {
      const e = problemOf(() => authenticate(h(headers), keys));
      expect(e.slug).toBe('unauthorized');
      expect(e.headers?.['www-authenticate']).toMatch(/^Bearer realm="api"/);
    }
  });

  test('a valid key identifies the caller by a label that does not reveal the key', () => {
    const caller = authenticate(h({ authorization: 'Bearer alpha-key-123' }), keys);
    expect(caller.id).toMatch(/^key:[0-9a-f]{8}$/);
    expect(caller.id).not.toContain('alpha');
    expect(authenticate(h({ authorization: 'bearer   alpha-key-123' }), keys).id).toBe(caller.id);
  });

  test('403 when the key lacks the scope the route needs', () => {
    const reader = authenticate(h({ authorization: 'Bearer reader-key' }), keys);
    expect(() => authorize(reader, 'read')).not.toThrow();
    const e = problemOf(() => authorize(reader, 'score'));
    expect(e.slug).toBe('forbidden');
    expect(e.headers?.['www-authenticate']).toContain('insufficient_scope');
  });
});

describe('rate-limit configuration', () => {
  test('defaults (100/s per key or address, burst = the rate), configurable, can be turned off', () => {
    expect(parseRateLimit(undefined, undefined)).toEqual({ ratePerSecond: 100, burst: 100 });
    expect(parseRateLimit('5', '20')).toEqual({ ratePerSecond: 5, burst: 20 });
    expect(parseRateLimit('off', undefined)).toBeUndefined();
    expect(parseRateLimit('0', undefined)).toBeUndefined();
    expect(() => parseRateLimit('fast', undefined)).toThrow(/API_RATE_LIMIT_RPS/);
  });

  test('apiConfig follows the environment', () => {
    const env = { API_KEYS: 'a,b', API_RATE_LIMIT_RPS: '3', API_ACCESS_LOG: 'off' } as unknown as NodeJS.ProcessEnv;
    const c = apiConfig(env);
    expect(c.keys).toHaveLength(2);
    expect(c.rateLimit).toEqual({ ratePerSecond: 3, burst: 3 });
    expect(c.accessLog).toBe(false);
    expect(apiConfig(env)).toBe(c);
    expect(apiConfig({} as unknown as NodeJS.ProcessEnv).keys).toEqual([]);
  });
});
