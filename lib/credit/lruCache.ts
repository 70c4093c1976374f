/**
 * A least-recently-used cache on a Map (insertion order = recency), bounded by the total weight of
 * its entries: by default every entry weighs 1 and the capacity is a number of entries; with a
 * `weigh` function (e.g. bytes of a body) the capacity is that budget. An entry heavier than the
 * whole capacity is not kept.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  private total = 0;

  constructor(
    readonly capacity: number,
    private readonly weigh: (key: K, value: V) => number = () => 1,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The entries' total weight (their number without a `weigh` function). */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const w = this.weigh(key, value);
    if (w > this.capacity) return;
    this.map.set(key, value);
    this.total += w;
    for (const [k, v] of this.map) {
      if (this.total <= this.capacity) break;
      this.map.delete(k);
      this.total -= this.weigh(k, v);
    }
  }

  delete(key: K): void {
    if (!this.map.has(key)) return;
    this.total -= this.weigh(key, this.map.get(key) as V);
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
