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

/**
 * A look-up worked out once per object (an action, a service of the
 * catalog). Further arguments are context the object already determines (an
 * action belongs to one catalog), so they are not part of the key.
 */
export function memoizePerObject<K extends object, A extends unknown[], V>(
  compute: (key: K, ...context: A) => V,
): (key: K, ...context: A) => V {
  const cache = new WeakMap<K, V>();
  return (key, ...context) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = compute(key, ...context);
      cache.set(key, value);
    }
    return value as V;
  };
}
