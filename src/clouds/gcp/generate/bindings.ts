import { scopeName } from "./scopes.js";
import type { GcpConditionJson, ResourceBindings, Scope } from "./types.js";

/**
 * The allow-policy bindings leash adds, gathered per resource: grants of the
 * same role under the same condition on the same resource become one
 * binding with every member, in a fixed order (the same spec gives
 * byte-identical output).
 */
export class BindingSet {
  private readonly byResource = new Map<string, ResourceBindings>();

  add(scope: Scope, role: string, member: string, why: string, condition?: GcpConditionJson): void {
    const resource = scopeName(scope);
    let entry = this.byResource.get(resource);
    if (!entry) {
      entry = { resource, scope, bindings: [] };
      this.byResource.set(resource, entry);
    }
    const key = JSON.stringify(condition ?? null);
    let binding = entry.bindings.find(
      (b) => b.role === role && JSON.stringify(b.condition ?? null) === key,
    );
    if (!binding) {
      binding = { role, members: [], why, ...(condition ? { condition } : {}) };
      entry.bindings.push(binding);
    }
    if (!binding.members.includes(member)) binding.members.push(member);
  }

  all(): ResourceBindings[] {
    return [...this.byResource.values()]
      .sort((a, b) => (a.resource < b.resource ? -1 : 1))
      .map((r) => ({
        ...r,
        bindings: r.bindings
          .map((b) => ({ ...b, members: [...b.members].sort() }))
          .sort((a, b) =>
            a.role !== b.role
              ? a.role < b.role
                ? -1
                : 1
              : (a.condition?.expression ?? "") < (b.condition?.expression ?? "")
                ? -1
                : 1,
          ),
      }));
  }
}
