import { boundaryEnforces } from "../catalog/boundary-versions.js";
import type { GcpBoundaryPolicy } from "../policy/types.js";
import type { BoundaryBlock } from "./explanation.js";
import { fullName } from "./hierarchy.js";

/**
 * Principal access boundaries (docs/semantics/gcp.md, "Principal access
 * boundaries"): the policies that apply to a request are those with rules
 * whose enforcement version blocks the permission. With none, nothing is
 * restricted; otherwise the resource must be eligible under one of them (a
 * listed organization, folder or project, or anything under it). A policy
 * whose version does not block the permission rescues nothing [EVAL].
 */
export function evaluateBoundary(
  policies: readonly GcpBoundaryPolicy[],
  lineage: ReadonlySet<string>,
  permission: string,
): BoundaryBlock | null {
  const applying: BoundaryBlock["policies"] = [];
  for (const p of policies) {
    // A policy without rules is "Not enforced" [PT].
    if (p.resources.length === 0) continue;
    if (!boundaryEnforces(p.enforcementVersion, permission)) continue;
    if (p.resources.some((r) => lineage.has(fullName(r)))) return null;
    applying.push({
      policy: p.pointer,
      enforcementVersion: p.enforcementVersion,
      resources: p.resources,
    });
  }
  return applying.length > 0 ? { policies: applying } : null;
}
