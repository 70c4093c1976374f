/**
 * A byte-bounded LRU of serialised JSON bodies, for answers that cannot change while the process
 * runs (explanations of stored clients: the store and the model are loaded once). Keys must
 * include everything the body depends on. API_RESPONSE_CACHE_MB sets the budget (default 32,
 * 0 disables the cache).
 */

import { configSelector } from '../config/env';
export class ResponseCache {
  private readonly map = new Map<string, string>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.map.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): string | undefined {
    const body = this.map.get(key);
    if (body !== undefined) {
      this.map.delete(key);
      this.map.set(key, body);
    }
    return body;
  }

  set(key: string, body: string): void {
    const size = body.length * 2 + key.length * 2; // UTF-16 in memory
    if (size > this.maxBytes) return;
    const previous = this.map.get(key);
    if (previous !== undefined) {
      this.map.delete(key);
      this.bytes -= previous.length * 2 + key.length * 2;
    }
    this.map.set(key, body);
    this.bytes += size;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.length * 2 + k.length * 2;
    }
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
