/**
 * IAM wildcard matching: `*` is any run of characters (colons included), `?`
 * is exactly one character. Patterns are compiled once into the cheapest
 * test that decides them, because matching is the engine's inner loop. The
 * general case is a linear-time glob match, never a backtracking regular
 * expression: a pattern like `*a*a*a…b` must not take exponential time.
 */
import { remember } from "./memo.js";

export type Matcher = (value: string) => boolean;

const always: Matcher = () => true;

/**
 * Marks the next character of a pattern as literal. Substituted policy
 * variables and `${*}` produce `*`/`?` that must not act as wildcards; the
 * parser rejects NUL in actions and resources, so it is free to use.
 */
export const LITERAL_MARK = "\u0000";

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?") || pattern.includes(LITERAL_MARK);
}

const STAR = -1;
const ONE = -2;

/** Pattern to tokens: STAR, ONE, or a literal UTF-16 code unit. */
function tokenize(pattern: string): Int32Array {
  const tokens: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0 && i + 1 < pattern.length) tokens.push(pattern.charCodeAt(++i));
    else if (c === 42) {
      // Consecutive stars are one star.
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (c === 63) tokens.push(ONE);
    else tokens.push(c);
  }
  return Int32Array.from(tokens);
}

/** Greedy glob match with one backtrack point: O(pattern × value) at worst. */
function globMatch(tokens: Int32Array, v: string): boolean {
  const n = tokens.length;
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < v.length) {
    const t = p < n ? tokens[p]! : 0;
    if (p < n && (t === ONE || t === v.charCodeAt(s))) {
      p++;
      s++;
    } else if (t === STAR && p < n) {
      starP = p++;
      starS = s;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else return false;
  }
  while (p < n && tokens[p] === STAR) p++;
  return p === n;
}

/**
 * Compiles a pattern. With `ignoreCase`, the value passed to the matcher must
 * already be lower-cased: callers lower-case once per request, not per pattern.
 */
export function compileWildcard(pattern: string, ignoreCase = false): Matcher {
  // Bounded (memo.ts): batches bring patterns without end (each line its own ARNs).
  return ignoreCase
    ? remember(compiledIgnoringCase, pattern, () => compile(pattern.toLowerCase()))
    : remember(compiled, pattern, () => compile(pattern));
}

/** Matchers by pattern as written: policies repeat a few patterns (`s3:Get*`, `*`) endlessly. */
const compiled = new Map<string, Matcher>();
const compiledIgnoringCase = new Map<string, Matcher>();

function compile(p: string): Matcher {
  if (p === "*") return always;
  const star = p.indexOf("*");
  if (!p.includes("?") && !p.includes(LITERAL_MARK)) {
    if (star < 0) return (v) => v === p;
    if (star === p.length - 1) {
      const prefix = p.slice(0, -1);
      return (v) => v.startsWith(prefix);
    }
    if (star === 0 && p.indexOf("*", 1) < 0) {
      const suffix = p.slice(1);
      return (v) => v.endsWith(suffix);
    }
  }
  const tokens = tokenize(p);
  return (v) => globMatch(tokens, v);
}

function setMember(values: readonly string[]): Matcher {
  const set = new Set(values);
  return (v) => set.has(v);
}

/** One matcher for a list of patterns: true when any matches. */
export function compileAny(patterns: readonly string[], ignoreCase = false): Matcher {
  if (patterns.includes("*")) return always;
  if (patterns.length === 1) return compileWildcard(patterns[0]!, ignoreCase);
  const exact: string[] = [];
  const others: Matcher[] = [];
  for (const raw of patterns) {
    const p = ignoreCase ? raw.toLowerCase() : raw;
    if (hasWildcard(p)) others.push(compileWildcard(p));
    else exact.push(p);
  }
  // A handful of names is searched faster than a set is built; a long list gets a set.
  const has = exact.length > 8 ? setMember(exact) : (v: string) => exact.includes(v);
  if (others.length === 0) return has;
  return (v) => {
    if (has(v)) return true;
    for (const m of others) if (m(v)) return true;
    return false;
  };
}
