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
