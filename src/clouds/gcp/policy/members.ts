/**
 * The principal identifiers of allow policies and of deny and boundary
 * policies (cloud.google.com/iam/docs/principal-identifiers). Allow policies
 * take the v1 forms (`user:EMAIL`) and the federation forms (`principal://`,
 * `principalSet://`); deny policies take only `principal://` and
 * `principalSet://` forms.
 */

/** The prefixes a v1 allow-policy member may start with. */
export const MEMBER_PREFIXES = [
  "user:",
  "serviceAccount:",
  "group:",
  "domain:",
  "principal://",
  "principalSet://",
  "deleted:",
  "projectOwner:",
  "projectEditor:",
  "projectViewer:",
] as const;

/** Members that stand for everyone (on the internet) or every signed-in identity. */
export const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"] as const;

/** GKE Workload Identity names a Kubernetes service account: `PROJECT.svc.id.goog[NS/KSA]`. */
const GKE_KSA = /^[a-z][a-z0-9-]*\.svc\.id\.goog\[[^/\]]+\/[^/\]]+\]$/;

/** Why an allow-policy member is not one Google accepts, or undefined when it is. */
export function memberProblem(member: string): string | undefined {
  if ((PUBLIC_MEMBERS as readonly string[]).includes(member)) return undefined;
  const prefix = MEMBER_PREFIXES.find((p) => member.startsWith(p));
  if (!prefix) {
    const ci = [...MEMBER_PREFIXES, ...PUBLIC_MEMBERS].find(
      (p) => member.toLowerCase().startsWith(p.toLowerCase()) && !member.startsWith(p),
    );
    return ci
      ? `member types are case-sensitive: write \`${ci}\``
      : "a member is `user:`, `serviceAccount:`, `group:`, `domain:`, `principal://`, `principalSet://`, `deleted:...`, `allUsers` or `allAuthenticatedUsers`";
  }
  const rest = member.slice(prefix.length);
  if (rest === "") return `\`${prefix}\` needs what follows it`;
  if (
    (prefix === "user:" || prefix === "serviceAccount:" || prefix === "group:") &&
    !rest.includes("@") &&
    !(prefix === "serviceAccount:" && GKE_KSA.test(rest))
  )
    return `\`${prefix}\` takes an email address`;
  return undefined;
}

/** Why a deny-policy principal is not a v2 identifier, or undefined when it is. */
export function denyPrincipalProblem(principal: string): string | undefined {
  if (principal.startsWith("principal://") || principal.startsWith("principalSet://"))
    return undefined;
  const v1 = v1ToDenyPrincipal(principal);
  return v1
    ? `deny policies take v2 identifiers: write \`${v1}\``
    : "deny policies take `principal://...` and `principalSet://...` identifiers";
}

/**
 * The deny-policy identifier of an allow-policy member, where one exists
 * (principal-identifiers: the table of identifiers by policy type).
 */
export function v1ToDenyPrincipal(member: string): string | undefined {
  if (member.startsWith("user:")) return `principal://goog/subject/${member.slice(5)}`;
  if (member.startsWith("group:")) return `principalSet://goog/group/${member.slice(6)}`;
  if (member.startsWith("serviceAccount:"))
    return `principal://iam.googleapis.com/projects/-/serviceAccounts/${member.slice(15)}`;
  if (member === "allUsers") return "principalSet://goog/public:all";
  return undefined;
}
