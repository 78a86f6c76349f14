import { compileWildcard } from "../evaluate/wildcard.js";
import type { LocatedString } from "../policy/types.js";
import type { AwsRule } from "./rule.js";

const STAR = -1;
const ONE = -2;

function tokens(pattern: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42) {
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else out.push(c === 63 ? ONE : c);
  }
  return out;
}

/**
 * Whether every action pattern `q` matches is also matched by `p` (both
 * lower-case): `p` must match `q`'s text with each of `q`'s wildcards taken
 * by a wildcard of `p` as wide (`*` by `*`; `?` by `?` or `*`).
 */
export function patternCovers(p: string, q: string): boolean {
  const a = tokens(p);
  const b = tokens(q);
  const n = a.length;
  const m = b.length;
  // reach[j]: `a[0..i)` can consume `b[0..j)`, row by row.
  let reach = new Uint8Array(m + 1);
  reach[0] = 1;
  for (let i = 0; i < n; i++) {
    const next = new Uint8Array(m + 1);
    const t = a[i]!;
    for (let j = 0; j <= m; j++) {
      if (t === STAR) {
        // A star consumes any run of q's tokens, wildcards included.
        if (reach[j] === 1 || (j > 0 && next[j - 1] === 1)) next[j] = 1;
      } else if (j > 0 && reach[j - 1] === 1) {
        const u = b[j - 1]!;
        if (t === ONE ? u !== STAR : t === u) next[j] = 1;
      }
    }
    reach = next;
  }
  return reach[m] === 1;
}

/** The literal text of a pattern before its first wildcard. */
function literalPrefix(p: string): string {
  const i = p.search(/[*?]/);
  return i < 0 ? p : p.slice(0, i);
}

interface Wild {
  p: string;
  i: number;
  prefix: string;
}

/** The service part of a pattern when it has no wildcard, else undefined. */
function serviceOf(p: string): string | undefined {
  const colon = p.indexOf(":");
  const svc = colon < 0 ? p : p.slice(0, colon);
  return /[*?]/.test(svc) ? undefined : svc;
}

/** Redundant entries of one Action or NotAction list: [entry, what makes it redundant]. */
function redundant(list: readonly LocatedString[]): [LocatedString, string][] {
  const lower = list.map((a) => a.value.toLowerCase());
  // Wildcards by service, so that each entry is compared with its own service's only.
  const bySvc = new Map<string, Wild[]>();
  const anySvc: Wild[] = [];
  lower.forEach((p, i) => {
    if (!/[*?]/.test(p)) return;
    const w = { p, i, prefix: literalPrefix(p) };
    const svc = serviceOf(p);
    if (svc === undefined) anySvc.push(w);
    else {
      const list = bySvc.get(svc);
      if (list) list.push(w);
      else bySvc.set(svc, [w]);
    }
  });
  if (bySvc.size === 0 && anySvc.length === 0 && new Set(lower).size === lower.length) return [];
  const matchers = new Map<number, (v: string) => boolean>();
  const first = new Map<string, number>();
  const out: [LocatedString, string][] = [];
  lower.forEach((q, i) => {
    const seen = first.get(q);
    if (seen !== undefined) {
      out.push([list[i]!, `\`${list[i]!.value}\` is listed twice in the statement`]);
      return;
    }
    first.set(q, i);
    const isWild = /[*?]/.test(q);
    const svc = serviceOf(q);
    const candidates = svc === undefined ? [...bySvc.values()].flat() : (bySvc.get(svc) ?? []);
    for (const w of anySvc.length > 0 ? [...anySvc, ...candidates] : candidates) {
      if (w.i === i || !q.startsWith(w.prefix)) continue;
      let covered: boolean;
      if (!isWild) {
        let m = matchers.get(w.i);
        if (!m) {
          m = compileWildcard(w.p);
          matchers.set(w.i, m);
        }
        covered = m(q);
      } else {
        // Two patterns that cover each other are the same list twice: the later one is reported.
        covered = patternCovers(w.p, q) && (w.i < i || !patternCovers(q, w.p));
      }
      if (covered) {
        out.push([
          list[i]!,
          `\`${list[i]!.value}\` is already covered by \`${list[w.i]!.value}\` in the statement`,
        ]);
        return;
      }
    }
  });
  return out;
}

/** Entries of Action or NotAction that add nothing: a duplicate, or one a wildcard of the same list covers. */
export const redundantAction: AwsRule = {
  id: "aws/redundant-action",
  title: "Redundant action",
  category: "suggestion",
  severity: "low",
  description:
    "A statement lists an action twice, or an action that a wildcard of the same statement already covers.",
  checkPolicy({ policy }) {
    const out = [];
    for (const s of policy.statements) {
      for (const list of [s.statement.action, s.statement.notAction]) {
        if (!list || list.length < 2) continue;
        for (const [entry, message] of redundant(list)) {
          out.push({
            message,
            help: "remove it: the statement means the same without it, and the policy gets shorter",
            location: entry.loc,
          });
        }
      }
    }
    return out;
  },
};
