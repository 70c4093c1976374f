/**
 * A byte-bounded LRU of serialised JSON bodies, for answers that cannot change while the process
 * runs (explanations of stored clients: the store and the model are loaded once). Keys must
 * include everything the body depends on. API_RESPONSE_CACHE_MB sets the budget (default 32,
 * 0 disables the cache).
 */

import { configSelector } from '../config/env';
import { LruCache } from '../credit/lruCache';
/** Bodies weigh their UTF-16 size in memory, key included. */
export class ResponseCache extends LruCache<string, string> {
  constructor(readonly maxBytes: number) {
    super(maxBytes, (key, body) => (key.length + body.length) * 2);
  }

  get totalBytes(): number {
    return this.weight;
  }
}

const holder = globalThis as unknown as { __apiResponseCache?: { budget: number; cache: ResponseCache | undefined } };

const cacheMegabytes = configSelector(['API_RESPONSE_CACHE_MB'], (c) => c.apiResponseCacheMb);

/** The process-wide cache (undefined when disabled). */
export function responseCache(): ResponseCache | undefined {
  const budget = Math.floor(cacheMegabytes() * 1024 * 1024);
  if (holder.__apiResponseCache?.budget !== budget) {
    holder.__apiResponseCache = { budget, cache: budget > 0 ? new ResponseCache(budget) : undefined };
  }
  return holder.__apiResponseCache.cache;
}

export function jsonBodyResponse(body: string): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}
