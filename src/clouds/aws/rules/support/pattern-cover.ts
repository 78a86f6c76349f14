import type { SourceLocation } from "../../../../diagnostics/index.js";
import { compileWildcard } from "../../evaluate/wildcard.js";
import type { LocatedString } from "../../policy/types.js";
import { cappedFinding, WorkBudget } from "./work-cap.js";

/**
 * Whether one IAM wildcard pattern covers another, as patterns: the answer
 * holds whatever actions or resources exist. Shared by the redundancy rules.
 *
 * A `${...}` is a policy variable (or a CloudFormation or Terraform
 * placeholder): it stands for a value known only per request. It is one
 * token that only `*` or the same variable can take, since the same request
 * gives the same value to both patterns. `${*}`, `${?}` and `${$}` are the
 * literal characters `*`, `?` and `$` (IAM User Guide, "Policy variables":
 * special characters). Patterns of a policy without Version 2012-10-17 treat
 * variables as text; reading them as variables there only misses a finding.
 */

const STAR = -1;
const ONE = -2;
/** Variables are numbered from here down, one number per variable text. */
const FIRST_VARIABLE = -100;
const variableIds = new Map<string, number>();
const LITERAL_ESCAPES: Readonly<Record<string, number>> = { "${*}": 42, "${?}": 63, "${$}": 36 };

// Policies repeat their patterns: each is tokenized once.
const tokenCache = new Map<string, number[]>();

function tokens(pattern: string): number[] {
  let hit = tokenCache.get(pattern);
  if (!hit) {
    hit = tokenize(pattern);
    tokenCache.set(pattern, hit);
  }
  return hit;
}

function tokenize(pattern: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 36 && pattern.charCodeAt(i + 1) === 123) {
      const end = pattern.indexOf("}", i + 2);
      if (end > 0) {
        const text = pattern.slice(i, end + 1);
        let id = LITERAL_ESCAPES[text];
        if (id === undefined) {
          id = variableIds.get(text);
          if (id === undefined) {
            id = FIRST_VARIABLE - variableIds.size;
            variableIds.set(text, id);
          }
        }
        out.push(id);
        i = end;
        continue;
      }
    }
    if (c === 42) {
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else out.push(c === 63 ? ONE : c);
  }
  return out;
}

/**
 * Whether every string pattern `q` matches is also matched by `p` (actions
 * both lower-case; resources as written): `p` must match `q`'s text with
 * each of `q`'s wildcards taken by a wildcard of `p` as wide (`*` by `*`;
 * `?` by `?` or `*`).
 */
export function patternCovers(p: string, q: string): boolean {
  // Cheap first: each literal run of p must occur in q as written (only p's
  // wildcards can take q's). Long ARN lists fail here, not in the table below.
  // (A `${*}` in p splits a run, which leaves each part still required.)
  for (const run of literalRuns(p)) if (!q.includes(run)) return false;
  const a = tokens(p);
  const b = tokens(q);
  const n = a.length;
  const m = b.length;
  // Text after p's last wildcard must end q as written: q's own wildcards cannot match it.
  const tail = n - 1 - lastWildcard(a);
  if (tail > m) return false;
  for (let k = 1; k <= tail; k++) if (a[n - k] !== b[m - k]) return false;
  // reach[j]: `a[0..i)` can consume `b[0..j)`, row by row; two rows reused across calls.
  if (rowA.length <= m) {
    rowA = new Uint8Array(2 * m + 2);
    rowB = new Uint8Array(2 * m + 2);
  }
  let reach = rowA;
  let next = rowB;
  reach.fill(0, 0, m + 1);
  reach[0] = 1;
  for (let i = 0; i < n; i++) {
    next.fill(0, 0, m + 1);
    const t = a[i]!;
    let any = false;
    for (let j = 0; j <= m; j++) {
      if (t === STAR) {
        // A star consumes any run of q's tokens, wildcards included.
        if (reach[j] === 1 || (j > 0 && next[j - 1] === 1)) next[j] = 1;
      } else if (j > 0 && reach[j - 1] === 1) {
        const u = b[j - 1]!;
        // `?` takes one character: not a `*`, and not a variable (which may be any length).
        if (t === ONE ? u !== STAR && u > FIRST_VARIABLE : t === u) next[j] = 1;
      }
      if (next[j] === 1) any = true;
    }
    if (!any) return false;
    [reach, next] = [next, reach];
  }
  return reach[m] === 1;
}

const runCache = new Map<string, string[]>();

function literalRuns(pattern: string): string[] {
  let hit = runCache.get(pattern);
  if (!hit) {
    hit = pattern.split(/[*?]+/).filter((r) => r !== "");
    runCache.set(pattern, hit);
  }
  return hit;
}

let rowA = new Uint8Array(128);
let rowB = new Uint8Array(128);

function lastWildcard(t: readonly number[]): number {
  for (let i = t.length - 1; i >= 0; i--) if (t[i] === STAR || t[i] === ONE) return i;
  return -1;
}

/** The literal text of a pattern before its first wildcard. */
export function literalPrefix(p: string): string {
  const i = p.search(/[*?]/);
  return i < 0 ? p : p.slice(0, i);
}

/** A wildcard entry of a list, ready to be tried against others. */
export class WildEntry {
  private matcher: ((value: string) => boolean) | undefined;

  constructor(
    readonly pattern: string,
    /** Its position in the list. */
    readonly index: number,
  ) {}

  /** Whether the pattern matches a plain value (compiled on first use: most entries never are). */
  match(value: string): boolean {
    // Variables on either side are tokens, not text: the token-wise check decides.
    if (this.pattern.includes("${") || value.includes("${"))
      return patternCovers(this.pattern, value);
    this.matcher ??= compileWildcard(this.pattern);
    return this.matcher(value);
  }
}

/** The literal text of a pattern after its last wildcard. */
export function literalSuffix(p: string): string {
  for (let i = p.length - 1; i >= 0; i--) {
    const c = p.charCodeAt(i);
    if (c === 42 || c === 63) return p.slice(i + 1);
  }
  return p;
}

/** The wildcard entries of one literal prefix, by literal suffix. */
interface PrefixBucket {
  bySuffix: Map<string, WildEntry[]>;
  /** The suffix lengths present, ascending. */
  lengths: number[];
}

/**
 * The wildcard entries of a list, found by literal prefix and suffix: only
 * a pattern whose text before its first wildcard starts the other entry,
 * and whose text after its last wildcard ends it, can cover it. Lists of
 * hundreds of ARNs share a few prefix and suffix lengths, so each look-up
 * tries those instead of every wildcard (`b/*.csv` beside `b/*.json`: one
 * prefix, two suffixes).
 */
export class WildIndex {
  private readonly byPrefix = new Map<string, PrefixBucket>();
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    const lengths = new Set<number>();
    patterns.forEach((pattern, index) => {
      if (!/[*?]/.test(pattern)) return;
      const prefix = literalPrefix(pattern);
      const suffix = literalSuffix(pattern);
      lengths.add(prefix.length);
      const entry = new WildEntry(pattern, index);
      let bucket = this.byPrefix.get(prefix);
      if (!bucket) {
        bucket = { bySuffix: new Map(), lengths: [] };
        this.byPrefix.set(prefix, bucket);
      }
      const list = bucket.bySuffix.get(suffix);
      if (list) list.push(entry);
      else {
        bucket.bySuffix.set(suffix, [entry]);
        bucket.lengths.push(suffix.length);
      }
    });
    for (const b of this.byPrefix.values())
      b.lengths = [...new Set(b.lengths)].sort((x, y) => x - y);
    this.lengths = [...lengths].sort((a, b) => a - b);
  }

  get size(): number {
    return this.byPrefix.size;
  }

  /**
   * The first wildcard entry whose literal prefix starts `value` and whose
   * literal suffix ends it (shortest prefixes first, then in list order)
   * that passes `test`; undefined when none does, or when `test` returns
   * null (the caller's budget ran out).
   */
  find(value: string, test: (w: WildEntry) => boolean | null): WildEntry | undefined {
    for (const n of this.lengths) {
      if (n > value.length) break;
      const bucket = this.byPrefix.get(value.slice(0, n));
      if (!bucket) continue;
      const lists: WildEntry[][] = [];
      for (const m of bucket.lengths) {
        if (n + m > value.length) break;
        const list = bucket.bySuffix.get(m === 0 ? "" : value.slice(value.length - m));
        if (list) lists.push(list);
      }
      const found = firstOf(lists, test);
      if (found !== undefined) return found === null ? undefined : found;
    }
    return undefined;
  }

  /** The first entry (other than `self`) that covers `value`: matches it, or covers it as a pattern. */
  coverer(value: string, self = -1): WildEntry | undefined {
    const isWild = /[*?]/.test(value);
    return this.find(
      value,
      (w) => w.index !== self && (isWild ? patternCovers(w.pattern, value) : w.match(value)),
    );
  }
}

/**
 * The first entry, in list order over lists each in list order, that
 * `test` accepts; null when `test` returned null (stop looking).
 */
function firstOf(
  lists: readonly (readonly WildEntry[])[],
  test: (w: WildEntry) => boolean | null,
): WildEntry | null | undefined {
  if (lists.length === 1) {
    for (const w of lists[0]!) {
      const ok = test(w);
      if (ok !== false) return ok === null ? null : w;
    }
    return undefined;
  }
  const at = new Array<number>(lists.length).fill(0);
  for (;;) {
    let k = -1;
    for (let x = 0; x < lists.length; x++) {
      const head = lists[x]![at[x]!];
      if (head !== undefined && (k < 0 || head.index < lists[k]![at[k]!]!.index)) k = x;
    }
    if (k < 0) return undefined;
    const w = lists[k]![at[k]!]!;
    at[k] = at[k]! + 1;
    const ok = test(w);
    if (ok !== false) return ok === null ? null : w;
  }
}

/**
 * The entries of a list that add nothing: a repeat of an earlier entry, or
 * one another entry covers. Of two entries that cover each other, the later
 * is reported. `keys` are the entries as compared (lower case for actions).
 * Returns [index, index of the entry that makes it redundant], and how many
 * entries were checked: fewer than all when `budget` ran out.
 */
export function redundantEntries(
  keys: readonly string[],
  budget: WorkBudget = new WorkBudget(),
): { redundant: [number, number][]; compared: number } {
  const out: [number, number][] = [];
  const wild = new WildIndex(keys);
  if (wild.size === 0 && new Set(keys).size === keys.length)
    return { redundant: out, compared: keys.length };
  const first = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const q = keys[i]!;
    const seen = first.get(q);
    if (seen !== undefined) {
      out.push([i, seen]);
      continue;
    }
    first.set(q, i);
    const isWild = /[*?]/.test(q);
    // A plain value is covered when a pattern matches it; a pattern, when another covers
    // it, and of two patterns that cover each other the later is the redundant one.
    const by = wild.find(q, (w) => {
      if (w.index === i) return false;
      if (!budget.spend()) return null;
      return isWild
        ? patternCovers(w.pattern, q) && (w.index < i || !patternCovers(q, w.pattern))
        : w.match(q);
    });
    if (budget.exhausted) return { redundant: out, compared: i };
    if (by) out.push([i, by.index]);
  }
  return { redundant: out, compared: keys.length };
}

/**
 * The findings of a redundancy rule for one list: each entry that a repeat
 * or a covering entry makes useless, at the entry, and a finding that says
 * so when `budget` ran out before every entry was checked. `keys` are the
 * entries as compared (actions lower-cased, resources as written).
 */
export function redundancyFindings(
  ruleId: string,
  list: readonly LocatedString[],
  keys: readonly string[],
  budget: WorkBudget,
  statementLoc: SourceLocation,
): { message: string; help: string; location: SourceLocation }[] {
  const { redundant, compared } = redundantEntries(keys, budget);
  const out = redundant.map(([i, by]) => ({
    message:
      keys[i] === keys[by]
        ? `\`${list[i]!.value}\` is listed twice in the statement`
        : `\`${list[i]!.value}\` is already covered by \`${list[by]!.value}\` in the statement`,
    help: "remove it: the statement means the same without it, and the policy gets shorter",
    location: list[i]!.loc,
  }));
  if (compared < keys.length)
    out.push(
      cappedFinding(
        ruleId,
        compared,
        keys.length,
        "entries of this list (and no later statement)",
        statementLoc,
      ),
    );
  return out;
}
