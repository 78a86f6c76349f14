import { literalPrefix } from "./pattern-cover.js";

const WILD = /[*?]/;

/**
 * Which items (statements, by index) name a pattern that could cover a
 * value: the value itself, or a wildcard whose literal text before its first
 * wildcard starts the value (only a wildcard can take what differs, so a
 * covering pattern's literal prefix is always a prefix of what it covers).
 * A necessary condition, cheap to look up: candidates are then compared in
 * full. Comparing each statement with every other made a policy of 16,000
 * statements take minutes.
 */
export class CoverCandidates {
  private readonly exact = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private readonly prefixLengths = new Set<number>();
  private lengths: number[] = [];

  /** Adds an item's pattern; items are added in ascending order. */
  add(pattern: string, item: number): void {
    push(this.exact, pattern, item);
    if (!WILD.test(pattern)) return;
    const prefix = literalPrefix(pattern);
    this.prefixLengths.add(prefix.length);
    push(this.byPrefix, prefix, item);
  }

  /** Call once every item is added. */
  seal(): void {
    this.lengths = [...this.prefixLengths].sort((a, b) => a - b);
  }

  /** The ascending lists of items that may cover `value`, and how many entries they hold. */
  lists(value: string): { lists: number[][]; size: number } {
    const lists: number[][] = [];
    let size = 0;
    const same = this.exact.get(value);
    if (same) {
      lists.push(same);
      size += same.length;
    }
    for (const n of this.lengths) {
      if (n > value.length) break;
      const list = this.byPrefix.get(value.slice(0, n));
      if (list) {
        lists.push(list);
        size += list.length;
      }
    }
    return { lists, size };
  }
}

function push(map: Map<string, number[]>, key: string, item: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [item]);
  else if (list[list.length - 1] !== item) list.push(item);
}

/**
 * The first item, in ascending order over the union of ascending `lists`,
 * that `test` accepts; undefined when none does, or when `test` returns
 * null (the caller's budget ran out).
 */
export function firstInUnion(
  lists: readonly (readonly number[])[],
  test: (item: number) => boolean | null,
): number | undefined {
  if (lists.length === 1) {
    for (const item of lists[0]!) {
      const ok = test(item);
      if (ok === null) return undefined;
      if (ok) return item;
    }
    return undefined;
  }
  const at = new Array<number>(lists.length).fill(0);
  let last = -1;
  for (;;) {
    // The smallest head of the lists: there are few (one per prefix length that matches).
    let min = -1;
    for (let k = 0; k < lists.length; k++) {
      const head = lists[k]![at[k]!];
      if (head !== undefined && (min < 0 || head < min)) min = head;
    }
    if (min < 0) return undefined;
    for (let k = 0; k < lists.length; k++) if (lists[k]![at[k]!] === min) at[k] = at[k]! + 1;
    if (min === last) continue;
    last = min;
    const ok = test(min);
    if (ok === null) return undefined;
    if (ok) return min;
  }
}
