import type { GcpCatalog } from "../catalog/catalog.js";
import type { GcpCustomRole } from "../policy/types.js";

/**
 * A role's permissions (docs/semantics/gcp.md, "Roles"): predefined and
 * basic roles from the catalog, custom roles from the input.
 */
export class Roles {
  constructor(
    private readonly catalog: GcpCatalog,
    private readonly custom: ReadonlyMap<string, GcpCustomRole>,
  ) {}

  /** The role's permissions, or undefined for a role neither the catalog nor the input defines. */
  permissions(role: string): ReadonlySet<string> | undefined {
    return this.custom.get(role)?.permissions ?? this.catalog.role(role)?.permissions;
  }

  /** Whether any role the input defines holds the permission (a permission newer than the catalog). */
  customHolds(permission: string): boolean {
    for (const r of this.custom.values()) if (r.permissions.has(permission)) return true;
    return false;
  }
}
