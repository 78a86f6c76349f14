import { DENY_HOST_EXCEPTIONS, DENY_PERMISSION_ALIASES } from "./deny-permission-hosts.js";

/**
 * Permission names in their two forms. Allow policies and roles use v1
 * names (`storage.objects.delete`); deny policies use v2 names, the
 * service's FQDN before a slash (`storage.googleapis.com/objects.delete`)
 * (cloud.google.com/iam/docs/deny-permissions-support).
 */

/** The documented exceptions, longest v1 prefix first. */
const EXCEPTIONS = Object.entries(DENY_HOST_EXCEPTIONS).sort((a, b) => b[0].length - a[0].length);

/** `storage.objects.delete` -> `storage.googleapis.com/objects.delete` [DENYPERMS]. */
export function toDenyPermission(permission: string): string {
  const dot = permission.indexOf(".");
  if (dot < 0) return permission;
  const rest = permission.slice(dot + 1);
  for (const [prefix, host] of EXCEPTIONS) {
    if (permission === prefix || permission.startsWith(`${prefix}.`)) return `${host}/${rest}`;
  }
  return `${permission.slice(0, dot)}.googleapis.com/${rest}`;
}

/** `storage.googleapis.com/objects.delete` -> `storage.objects.delete`; undefined when not a v2 name. */
export function fromDenyPermission(permission: string): string | undefined {
  const slash = permission.indexOf("/");
  if (slash < 0) return undefined;
  const host = permission.slice(0, slash);
  const rest = permission.slice(slash + 1);
  for (const [prefix, h] of EXCEPTIONS) {
    if (h !== host) continue;
    const service = prefix.slice(0, prefix.indexOf(".") < 0 ? prefix.length : prefix.indexOf("."));
    const v1 = `${service}.${rest}`;
    if (v1 === prefix || v1.startsWith(`${prefix}.`)) return v1;
  }
  return host.endsWith(".googleapis.com") ? `${host.slice(0, -15)}.${rest}` : undefined;
}

/**
 * Every v2 name a deny rule may use for a v1 permission: its own, and the
 * aliases the page lists ("you can use either the permission name or the
 * alias in deny policies" [DENYPERMS]).
 */
export function denyNames(permission: string): readonly string[] {
  let names = namesOf.get(permission);
  if (names === undefined) {
    if (namesOf.size >= 50_000) namesOf.clear();
    names = computeDenyNames(permission);
    namesOf.set(permission, names);
  }
  return names;
}

// A batch asks for the same few permissions again and again.
const namesOf = new Map<string, readonly string[]>();

function computeDenyNames(permission: string): string[] {
  const name = toDenyPermission(permission);
  const out = [name];
  const path = name.slice(name.indexOf("/"));
  for (const [listed, aliases] of Object.entries(DENY_PERMISSION_ALIASES)) {
    if (!denyPatternCovers(listed, name)) continue;
    for (const alias of aliases) {
      const named = alias.slice(0, alias.indexOf("/")) + path;
      if (!out.includes(named)) out.push(named);
    }
  }
  return out;
}

/**
 * Whether a deny rule's permission pattern covers a v2 permission name:
 * exact, or a permission group: `SERVICE/*.*` (and `SERVICE/*`, read the
 * same), `SERVICE/RESOURCE.*` or `SERVICE/*.VERB` [DENY "Permission groups"].
 */
export function denyPatternCovers(pattern: string, permission: string): boolean {
  if (pattern === permission) return true;
  const slash = pattern.indexOf("/");
  if (slash < 0 || permission.slice(0, slash + 1) !== pattern.slice(0, slash + 1)) return false;
  const pat = pattern.slice(slash + 1);
  const rest = permission.slice(slash + 1);
  if (pat === "*" || pat === "*.*") return true;
  const dot = rest.lastIndexOf(".");
  const resource = rest.slice(0, dot);
  const verb = rest.slice(dot + 1);
  if (pat.endsWith(".*")) return pat.slice(0, -2) === resource;
  if (pat.startsWith("*.")) return pat.slice(2) === verb;
  return false;
}

/** Why a deny rule's permission is not a v2 name or pattern, or undefined. */
export function denyPermissionProblem(pattern: string): string | undefined {
  const slash = pattern.indexOf("/");
  if (slash < 0) {
    return pattern.includes(".")
      ? `deny policies name permissions in v2 form: write \`${toDenyPermission(pattern)}\``
      : "a denied permission is `SERVICE.googleapis.com/RESOURCE.VERB`, or a wildcard form of it";
  }
  const pat = pattern.slice(slash + 1);
  if (!pattern.slice(0, slash).includes("."))
    return "the part before `/` is the service's host name";
  if (pat === "*" || pat === "*.*") return undefined;
  const stars = pat.split("*").length - 1;
  if (stars === 0 && pat.includes(".")) return undefined;
  if (stars === 1 && (pat.endsWith(".*") || pat.startsWith("*.")) && pat.length > 2)
    return undefined;
  return "permission groups are `SERVICE/*.*`, `SERVICE/RESOURCE.*` and `SERVICE/*.VERB` only";
}
