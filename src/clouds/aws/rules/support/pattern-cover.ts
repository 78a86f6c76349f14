import type { SourceLocation } from "../../../../diagnostics/index.js";
import { compileWildcard } from "../../evaluate/wildcard.js";
import type { LocatedString } from "../../policy/types.js";

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

/**
 * The wildcard entries of a list, found by literal prefix: only a pattern
 * whose text before its first wildcard starts the other entry can cover it.
 * Lists of hundreds of ARNs share a few prefix lengths, so each look-up tries
 * those lengths instead of every wildcard.
 */
export class WildIndex {
  private readonly byPrefix = new Map<string, WildEntry[]>();
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    const lengths = new Set<number>();
    patterns.forEach((pattern, index) => {
      if (!/[*?]/.test(pattern)) return;
      const prefix = literalPrefix(pattern);
      lengths.add(prefix.length);
      const entry = new WildEntry(pattern, index);
      const list = this.byPrefix.get(prefix);
      if (list) list.push(entry);
      else this.byPrefix.set(prefix, [entry]);
    });
    this.lengths = [...lengths].sort((a, b) => a - b);
  }

  get size(): number {
    return this.byPrefix.size;
  }

  /**
   * The first wildcard entry whose literal prefix starts `value` (shortest
   * prefixes first) and that passes `test`.
   */
  find(value: string, test: (w: WildEntry) => boolean): WildEntry | undefined {
    for (const n of this.lengths) {
      if (n > value.length) break;
      const list = this.byPrefix.get(value.slice(0, n));
      if (list) for (const w of list) if (test(w)) return w;
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
 * The entries of a list that add nothing: a repeat of an earlier entry, or
 * one another entry covers. Of two entries that cover each other, the later
 * is reported. `keys` are the entries as compared (lower case for actions).
 * Returns [index, index of the entry that makes it redundant].
 */
export function redundantEntries(keys: readonly string[]): [number, number][] {
  const wild = new WildIndex(keys);
  if (wild.size === 0 && new Set(keys).size === keys.length) return [];
  const first = new Map<string, number>();
  const out: [number, number][] = [];
  keys.forEach((q, i) => {
    const seen = first.get(q);
    if (seen !== undefined) {
      out.push([i, seen]);
      return;
    }
    first.set(q, i);
    const isWild = /[*?]/.test(q);
    // A plain value is covered when a pattern matches it; a pattern, when another covers
    // it, and of two patterns that cover each other the later is the redundant one.
    const by = wild.find(
      q,
      (w) =>
        w.index !== i &&
        (isWild
          ? patternCovers(w.pattern, q) && (w.index < i || !patternCovers(q, w.pattern))
          : w.match(q)),
    );
    if (by) out.push([i, by.index]);
  });
  return out;
}

/**
 * The findings of a redundancy rule for one list: each entry that a repeat
 * or a covering entry makes useless, at the entry. `keys` are the entries as
 * compared (actions lower-cased, resources as written).
 */
export function redundancyFindings(
  list: readonly LocatedString[],
  keys: readonly string[],
): { message: string; help: string; location: SourceLocation }[] {
  return redundantEntries(keys).map(([i, by]) => ({
    message:
      keys[i] === keys[by]
        ? `\`${list[i]!.value}\` is listed twice in the statement`
        : `\`${list[i]!.value}\` is already covered by \`${list[by]!.value}\` in the statement`,
    help: "remove it: the statement means the same without it, and the policy gets shorter",
    location: list[i]!.loc,
  }));
}
