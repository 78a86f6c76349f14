/**
 * A rule's look-up, worked out once per owner (the catalog or expander it is
 * computed with) and key: linting asks about the same names thousands of
 * times. Owners are held weakly, so a catalog built for a test goes with its
 * answers.
 */
export function memoize<O extends object, V>(
  compute: (owner: O, key: string) => V,
): (owner: O, key: string) => V {
  const byOwner = new WeakMap<O, Map<string, V>>();
  return (owner, key) => {
    let cache = byOwner.get(owner);
    if (!cache) {
      cache = new Map();
      byOwner.set(owner, cache);
    }
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = compute(owner, key);
      cache.set(key, value);
    }
    return value as V;
  };
}
