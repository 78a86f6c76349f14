import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closest } from "../../../diagnostics/index.js";
import {
  CUSTOM_ROLE_SUPPORT_LEVELS,
  type CustomRoleSupport,
  decodeGcpCatalog,
  decodeIndices,
  type GcpCatalogData,
} from "./compact-catalog.js";

/**
 * The GCP catalog leash ships: every predefined role (basic roles included)
 * with its permissions, built by `scripts/build-gcp-catalog.mjs` from the
 * iam-dataset snapshot (MIT; see catalogs/gcp/NOTICE.md). Loaded once, on
 * first use; a role's permission set is built when a role is first asked for.
 * A catalog that `leash catalog sync --cloud gcp` wrote to the user cache
 * (see `userCatalogPath`) is preferred to it.
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

/** Where a catalog was read from. */
export interface GcpCatalogOrigin {
  path: string;
  /** The user cache that `leash catalog sync` writes, rather than the file leash ships. */
  userCache: boolean;
}

export class GcpCatalog {
  /** What results record: the catalog's own version, and `, user cache` when read from there. */
  readonly version: string;
  readonly origin: GcpCatalogOrigin;
  private readonly data: GcpCatalogData;
  private readonly permissionSet: ReadonlySet<string>;
  private readonly built = new Map<string, GcpRole>();
  private readonly services = new Map<string, string[]>();
  private support: Map<string, CustomRoleSupport> | undefined;

  constructor(
    data: GcpCatalogData,
    origin: GcpCatalogOrigin = { path: fileURLToPath(SHIPPED_CATALOG_URL), userCache: false },
  ) {
    this.data = data;
    this.origin = origin;
    this.version = origin.userCache ? `${data.version}, user cache` : data.version;
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

  /** Where the catalog's facts came from, as its file says. */
  get source(): string {
    return this.data.source;
  }

  /**
   * Whether a permission may go in a custom role, as the IAM API's
   * `queryTestablePermissions` said at sync time; undefined when the catalog
   * has no support levels (the shipped one) or the query did not list the
   * permission (not testable on the resource it was asked about).
   */
  customRoleSupport(permission: string): CustomRoleSupport | undefined {
    const support = this.data.support;
    if (!support) return undefined;
    if (!this.support) {
      this.support = new Map();
      for (const level of CUSTOM_ROLE_SUPPORT_LEVELS)
        for (const p of decodeIndices(support.encoded[level], this.data.permissions))
          this.support.set(p, level);
    }
    return this.support.get(permission);
  }

  /** The resource the support levels were queried on, when the catalog has them. */
  supportScope(): string | undefined {
    return this.data.support?.scope;
  }
}

/** The environment variables the catalog's loading reads. */
export type CatalogEnv = Readonly<Record<string, string | undefined>>;

/**
 * The user cache of the GCP catalog: `$LEASH_CACHE_DIR/gcp-catalog.json` when
 * LEASH_CACHE_DIR is set, else `$XDG_CACHE_HOME/leash/gcp-catalog.json` when
 * XDG_CACHE_HOME is an absolute path (the XDG base directory rules ignore a
 * relative one), else `~/.cache/leash/gcp-catalog.json`.
 */
export function userCatalogPath(env: CatalogEnv = process.env): string {
  if (env.LEASH_CACHE_DIR) return join(env.LEASH_CACHE_DIR, "gcp-catalog.json");
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".cache");
  return join(base, "leash", "gcp-catalog.json");
}

/** Whether LEASH_NO_USER_CATALOG asks to ignore the user cache (any value but empty or `0`). */
export function userCatalogIgnored(env: CatalogEnv = process.env): boolean {
  const v = env.LEASH_NO_USER_CATALOG;
  return v !== undefined && v !== "" && v !== "0";
}

export interface LoadedGcpCatalog {
  catalog: GcpCatalog;
  /** One line: why a user cache that is there was not used. */
  warning?: string;
}

/**
 * The user cache when there is one that reads as a catalog, else the shipped
 * catalog (with a warning when a cache is there but unusable). One read of
 * one file either way: no listing, no second parse.
 */
export function loadGcpCatalog(env: CatalogEnv = process.env): LoadedGcpCatalog {
  let warning: string | undefined;
  if (!userCatalogIgnored(env)) {
    const path = userCatalogPath(env);
    let text: string | undefined;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR")
        warning = unusable(path, `cannot read it: ${code ?? (e as Error).message}`);
    }
    if (text !== undefined) {
      try {
        return { catalog: new GcpCatalog(decodeGcpCatalog(text), { path, userCache: true }) };
      } catch (e) {
        warning = unusable(path, (e as Error).message);
      }
    }
  }
  const shipped = shippedGcpCatalog();
  return warning ? { catalog: shipped, warning } : { catalog: shipped };
}

let shipped: GcpCatalog | undefined;

/** The catalog leash ships, whatever the user cache holds: loaded once. */
export function shippedGcpCatalog(): GcpCatalog {
  shipped ??= new GcpCatalog(decodeGcpCatalog(readFileSync(SHIPPED_CATALOG_URL, "utf8")));
  return shipped;
}

function unusable(path: string, why: string): string {
  const reason = why.replace(/\s+/g, " ").slice(0, 200);
  return `warning gcp-catalog/cache-unusable: ignoring the user catalog \`${path}\` (${reason}); using the shipped catalog (\`leash catalog sync --cloud gcp\` writes a new one)`;
}

let loaded: GcpCatalog | undefined;

/**
 * The GCP catalog every command uses, loaded once: the user cache when
 * present and readable, else the shipped one. A damaged cache is said once,
 * in one line on standard error.
 */
export function gcpCatalog(): GcpCatalog {
  if (!loaded) {
    const r = loadGcpCatalog();
    if (r.warning) process.stderr.write(`${r.warning}\n`);
    loaded = r.catalog;
  }
  return loaded;
}

/** Forgets the loaded catalog, so that the next `gcpCatalog()` reads again (tests, after a sync). */
export function resetGcpCatalog(): void {
  loaded = undefined;
}
