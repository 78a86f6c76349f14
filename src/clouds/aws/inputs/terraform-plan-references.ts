import type { JsonNode } from "../../../diagnostics/index.js";
import { itemsOf, member, stringOf, stringsOf } from "./common.js";

/** A managed resource of a plan or state, as the plan reader walks them. */
export interface PlannedResource {
  address: string;
  type: string;
  values: JsonNode;
  /** The module instance it is in (`module.team["a"]`), "" in the root module. */
  module: string;
  /** Its name in the configuration (`train` of `aws_iam_role.train[0]`). */
  name: string;
}

/** One value of an attribute: known, or the resource its expression refers to. */
export interface AttributeValue {
  value?: string;
  target?: PlannedResource;
}

/**
 * Values unknown until apply (a role's `permissions_boundary` set to a policy
 * the plan creates, `aws_iam_role_policy.role` set to a new role's id) are
 * absent from `planned_values`; the plan's `configuration` still says which
 * resources their expressions refer to, as the `.tf` reader sees them.
 */
export class PlanReferences {
  /** Each resource's configuration expressions, by module path and resource (no instance keys). */
  private readonly expressions = new Map<string, JsonNode>();
  /** Planned instances by their module instance and resource (no instance key of their own). */
  private readonly instances = new Map<string, PlannedResource[]>();

  constructor(root: JsonNode, resources: readonly PlannedResource[]) {
    const walk = (module: JsonNode | undefined, prefix: string, depth: number) => {
      if (depth > 64) return;
      for (const r of itemsOf(member(module, "resources"))) {
        const address = stringOf(member(r, "address"));
        const expressions = member(r, "expressions");
        if (address !== undefined && expressions)
          this.expressions.set(prefix + address, expressions);
      }
      const calls = member(module, "module_calls");
      for (const call of calls?.kind === "object" ? calls.entries : [])
        walk(member(call.value, "module"), `${prefix}module.${call.key}.`, depth + 1);
    };
    walk(member(member(root, "configuration"), "root_module"), "", 0);
    for (const r of resources) {
      const key = in_(r.module, `${r.type}.${r.name}`);
      const list = this.instances.get(key);
      if (list) list.push(r);
      else this.instances.set(key, [r]);
    }
  }

  /** An attribute's known string values, or else the resources its expression refers to. */
  values(r: PlannedResource, attribute: string): AttributeValue[] {
    const known = stringsOf(member(r.values, attribute));
    if (known.length > 0) return known.map((n) => ({ value: n.value }));
    // Configuration addresses have no instance keys; references stay inside their module.
    const config = this.expressions.get(in_(withoutKeys(r.module), `${r.type}.${r.name}`));
    const out: AttributeValue[] = [];
    for (const ref of stringsOf(member(member(config, attribute), "references"))) {
      const m = /^(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)(?=\.|\[|$)/.exec(ref.value);
      const candidates = m ? (this.instances.get(in_(r.module, m[1]!)) ?? []) : [];
      // Of several instances (`count`, `for_each`), the one with the referring resource's key.
      const target =
        candidates.length === 1
          ? candidates[0]
          : candidates.find((c) => instanceKey(c.address) === instanceKey(r.address));
      if (target && !out.some((o) => o.target === target)) out.push({ target });
    }
    return out;
  }
}

/** A resource's address in a module: `module.team["a"].aws_iam_role.worker`. */
function in_(module: string, resource: string): string {
  return module ? `${module}.${resource}` : resource;
}

/** A module address without its instance keys: `module.team.module.x`. */
function withoutKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, "");
}

function instanceKey(address: string): string {
  return /\[[^\]]*\]$/.exec(address)?.[0] ?? "";
}
