import type { RequestContext } from "./request-context.js";
import { LITERAL_MARK } from "./wildcard.js";

/**
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags").
 * Only policies with `"Version": "2012-10-17"` substitute them; older or
 * versionless policies treat `${...}` as literal text.
 */

/** One piece of a value: literal text, or a variable to resolve. */
export type Segment =
  | { literal: string }
  | { escaped: string }
  | { key: string; fallback: string | undefined };

const SPECIAL: ReadonlySet<string> = new Set(["*", "?", "$"]);

/** Splits a value into literal and variable segments; undefined when it has no variables. */
export function parseVariables(value: string): Segment[] | undefined {
  if (!value.includes("${")) return undefined;
  const segments: Segment[] = [];
  let i = 0;
  let literal = "";
  while (i < value.length) {
    const start = value.indexOf("${", i);
    if (start < 0) break;
    const end = findClose(value, start + 2);
    if (end < 0) break;
    literal += value.slice(i, start);
    const inner = value.slice(start + 2, end).trim();
    if (SPECIAL.has(inner)) {
      // `${*}` stands for a literal `*` in a field that otherwise reads it as a wildcard.
      if (literal) segments.push({ literal });
      literal = "";
      segments.push({ escaped: inner });
    } else {
      if (literal) segments.push({ literal });
      literal = "";
      segments.push(parseVariable(inner));
    }
    i = end + 1;
  }
  literal += value.slice(i);
  if (literal) segments.push({ literal });
  return segments;
}

/** Finds the `}` closing a variable, skipping over a quoted default value. */
function findClose(value: string, from: number): number {
  let inQuote = false;
  for (let j = from; j < value.length; j++) {
    const c = value[j];
    if (c === "'") inQuote = !inQuote;
    else if (c === "}" && !inQuote) return j;
  }
  return -1;
}

function parseVariable(inner: string): Segment {
  const comma = inner.indexOf(",");
  if (comma < 0) return { key: inner.toLowerCase(), fallback: undefined };
  const key = inner.slice(0, comma).trim().toLowerCase();
  const rest = inner.slice(comma + 1).trim();
  if (rest.length >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
    // Inside a default, `''` is one literal single quote.
    return { key, fallback: rest.slice(1, -1).replace(/''/g, "'") };
  }
  return { key, fallback: undefined };
}

export interface Substitution {
  /** The value with variables resolved; undefined when a variable had no value and no default. */
  value: string | undefined;
  /** Variables that could not be resolved, for the explanation. */
  missing: string[];
  /**
   * The pattern to match when the value is used as a wildcard pattern:
   * substituted text is literal, so its `*` and `?` must not act as wildcards.
   */
  pattern: string | undefined;
}

/**
 * Resolves variables from the request context. A multi-valued key cannot be
 * a variable and counts as missing (IAM User Guide, "Policy variables with no value").
 */
export function substitute(segments: readonly Segment[], ctx: RequestContext): Substitution {
  let value = "";
  let pattern = "";
  const missing: string[] = [];
  for (const s of segments) {
    if ("literal" in s) {
      value += s.literal;
      pattern += s.literal;
      continue;
    }
    if ("escaped" in s) {
      value += s.escaped;
      pattern += `${LITERAL_MARK}${s.escaped}`;
      continue;
    }
    const v = ctx.get(s.key);
    const resolved = typeof v === "string" ? v : s.fallback;
    if (resolved === undefined) {
      missing.push(s.key);
      continue;
    }
    value += resolved;
    pattern += resolved.replace(/[*?]/g, `${LITERAL_MARK}$&`);
  }
  if (missing.length > 0) return { value: undefined, missing, pattern: undefined };
  return { value, missing, pattern };
}
