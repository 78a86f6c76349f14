/**
 * IAM wildcard matching: `*` is any run of characters (colons included), `?`
 * is exactly one character. Patterns are compiled once into the cheapest
 * test that decides them, because matching is the engine's inner loop.
 */
export type Matcher = (value: string) => boolean;

const always: Matcher = () => true;

/**
 * Marks the next character of a pattern as literal. Substituted policy
 * variables and `${*}` produce `*`/`?` that must not act as wildcards; NUL
 * cannot occur in a JSON policy string that AWS accepts, so it is free to use.
 */
export const LITERAL_MARK = "\u0000";

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?") || pattern.includes(LITERAL_MARK);
}

function escapeRegex(s: string): string {
  return s.replace(/[.+^${}()|[\]\\*?]/g, "\\$&");
}

/** Regex source for a wildcard pattern (no anchors). */
export function wildcardSource(pattern: string): string {
  let out = "";
  let literalNext = false;
  for (const ch of pattern) {
    if (literalNext) {
      out += escapeRegex(ch);
      literalNext = false;
    } else if (ch === LITERAL_MARK) literalNext = true;
    else if (ch === "*") out += "[\\s\\S]*";
    else if (ch === "?") out += "[\\s\\S]";
    else out += escapeRegex(ch);
  }
  return out;
}

/**
 * Compiles a pattern. With `ignoreCase`, the value passed to the matcher must
 * already be lower-cased: callers lower-case once per request, not per pattern.
 */
export function compileWildcard(pattern: string, ignoreCase = false): Matcher {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
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
  const re = new RegExp(`^${wildcardSource(p)}$`);
  return (v) => re.test(v);
}

/** One matcher for a list of patterns: true when any matches. */
export function compileAny(patterns: readonly string[], ignoreCase = false): Matcher {
  if (patterns.includes("*")) return always;
  const exact = new Set<string>();
  const others: Matcher[] = [];
  for (const raw of patterns) {
    const p = ignoreCase ? raw.toLowerCase() : raw;
    if (hasWildcard(p)) others.push(compileWildcard(p));
    else exact.add(p);
  }
  if (others.length === 0) return (v) => exact.has(v);
  return (v) => {
    if (exact.has(v)) return true;
    for (const m of others) if (m(v)) return true;
    return false;
  };
}
