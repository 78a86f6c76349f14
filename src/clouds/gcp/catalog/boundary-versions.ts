import {
  BOUNDARY_ROWS,
  DEFAULT_ENFORCEMENT_VERSION,
  HIGHEST_ENFORCEMENT_VERSION,
} from "./boundary-version-rows.js";
import { denyPatternCovers, toDenyPermission } from "./permission-names.js";

/**
 * Principal access boundary enforcement versions: whether a policy of a
 * version blocks a permission [PABPERMS]. A row of the version or an earlier
 * one must cover it without excepting it; `latest` is the default version.
 */

/** The version a policy's `enforcementVersion` stands for. */
export function enforcementVersion(version: string): number {
  if (version === "latest") return DEFAULT_ENFORCEMENT_VERSION;
  // A version newer than the catalog blocks at least what the newest known one does.
  return Math.min(Number(version), HIGHEST_ENFORCEMENT_VERSION);
}

/**
 * The v2 names a boundary row may give a v1 permission: the deny-policy
 * name and the plain `SERVICE.googleapis.com` one (the page's hosts are not
 * always the deny page's), compared case-insensitively (it writes
 * `apikeys.googleapis.com/apikeys.*` where deny policies write `apiKeys`).
 */
function rowNames(permission: string): string[] {
  const dot = permission.indexOf(".");
  const plain = `${permission.slice(0, dot)}.googleapis.com/${permission.slice(dot + 1)}`;
  return [...new Set([toDenyPermission(permission), plain].map((n) => n.toLowerCase()))];
}

function covers(pattern: string, names: readonly string[]): boolean {
  const p = pattern.toLowerCase();
  return names.some((n) => denyPatternCovers(p, n));
}

const verdicts = new Map<string, boolean>();

/** Whether a policy of this enforcement version blocks the (v1) permission. */
export function boundaryEnforces(version: string, permission: string): boolean {
  const n = enforcementVersion(version);
  const key = `${n} ${permission}`;
  let v = verdicts.get(key);
  if (v === undefined) {
    const names = rowNames(permission);
    v = BOUNDARY_ROWS.some(
      (row) =>
        row.version <= n &&
        row.blocks.some((b) => covers(b, names)) &&
        !row.except.some((e) => covers(e, names)),
    );
    if (verdicts.size > 100_000) verdicts.clear();
    verdicts.set(key, v);
  }
  return v;
}
