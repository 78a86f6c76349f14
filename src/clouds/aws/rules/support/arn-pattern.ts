/**
 * Whether a policy's Resource pattern names every resource of a catalog ARN
 * template (`coversEveryArnOf`). Whether the two can name one ARN at all is
 * catalog/arn-template.ts's to say.
 */
import { canonicalArn } from "../../catalog/arn-template.js";

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
