/**
 * A cache for a batch's compiled policy sets that keeps a set only once its
 * text comes back. Keeping every set a batch compiles, in case it repeats,
 * makes each one outlive the young generation: the garbage collector then
 * copies every parsed and compiled policy twice and sweeps it later, which
 * cost a third of `simulate --cases` on a batch of distinct sets (20,000
 * lines: 2.9 s, against 1.9 s keeping none). So the cache keeps the last
 * line's set (requests against one set usually follow each other) and any set
 * whose text it has seen before, and remembers the other texts only by a
 * 32-bit hash: a text is only built for a hash seen before, and a collision
 * only keeps a set one sighting early, since values are found by whole text.
 */
export class RepeatCache<V> {
  private last: { hash: number; key: () => string; value: V } | undefined;
  private readonly seen = new Set<number>();
  private readonly kept = new Map<string, V>();

  constructor(private readonly limit = 1_000) {}

  /** The value kept for the text `key()` hashed to `hash`. */
  get(hash: number, key: () => string): V | undefined {
    const last = this.last;
    if (last?.hash === hash && last.key() === key()) return last.value;
    return this.seen.has(hash) ? this.kept.get(key()) : undefined;
  }

  /** Records a value just computed for the text `key()` (which `get` did not have). */
  put(hash: number, key: () => string, value: V): void {
    this.last = { hash, key: once(key), value };
    if (!this.seen.has(hash)) {
      if (this.seen.size >= this.limit * 100) this.seen.clear();
      this.seen.add(hash);
      return;
    }
    if (this.kept.size >= this.limit) this.kept.clear();
    this.kept.set(this.last.key(), value);
  }
}

function once(f: () => string): () => string {
  let v: string | undefined;
  return () => {
    v ??= f();
    return v;
  };
}

/** FNV-1a, continued from `h` over `text`'s code units from `start` to `end`. */
export function hashText(h: number, text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** FNV-1a's starting value. */
export const HASH_START = 0x811c9dc5 | 0;
