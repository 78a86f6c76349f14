import { readFileSync } from "node:fs";
import { closest } from "../../../diagnostics/index.js";
import { decodeGcpCatalog, decodeIndices, type GcpCatalogData } from "./compact-catalog.js";

/**
 * The GCP catalog leash ships: every predefined role (basic roles included)
 * with its permissions, built by `scripts/build-gcp-catalog.mjs` from the
 * iam-dataset snapshot (MIT; see catalogs/gcp/NOTICE.md). Loaded once, on
 * first use; a role's permission set is built when a role is first asked for.
 */
export const SHIPPED_CATALOG_URL = new URL(
  "../../../../catalogs/gcp/predefined-roles.json",
  import.meta.url,
);

export interface GcpRole {
  name: string;
  title: string;
  /** GA, BETA, ALPHA, DEPRECATED or EAP, as Google publishes it. */
  stage: string;
  permissions: ReadonlySet<string>;
}

export class GcpCatalog {
  readonly version: string;
  private readonly data: GcpCatalogData;
  private readonly permissionSet: ReadonlySet<string>;
  private readonly built = new Map<string, GcpRole>();
  private readonly services = new Map<string, string[]>();

  constructor(data: GcpCatalogData) {
    this.data = data;
    this.version = data.version;
    this.permissionSet = new Set(data.permissions);
    for (const p of data.permissions) {
      const service = p.slice(0, p.indexOf("."));
      const list = this.services.get(service);
      if (list) list.push(p);
      else this.services.set(service, [p]);
    }
  }

  /** Every permission some predefined role holds, sorted. */
  permissions(): readonly string[] {
    return this.data.permissions;
  }

  hasPermission(permission: string): boolean {
    return this.permissionSet.has(permission);
  }

  /** The permissions of one service prefix (`storage`), sorted. */
  servicePermissions(service: string): readonly string[] {
    return this.services.get(service) ?? [];
  }

  hasService(service: string): boolean {
    return this.services.has(service);
  }

  roleNames(): IterableIterator<string> {
    return this.data.roles.keys();
  }

  /** A predefined or basic role by its full name (`roles/storage.objectViewer`). */
  role(name: string): GcpRole | undefined {
    let role = this.built.get(name);
    if (role) return role;
    const raw = this.data.roles.get(name);
    if (!raw) return undefined;
    role = {
      name,
      title: raw.title,
      stage: raw.stage,
      permissions: new Set(decodeIndices(raw.encoded, this.data.permissions)),
    };
    this.built.set(name, role);
    return role;
  }

  /** The listed permission closest to a misspelt one, searched in its own service first. */
  suggestPermission(permission: string): string | undefined {
    const service = permission.slice(0, Math.max(0, permission.indexOf(".")));
    const own = this.services.get(service);
    return (own && closest(permission, own)) ?? closest(permission, this.data.permissions);
  }

  suggestRole(name: string): string | undefined {
    return closest(name, [...this.data.roles.keys()]);
  }
}

let shipped: GcpCatalog | undefined;

/** The catalog leash ships, loaded once. */
export function gcpCatalog(): GcpCatalog {
  shipped ??= new GcpCatalog(decodeGcpCatalog(readFileSync(SHIPPED_CATALOG_URL, "utf8")));
  return shipped;
}
