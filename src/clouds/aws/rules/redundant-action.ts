import { compileWildcard } from "../evaluate/wildcard.js";
import type { LocatedString } from "../policy/types.js";
import { literalPrefix, patternCovers } from "./pattern-cover.js";
import type { AwsRule } from "./rule.js";

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
function redundant(
  list: readonly LocatedString[],
  lower: readonly string[],
): [LocatedString, string][] {
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
        const lower =
          list === s.statement.action ? s.actionsLower : list.map((a) => a.value.toLowerCase());
        for (const [entry, message] of redundant(list, lower)) {
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
