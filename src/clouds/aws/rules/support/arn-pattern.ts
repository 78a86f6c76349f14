/**
 * Whether a policy's Resource pattern and a catalog ARN template can name the
 * same ARN. Both sides are globs: the policy's `*` and `?` (and its policy
 * variables, whose value is unknown) match any text; the template's
 * `${Placeholder}`s match any text too, with two narrowings that keep
 * container and child resource types apart:
 *
 * - placeholders before the resource part (`${Partition}`, `${Region}`,
 *   `${Account}`) never contain `:`;
 * - names that AWS forbids `/` in (`${BucketName}`, `${TableName}`, ...) never
 *   contain `/`, so `arn:aws:s3:::bucket/*` is an object, never a bucket.
 *
 * Two globs share a string when their product automaton reaches the end of
 * both: a search over (position, position) pairs, linear in practice.
 */

/** A character class per position: a code unit (>= 0), or one of these. */
const ANY = -1;
const NO_COLON = -2;
const NO_SLASH = -3;

export interface Glob {
  /** The class of each position. */
  readonly cls: readonly number[];
  /** 1 where the position repeats (a star over its class), 0 where it is one character. */
  readonly star: readonly number[];
}

/** Placeholder names whose values never contain `/` (S3 and DynamoDB naming rules). */
const NO_SLASH_NAMES = new Set(["bucketname", "accesspointname", "tablename", "indexname"]);

function glob(cls: number[], star: number[]): Glob {
  return { cls, star };
}

/** A policy Resource value, lower-cased: `*` and variables repeat, `?` is one character. */
export function resourceGlob(value: string): Glob {
  const v = value.toLowerCase();
  const cls: number[] = [];
  const star: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 36 /* $ */ && v[i + 1] === "{") {
      const end = v.indexOf("}", i + 2);
      if (end > 0) {
        if (star[star.length - 1] !== 1 || cls[cls.length - 1] !== ANY) {
          cls.push(ANY);
          star.push(1);
        }
        i = end;
        continue;
      }
    }
    if (c === 42 /* * */) {
      if (star[star.length - 1] !== 1 || cls[cls.length - 1] !== ANY) {
        cls.push(ANY);
        star.push(1);
      }
    } else if (c === 63 /* ? */) {
      cls.push(ANY);
      star.push(0);
    } else {
      cls.push(c);
      star.push(0);
    }
  }
  return glob(cls, star);
}

/** One ARN template of the catalog (`arn:${Partition}:s3:::${BucketName}`), lower-cased. */
export function templateGlob(template: string): Glob {
  const t = template.toLowerCase();
  const cls: number[] = [];
  const star: number[] = [];
  let segment = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 36 /* $ */ && t[i + 1] === "{") {
      const end = t.indexOf("}", i + 2);
      if (end > 0) {
        const name = t.slice(i + 2, end);
        cls.push(segment < 5 ? NO_COLON : NO_SLASH_NAMES.has(name) ? NO_SLASH : ANY);
        star.push(1);
        i = end;
        continue;
      }
    }
    if (c === 42 /* * */) {
      cls.push(ANY);
      star.push(1);
    } else {
      if (c === 58 /* : */) segment++;
      cls.push(c);
      star.push(0);
    }
  }
  return glob(cls, star);
}

/** Whether some character belongs to both classes. */
function meet(a: number, b: number): boolean {
  if (a >= 0 && b >= 0) return a === b;
  if (a >= 0) return b === ANY || (b === NO_COLON ? a !== 58 : a !== 47);
  if (b >= 0) return a === ANY || (a === NO_COLON ? b !== 58 : b !== 47);
  return true;
}

/**
 * The search's state, shared by every search and cleared after each: which
 * (position, position) pairs were visited, in a flat table and as a list to
 * clear, and the pairs still to expand. Typed arrays that only grow: the
 * rule runs this for thousands of (ARN, template) pairs.
 */
let seen = new Uint8Array(1 << 14);
let visited: Int32Array = new Int32Array(1 << 10);
let visitedCount = 0;
let stack: Int32Array = new Int32Array(1 << 10);
let stackCount = 0;

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function visit(k: number): void {
  if (seen[k] !== 0) return;
  seen[k] = 1;
  if (visitedCount === visited.length) visited = grown(visited);
  visited[visitedCount++] = k;
  if (stackCount === stack.length) stack = grown(stack);
  stack[stackCount++] = k;
}

/** Whether some string matches both globs. */
export function intersects(x: Glob, y: Glob): boolean {
  const n = x.cls.length;
  const m = y.cls.length;
  const w = m + 1;
  if (seen.length < (n + 1) * w) seen = new Uint8Array((n + 1) * w * 2);
  let found = false;
  visit(0);
  while (stackCount > 0) {
    const s = stack[--stackCount]!;
    const i = (s / w) | 0;
    const j = s - i * w;
    if (i === n && j === m) {
      found = true;
      break;
    }
    // A star may match nothing.
    if (i < n && x.star[i] === 1) visit(s + w);
    if (j < m && y.star[j] === 1) visit(s + 1);
    // Or both consume one character they agree on; a star stays where it is.
    if (i < n && j < m && meet(x.cls[i]!, y.cls[j]!)) {
      const k = (x.star[i] === 1 ? i : i + 1) * w + (y.star[j] === 1 ? j : j + 1);
      if (k !== s) visit(k);
    }
  }
  for (let v = 0; v < visitedCount; v++) seen[visited[v]!] = 0;
  visitedCount = 0;
  stackCount = 0;
  return found;
}

/**
 * Services that AWS renamed and whose ARNs it accepts under both names
 * (CodeStar Connections became CodeConnections in 2024): the first is used for both.
 */
// A Map, not an object: a service written `constructor` or `toString` must not find Object's own.
const SERVICE_ALIASES: ReadonlyMap<string, string> = new Map([
  ["codeconnections", "codestar-connections"],
]);

/** An ARN or template with a renamed service written under its one name (see SERVICE_ALIASES). */
export function canonicalArn(value: string): string {
  return value.replace(/^(arn:[^:]*:)([^:]*)(:)/i, (whole, head: string, service: string, tail) => {
    const alias = SERVICE_ALIASES.get(service.toLowerCase());
    return alias ? `${head}${alias}${tail}` : whole;
  });
}

/** A service name as ARNs write it, renamed services under their one name. */
export function canonicalService(service: string): string {
  const lower = service.toLowerCase();
  return SERVICE_ALIASES.get(lower) ?? lower;
}

/** The service segment of an ARN pattern, when it is written out (no wildcard or variable). */
export function arnService(value: string): string | undefined {
  const service = /^arn:[^:]*:([^:]*):/i.exec(value)?.[1];
  if (!service || /[*?$]/.test(service)) return undefined;
  return canonicalService(service);
}

/**
 * A stand-in for one placeholder of a catalog template (`${BucketName}`):
 * any text, which only a `*` of the policy's pattern can stand for.
 */
const HOLE = "\u0000";

/**
 * Whether a Resource pattern (lower case, no policy variable) matches a
 * template whose placeholders are HOLEs: `*` matches anything, holes too;
 * `?` one character that is not a hole (a placeholder may be longer).
 * Two-pointer glob matching, linear in practice: a regular expression per
 * pattern cost a compilation for each of the thousands of patterns a lint
 * run meets, a fifth of the run.
 */
function globCoversHoles(pattern: string, holes: string): boolean {
  let p = 0;
  let h = 0;
  let star = -1;
  let resume = 0;
  while (h < holes.length) {
    const c = pattern[p];
    if (c === "*") {
      star = p++;
      resume = h;
    } else if (c !== undefined && (c === "?" ? holes[h] !== HOLE : c === holes[h])) {
      p++;
      h++;
    } else if (star >= 0) {
      p = star + 1;
      h = ++resume;
    } else return false;
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

const coverRegexes = new Map<string, RegExp | null>();

/**
 * A Resource pattern with policy variables as a regular expression over
 * templates whose placeholders are HOLEs: as globCoversHoles, and a policy
 * variable some text that is not a hole (`${aws:username}` names one user,
 * not every one). Null for values that are not ARNs.
 */
function coverRegex(value: string): RegExp | null {
  let re = coverRegexes.get(value);
  if (re === undefined) {
    if (coverRegexes.size >= 100_000) coverRegexes.clear();
    let source = "";
    const v = value.toLowerCase();
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c === "$" && v[i + 1] === "{" && v.indexOf("}", i + 2) > 0) {
        source += "[^\\u0000]*";
        i = v.indexOf("}", i + 2);
      } else if (c === "*") source += ".*";
      else if (c === "?") source += "[^\\u0000]";
      else source += c.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
    }
    re = v.startsWith("arn:") ? new RegExp(`^${source}$`, "s") : null;
    coverRegexes.set(value, re);
  }
  return re;
}

/** A catalog template lower-cased, its placeholders but the partition as HOLEs, once per template. */
const templateHoles = new Map<string, string>();

function holesOf(template: string): string {
  let holes = templateHoles.get(template);
  if (holes === undefined) {
    holes = canonicalArn(template)
      .toLowerCase()
      .replace(/\$\{(?!partition\})[^}]*\}/g, HOLE);
    templateHoles.set(template, holes);
  }
  return holes;
}

/** A Resource pattern as coversEveryArnOf compares it, worked out once per value, with its verdicts. */
interface CoverPattern {
  /** Lower case, renamed services under their one name; undefined when the value is no ARN. */
  pattern: string | undefined;
  /** The partition the pattern writes out, else a HOLE (only a `*` covers it). */
  partition: string;
  /** Template → verdict (nested: no key string to build per question). */
  verdicts: Map<string, boolean>;
}

const coverPatterns = new Map<string, CoverPattern>();

function coverPattern(value: string): CoverPattern {
  let cover = coverPatterns.get(value);
  if (cover === undefined) {
    if (coverPatterns.size >= 100_000) coverPatterns.clear();
    const pattern = canonicalArn(value).toLowerCase();
    cover = {
      pattern: pattern.startsWith("arn:") ? pattern : undefined,
      // The pattern's own partition when it writes one out, so that `arn:aws:` covers `${Partition}`.
      partition: /^arn:([^:*?$]+):/.exec(pattern)?.[1] ?? HOLE,
      verdicts: new Map(),
    };
    coverPatterns.set(value, cover);
  }
  return cover;
}

/**
 * Whether a Resource pattern names every resource of a catalog ARN template:
 * every placeholder but the partition stands under a `*` of the pattern
 * (`arn:aws:s3:::*\/*` for `arn:${Partition}:s3:::${BucketName}/${ObjectName}`,
 * `arn:*:ecr:*:*:repository/*`, `arn:aws:iam::*:role/*`). A written
 * partition counts as every one, as a policy applies in one partition;
 * a written account or region, a bucket name or a role name does not
 * (`arn:aws:s3:::bucket/*`, `arn:aws:iam::*:role/NAME`).
 */
export function coversEveryArnOf(value: string, template: string): boolean {
  if (value === "*") return true;
  const { pattern, partition, verdicts } = coverPattern(value);
  if (pattern === undefined) return false;
  let verdict = verdicts.get(template);
  if (verdict === undefined) {
    const holes = holesOf(template).replaceAll("${partition}", partition);
    verdict = pattern.includes("${")
      ? (coverRegex(pattern)?.test(holes) ?? false)
      : globCoversHoles(pattern, holes);
    verdicts.set(template, verdict);
  }
  return verdict;
}
