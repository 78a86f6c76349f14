import type { GcpHierarchyNode } from "../policy/types.js";

/**
 * The resource hierarchy of one request (docs/semantics/gcp.md, "Resource
 * hierarchy"): the resource and its ancestors, whose allow policies are
 * unioned, to which deny policies attach, and whose tags the resource
 * inherits.
 */

/** `cloudresourcemanager.googleapis.com%2Fprojects%2Fp` or `//...`: the full resource name, `//` first. */
export function fullName(name: string): string {
  let n = name.includes("%2F") || name.includes("%2f") ? name.replace(/%2F/gi, "/") : name;
  if (!n.startsWith("//")) n = `//${n}`;
  return n;
}

/** The resource and every node above it, as full resource names. */
export function lineage(resource: string, hierarchy: readonly GcpHierarchyNode[]): Set<string> {
  const out = new Set<string>([fullName(resource)]);
  for (const node of hierarchy) out.add(fullName(node.resource));
  return out;
}

/**
 * The tags the resource carries: those bound at each node, from the
 * organization down, a lower node's value for a key replacing the one it
 * inherits (resource-manager/docs/tags/tags-overview#inheritance).
 */
export function effectiveTags(hierarchy: readonly GcpHierarchyNode[]): Map<string, string> {
  const tags = new Map<string, string>();
  for (let i = hierarchy.length - 1; i >= 0; i--) {
    for (const [k, v] of hierarchy[i]!.tags) tags.set(k, v);
  }
  return tags;
}
