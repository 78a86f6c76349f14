let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, bounded: returns `max + 1` as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Two rows reused across calls: suggestions compare one word with hundreds of candidates.
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 1);
    rowB = new Int32Array(b.length * 2 + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * The closest candidate to a misspelt name ("did you mean"), compared
 * case-insensitively; undefined when nothing is close enough to help.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const max = Math.max(2, Math.floor(w.length / 3));
  const list = Array.isArray(candidates) ? (candidates as string[]) : [...candidates];
  const lower = lowered(list);
  let best: string | undefined;
  let bestDistance = max + 1;
  for (let i = 0; i < list.length; i++) {
    const d = editDistance(w, lower[i]!, bestDistance - 1);
    if (d < bestDistance) {
      best = list[i];
      bestDistance = d;
    }
  }
  return best;
}

// Callers pass the same candidate lists again and again (a service's action names), so
// each list is lower-cased once. A list must not change after it has been passed.
const loweredLists = new WeakMap<readonly string[], string[]>();

function lowered(list: readonly string[]): string[] {
  let hit = loweredLists.get(list);
  if (!hit || hit.length !== list.length) {
    hit = list.map((c) => c.toLowerCase());
    loweredLists.set(list, hit);
  }
  return hit;
}
