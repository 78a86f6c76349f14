import { denyPatternCovers } from "../catalog/permission-names.js";
import type { GcpDenyPolicy } from "../policy/types.js";
import { conditionOutcome } from "./condition-outcome.js";
import type { ConditionInput } from "./conditions.js";
import type { DenyMatch } from "./explanation.js";
import { fullName } from "./hierarchy.js";
import type { Identity } from "./members.js";

/**
 * Deny policies (docs/semantics/gcp.md, "Deny policies"): a rule of a policy
 * attached to the resource or an ancestor denies when it names the
 * principal (and no exception does), covers the permission (and no
 * exception does), and its denial condition holds.
 */
export interface DenyOutcome {
  /** Rules that deny. */
  denied: DenyMatch[];
  /** Rules that would deny but for a condition the request cannot settle. */
  unknown: DenyMatch[];
}

export function evaluateDeny(
  policies: readonly GcpDenyPolicy[],
  lineage: ReadonlySet<string>,
  identity: Identity,
  denyPermissions: readonly string[],
  input: ConditionInput,
): DenyOutcome {
  const out: DenyOutcome = { denied: [], unknown: [] };
  for (const policy of policies) {
    const at = fullName(policy.attachmentPoint);
    if (!lineage.has(at)) continue;
    for (const rule of policy.rules) {
      const principal = rule.deniedPrincipals.find((p) => identity.matchesDenyPrincipal(p));
      if (principal === undefined) continue;
      if (rule.exceptionPrincipals.some((p) => identity.matchesDenyPrincipal(p))) continue;
      const covered = (p: string) => denyPermissions.some((n) => denyPatternCovers(p, n));
      const permission = rule.deniedPermissions.find(covered);
      if (permission === undefined) continue;
      if (rule.exceptionPermissions.some(covered)) continue;
      const match: DenyMatch = { attachmentPoint: at, rule: rule.pointer, principal, permission };
      if (rule.denialCondition) {
        match.condition = conditionOutcome(rule.denialCondition, input);
        if (match.condition.value === "unknown") out.unknown.push(match);
        // A denial condition that cannot be evaluated denies: deny rules fail closed.
        else if (match.condition.value !== false) out.denied.push(match);
        continue;
      }
      out.denied.push(match);
    }
  }
  return out;
}
