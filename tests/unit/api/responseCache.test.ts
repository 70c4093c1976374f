import { ResponseCache, responseCache } from '@/lib/api/responseCache';

describe('response cache', () => {
  test('least recently used bodies are evicted to stay within the byte budget', () => {
    const cache = new ResponseCache(100); // bytes; strings count 2 bytes per character
    cache.set('a', 'x'.repeat(20)); // 42 bytes
    cache.set('b', 'y'.repeat(20)); // 84
    expect(cache.get('a')).toBe('x'.repeat(20)); // a is now the most recent
    cache.set('c', 'z'.repeat(20)); // 126 > 100: evicts b (least recent)
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.totalBytes).toBeLessThanOrEqual(100);
    cache.set('huge', 'h'.repeat(100)); // larger than the whole budget: not kept
    expect(cache.get('huge')).toBeUndefined();
    cache.set('a', 'short');
    expect(cache.get('a')).toBe('short');
    expect(cache.size).toBe(2);
  });

  test('stays bounded under many keys', () => {
    const cache = new ResponseCache(10_000);
    for (let i = 0; i < 10_000; i++) cache.set(`k${i}`, 'v'.repeat(50));
    expect(cache.totalBytes).toBeLessThanOrEqual(10_000);
    expect(cache.get('k9999')).toBeDefined();
  });

  test('API_RESPONSE_CACHE_MB sets the budget; 0 disables it', () => {
    const saved = process.env.API_RESPONSE_CACHE_MB;
    process.env.API_RESPONSE_CACHE_MB = '0';
    expect(responseCache()).toBeUndefined();
    process.env.API_RESPONSE_CACHE_MB = '1';
    expect(responseCache()?.maxBytes).toBe(1024 * 1024);
    if (saved === undefined) delete process.env.API_RESPONSE_CACHE_MB;
    else process.env.API_RESPONSE_CACHE_MB = saved;
  });
});
