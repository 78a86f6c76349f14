import { compileWildcard } from "../evaluate/wildcard.js";
import type { AwsCatalog } from "./catalog.js";
import type { ActionInfo } from "./types.js";

const WILDCARD = /[*?]/;

/** A service's actions for wildcard scans: lower-case names, and their order when sorted. */
interface ServiceNames {
  infos: ActionInfo[];
  lower: string[];
  /** Indexes into `infos`, by name. */
  sorted: number[];
}

/**
 * Which catalog actions an Action pattern (`s3:Get*`, `*`, `iam:Pass?ole`)
 * names. Rules reason about these sets rather than about strings, so a rule
 * about `iam:PassRole` also fires for `iam:Pass*` and for a NotAction that
 * leaves it. Patterns are memoised: managed policies repeat them endlessly.
 */
export class ActionExpander {
  private readonly byPattern = new Map<string, readonly ActionInfo[]>();
  private all: readonly ActionInfo[] | undefined;
  private readonly names = new Map<string, ServiceNames>();

  constructor(readonly catalog: AwsCatalog) {}

  private allActions(): readonly ActionInfo[] {
    this.all ??= this.catalog.allActions();
    return this.all;
  }

  /** The actions a pattern matches (case-insensitive, as AWS matches actions). */
  expand(pattern: string): readonly ActionInfo[] {
    // Keyed by the pattern as written too: most are written the same way every time.
    const asWritten = this.byPattern.get(pattern);
    if (asWritten) return asWritten;
    const key = pattern.toLowerCase();
    let hit = this.byPattern.get(key);
    if (hit) {
      this.byPattern.set(pattern, hit);
      return hit;
    }
    const colon = key.indexOf(":");
    if (key === "*") hit = this.allActions();
    else if (colon < 0) {
      // No service part: a wildcard may still match whole names (`*a*`), a plain word none.
      const match = compileWildcard(key, true);
      hit = WILDCARD.test(key)
        ? this.allActions().filter((a) => match(a.fullName.toLowerCase()))
        : [];
    } else {
      const service = key.slice(0, colon);
      const name = key.slice(colon + 1);
      if (WILDCARD.test(service)) {
        const svc = compileWildcard(service, true);
        const match = compileWildcard(name, true);
        hit = this.allActions().filter((a) => svc(a.service) && match(a.name.toLowerCase()));
      } else {
        const actions = this.catalog.service(service)?.actions;
        if (!actions) hit = [];
        else if (!WILDCARD.test(name)) {
          // Most patterns name one action: a look-up, not a scan of the service.
          const one = actions.get(name);
          hit = one ? [one] : [];
        } else hit = this.scan(service, name);
      }
    }
    this.byPattern.set(key, hit);
    this.byPattern.set(pattern, hit);
    return hit;
  }

  /** A service's actions matching a wildcard name (lower case), in the catalog's order. */
  private scan(service: string, name: string): ActionInfo[] {
    let names = this.names.get(service);
    if (!names) {
      const infos = [...(this.catalog.service(service)?.actions.values() ?? [])];
      const lower = infos.map((a) => a.name.toLowerCase());
      const sorted = lower.map((_, i) => i).sort((x, y) => (lower[x]! < lower[y]! ? -1 : 1));
      names = { infos, lower, sorted };
      this.names.set(service, names);
    }
    const { infos, lower, sorted } = names;
    const star = name.indexOf("*");
    if (star === name.length - 1 && !name.includes("?")) {
      // `Describe*`, the common case: the names with that prefix are one run of the sorted list.
      const prefix = name.slice(0, -1);
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (lower[sorted[mid]!]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      const hits: number[] = [];
      for (let k = lo; k < sorted.length && lower[sorted[k]!]!.startsWith(prefix); k++)
        hits.push(sorted[k]!);
      return hits.sort((x, y) => x - y).map((i) => infos[i]!);
    }
    const match = compileWildcard(name, true);
    const matched: ActionInfo[] = [];
    for (let i = 0; i < lower.length; i++) if (match(lower[i]!)) matched.push(infos[i]!);
    return matched;
  }
}
