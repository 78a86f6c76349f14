import type { CompiledPolicy } from "./compiled-policy.js";
import type { PreparedRequest } from "./prepared-request.js";
import type { PrincipalMatchKind } from "./principal-match.js";
import { strongerMatch } from "./principal-match.js";
import { conditionsHold, principalMatch, resourceMatches } from "./statement.js";

/** The kinds of policy the engine combines, named as explanations name them. */
export type Layer = "scp" | "rcp" | "resource" | "identity" | "boundary" | "session";

/** A policy set's compiled layers; `undefined` where that kind of policy is absent. */
export interface CompiledLayers {
  identity: CompiledPolicy[];
  resource: CompiledPolicy[] | undefined;
  boundary: CompiledPolicy[] | undefined;
  session: CompiledPolicy[] | undefined;
  scp: CompiledPolicy[][] | undefined;
  rcp: CompiledPolicy[][] | undefined;
}

/** What one layer (all its policies together) says about a request. */
export interface LayerVerdict {
  deny: boolean;
  allow: boolean;
  /** For the resource layer: how the allowing statement named the caller. */
  allowKind: PrincipalMatchKind | undefined;
  /** For the resource layer: a matching Deny named only the caller's account. */
  denyKind: PrincipalMatchKind | undefined;
}

/**
 * Evaluates a set of policies of one kind (fast path: no explanation).
 * `resourceSide` policies also match their Principal element.
 */
export function evaluateLayer(
  policies: readonly CompiledPolicy[],
  req: PreparedRequest,
  resourceSide: boolean,
): LayerVerdict {
  const v: LayerVerdict = { deny: false, allow: false, allowKind: undefined, denyKind: undefined };
  for (const p of policies) {
    for (const s of p.candidates(req.action)) {
      if (s.deny ? v.deny : v.allow && (!resourceSide || v.allowKind === "exact")) continue;
      let kind: PrincipalMatchKind | undefined = "exact";
      if (resourceSide) {
        kind = principalMatch(s, req.principal, req.hasBoundary);
        if (!kind) continue;
      }
      if (!resourceMatches(s.resource, req.resource, req.ctx) || !conditionsHold(s, req.ctx))
        continue;
      if (s.deny) {
        v.deny = true;
        v.denyKind = strongerMatch(v.denyKind, kind);
        // An explicit deny ends the evaluation (the fast path needs nothing else).
        return v;
      }
      v.allow = true;
      v.allowKind = strongerMatch(v.allowKind, kind);
    }
  }
  return v;
}

/**
 * SCPs and RCPs: one list of policies per level of the organization, root
 * first; every level must allow (AWS Organizations User Guide, "SCP
 * evaluation": "at every level of the hierarchy ... an explicit Allow").
 */
export function evaluateLevels(
  levels: readonly (readonly CompiledPolicy[])[],
  req: PreparedRequest,
): { deny: boolean; allowAtEveryLevel: boolean; firstLevelWithoutAllow: number | undefined } {
  let deny = false;
  let firstLevelWithoutAllow: number | undefined;
  levels.forEach((level, i) => {
    if (deny) return;
    const v = evaluateLayer(level, req, false);
    if (v.deny) deny = true;
    else if (!v.allow && firstLevelWithoutAllow === undefined) firstLevelWithoutAllow = i;
  });
  return { deny, allowAtEveryLevel: firstLevelWithoutAllow === undefined, firstLevelWithoutAllow };
}
