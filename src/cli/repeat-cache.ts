/**
 * A cache for a batch's compiled policy sets that keeps a set only when its
 * text comes back soon. Keeping every set a batch compiles, in case it
 * repeats, makes each one outlive the young generation: the garbage collector
 * then copies every parsed and compiled policy twice and sweeps it later,
 * which cost a third of `simulate --cases` on a batch of distinct sets (20,000
 * lines: 2.9 s, against 1.9 s keeping none). So the cache keeps the last
 * line's set (requests against one set usually follow each other), and a set
 * seen again within `reach` lines; a set that comes back from farther away
 * would have left a cache of that size before its next use anyway. Recent
 * texts are remembered by a fingerprint of their length and some of their
 * characters: hashing a whole text of policies for every line cost more than
 * the cache saved on a batch of distinct sets. Two texts with one fingerprint
 * only make the cache keep a set it need not; what it keeps is found by the
 * whole text.
 */
export class RepeatCache<V> {
  private last: { key: string; value: V } | undefined;
  /** When each recent fingerprint was last seen, in calls to `get`. */
  private readonly seen = new Map<number, number>();
  private readonly kept = new Map<string, V>();
  /** The fingerprints of the kept texts: a text is hashed whole only when its print is among them. */
  private readonly keptPrints = new Set<number>();
  /** The fingerprint `get` took last, for `put` of the same text. */
  private asked: { key: string; print: number } | undefined;
  private now = 0;

  constructor(private readonly reach = 1_000) {}

  get(key: string): V | undefined {
    this.now++;
    if (this.last?.key === key) return this.last.value;
    const print = fingerprint(key);
    this.asked = { key, print };
    return this.keptPrints.has(print) ? this.kept.get(key) : undefined;
  }

  /** Records a value just computed for `key` (which `get` did not have). */
  put(key: string, value: V): void {
    this.last = { key, value };
    const print = this.asked?.key === key ? this.asked.print : fingerprint(key);
    const before = this.seen.get(print);
    // Texts older than `reach` are of no use: forget them all now and then.
    if (this.seen.size >= this.reach * 4) this.seen.clear();
    this.seen.set(print, this.now);
    if (before === undefined || this.now - before > this.reach) return;
    if (this.kept.size >= this.reach) {
      this.kept.clear();
      this.keptPrints.clear();
    }
    this.kept.set(key, value);
    this.keptPrints.add(print);
  }
}

/** FNV-1a over the length and 64 characters spread over the text, as a small integer. */
function fingerprint(text: string): number {
  let h = Math.imul(0x811c9dc5 ^ text.length, 0x01000193);
  const step = Math.max(1, text.length >> 6);
  for (let i = 0; i < text.length; i += step) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}
