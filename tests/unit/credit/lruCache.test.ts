import { LruCache } from '@/lib/credit/lruCache';

describe('LruCache', () => {
  test('bounded by a number of entries: the least recently used goes first', () => {
    const cache = new LruCache<number, string>(2);
    cache.set(1, 'a');
    cache.set(2, 'b');
    expect(cache.get(1)).toBe('a'); // 1 is now the most recent
    cache.set(3, 'c');
    expect(cache.get(2)).toBeUndefined();
    expect([cache.get(1), cache.get(3)]).toEqual(['a', 'c']);
    cache.set(3, 'c2'); // replacing keeps one entry
    expect(cache.size).toBe(2);
    expect(cache.weight).toBe(2);
    cache.clear();
    expect([cache.size, cache.weight]).toEqual([0, 0]);
  });

  test('bounded by a weight: evicts until the budget holds, never keeps an entry heavier than it', () => {
    const cache = new LruCache<string, string>(10, (_k, v) => v.length);
    cache.set('a', 'xxxx');
    cache.set('b', 'yyyy');
    cache.set('c', 'zzzz'); // 12 > 10: a goes
    expect(cache.get('a')).toBeUndefined();
    expect(cache.weight).toBe(8);
    cache.set('b', 'y'); // a lighter value for b
    expect(cache.weight).toBe(5);
    cache.set('c', 'w'.repeat(11)); // too heavy: not kept, and its old value is gone too
    expect(cache.get('c')).toBeUndefined();
    expect([cache.size, cache.weight]).toEqual([1, 1]);
  });
});
