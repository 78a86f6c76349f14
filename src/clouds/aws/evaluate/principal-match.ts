import type { PrincipalSet } from "../policy/types.js";
import type { PrincipalIdentity } from "./principal.js";

/**
 * How a resource policy's `Principal` names the caller. The kind matters in
 * the same account (docs/semantics/aws.md, "Resource-based policies"):
 * - `exact`: the caller itself (user ARN, session ARN, `*`, service): the
 *   grant stands even when a boundary or session policy is silent;
 * - `role`: the role behind a session: boundaries and session policies limit it;
 * - `account`: the caller's account: delegates to the account's IAM policies.
 */
export type PrincipalMatchKind = "exact" | "role" | "account";

const RANK: Record<PrincipalMatchKind, number> = { exact: 3, role: 2, account: 1 };

export function strongerMatch(
  a: PrincipalMatchKind | undefined,
  b: PrincipalMatchKind | undefined,
): PrincipalMatchKind | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** A `Principal` block compiled into sets for constant-time look-ups. */
export interface CompiledPrincipal {
  wildcard: boolean;
  accounts: ReadonlySet<string>;
  /** Users, sessions and federated users, by exact ARN. */
  arns: ReadonlySet<string>;
  /** Roles as `ACCOUNT/NAME`: a role's path is not part of its sessions' ARNs. */
  roles: ReadonlySet<string>;
  /** Services and web identity providers, lower-cased. */
  hosts: ReadonlySet<string>;
}

const ROOT = /^arn:[a-z-]+:iam::(\d{12}):root$/;
const ROLE = /^arn:[a-z-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

export function compilePrincipal(set: PrincipalSet): CompiledPrincipal {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const roles = new Set<string>();
  const hosts = new Set<string>();
  let wildcard = set.wildcard;
  for (const { value } of set.aws) {
    if (value === "*") wildcard = true;
    else if (/^\d{12}$/.test(value)) accounts.add(value);
    else {
      const root = ROOT.exec(value);
      const role = ROLE.exec(value);
      if (root) accounts.add(root[1]!);
      else if (role) roles.add(`${role[1]}/${role[2]}`);
      else arns.add(value);
    }
  }
  // `{"Service": "*"}` names every service, not every caller: only `"*"` and `{"AWS": "*"}` do.
  for (const { value } of [...set.service, ...set.federated]) hosts.add(value.toLowerCase());
  for (const { value } of set.canonicalUser) arns.add(value);
  return { wildcard, accounts, arns, roles, hosts };
}

/** How `Principal` matches the caller, or undefined when it does not. */
export function matchPrincipal(
  p: CompiledPrincipal,
  who: PrincipalIdentity,
): PrincipalMatchKind | undefined {
  if (p.wildcard) return "exact";
  switch (who.kind) {
    case "anonymous":
      return undefined;
    case "service":
    case "federated-provider":
      return p.hosts.has("*") || p.hosts.has(who.raw.toLowerCase()) || p.arns.has(who.raw)
        ? "exact"
        : undefined;
    case "root":
      return p.accounts.has(who.account!) ? "exact" : undefined;
    default: {
      if (p.arns.has(who.raw)) return "exact";
      if (who.roleName && p.roles.has(`${who.account}/${who.roleName}`)) return "role";
      if (who.account && p.accounts.has(who.account)) return "account";
      return undefined;
    }
  }
}

/**
 * The identities a caller presents, each of which a `NotPrincipal` must list
 * to exclude it (IAM User Guide, "NotPrincipal": a session is excluded only
 * when its session ARN, its role ARN and its account are all listed).
 */
export function matchesNotPrincipal(p: CompiledPrincipal, who: PrincipalIdentity): boolean {
  if (p.wildcard) return false;
  const listed: boolean[] = [];
  switch (who.kind) {
    case "anonymous":
      return true;
    case "service":
    case "federated-provider":
      listed.push(p.hosts.has("*") || p.hosts.has(who.raw.toLowerCase()));
      break;
    case "root":
      listed.push(p.accounts.has(who.account!));
      break;
    case "role-session":
      listed.push(
        p.arns.has(who.raw),
        p.roles.has(`${who.account}/${who.roleName}`),
        p.accounts.has(who.account!),
      );
      break;
    case "role":
      listed.push(p.roles.has(`${who.account}/${who.roleName}`), p.accounts.has(who.account!));
      break;
    default:
      listed.push(p.arns.has(who.raw), p.accounts.has(who.account!));
  }
  // The statement applies to the caller unless every identity it presents is listed.
  return listed.some((l) => !l);
}
