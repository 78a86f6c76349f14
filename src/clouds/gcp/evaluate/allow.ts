import type { GcpHierarchyNode } from "../policy/types.js";
import { conditionOutcome } from "./condition-outcome.js";
import type { ConditionInput } from "./conditions.js";
import type { BindingMatch, NearMiss } from "./explanation.js";
import type { Identity } from "./members.js";
import type { Roles } from "./roles.js";

/**
 * Allow policies (docs/semantics/gcp.md, "Allow policies"): the union of the
 * bindings on the resource and its ancestors. A binding grants when its role
 * holds the permission, one of its members stands for the principal, and its
 * condition (if any) is true.
 */
export interface AllowOutcome {
  granted: BindingMatch[];
  nearMisses: NearMiss[];
  /** Bindings that would grant but for a condition the request cannot settle. */
  unknown: BindingMatch[];
  /** Roles bound to the principal that neither the catalog nor the input defines. */
  undefinedRoles: { role: string; binding: string }[];
}

export function evaluateAllow(
  hierarchy: readonly GcpHierarchyNode[],
  roles: Roles,
  identity: Identity,
  permission: string,
  input: ConditionInput,
): AllowOutcome {
  const out: AllowOutcome = { granted: [], nearMisses: [], unknown: [], undefinedRoles: [] };
  for (const node of hierarchy) {
    for (const binding of node.policy?.bindings ?? []) {
      const held = roles.permissions(binding.role);
      const member = binding.members.find((m) => identity.matchesMember(m.member))?.member;
      if (held === undefined) {
        if (member !== undefined)
          out.undefinedRoles.push({ role: binding.role, binding: binding.pointer });
        continue;
      }
      if (!held.has(permission)) continue;
      const match: BindingMatch = {
        resource: node.resource,
        binding: binding.pointer,
        role: binding.role,
      };
      if (member === undefined) {
        out.nearMisses.push({ ...match, why: "member" });
        continue;
      }
      match.member = member;
      if (binding.condition) {
        match.condition = conditionOutcome(binding.condition, input);
        if (match.condition.value === true) out.granted.push(match);
        else if (match.condition.value === "unknown") out.unknown.push(match);
        else out.nearMisses.push({ ...match, why: "condition" });
        continue;
      }
      out.granted.push(match);
    }
  }
  return out;
}
