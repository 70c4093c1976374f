/**
 * Values computed once per owner (a store, an engine, a matrix) and key, kept while the owner lives:
 * `cached(owner, key, compute)` answers the value computed the first time for that pair.
 */
export function ownerCache<O extends object, V>(): (owner: O, key: string, compute: () => V) => V {
  const byOwner = new WeakMap<O, Map<string, V>>();
  return (owner, key, compute) => {
    let byKey = byOwner.get(owner);
    if (!byKey) byOwner.set(owner, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) byKey.set(key, (value = compute()));
    return value;
  };
}
