/**
 * Per-request work that a batch repeats (the same condition keys, the same
 * context values, the same action names) is done once per distinct input.
 * Bounded: a batch of generated names must not grow a cache without end.
 */
export function remember<V>(map: Map<string, V> | undefined, key: string, compute: () => V): V {
  if (!map) return compute();
  const hit = map.get(key);
  if (hit !== undefined || map.has(key)) return hit as V;
  const value = compute();
  if (map.size > 10_000) map.clear();
  map.set(key, value);
  return value;
}
