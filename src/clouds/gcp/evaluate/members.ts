/**
 * Who the request comes from, and which allow-policy members and
 * deny-policy principals stand for it (docs/semantics/gcp.md, "Members").
 * The request names the principal and, in `memberOf`, the groups, domains
 * and principal sets it belongs to: group membership lives in Cloud Identity,
 * not in IAM, so leash takes it as input rather than guessing.
 */
export class Identity {
  /** The principal and everything it is a member of, exactly as written. */
  private readonly all: Set<string>;
  /** The same, with email addresses lower-cased: emails match case-insensitively. */
  private readonly folded: Set<string>;
  readonly principal: string;
  readonly anonymous: boolean;

  constructor(principal: string, memberOf: readonly string[]) {
    this.principal = principal;
    this.anonymous = principal === "allUsers";
    this.all = new Set([principal, ...memberOf]);
    this.folded = new Set([...this.all].map(foldEmail));
  }

  private has(member: string): boolean {
    return this.all.has(member) || this.folded.has(foldEmail(member));
  }

  private readonly verdicts = new Map<string, boolean>();

  /** Whether an allow-policy member stands for this identity (each member worked out once). */
  matchesMember(member: string): boolean {
    let v = this.verdicts.get(member);
    if (v === undefined) {
      v = this.match(member);
      this.verdicts.set(member, v);
    }
    return v;
  }

  private match(member: string): boolean {
    if (member === "allUsers") return true;
    // Federated identities (principal://) are not among all authenticated users [PRINC].
    if (member === "allAuthenticatedUsers")
      return !this.anonymous && !this.principal.startsWith("principal://");
    if (member.startsWith("deleted:")) return false;
    if (this.has(member)) return true;
    if (member.startsWith("domain:")) {
      const domain = member.slice(7).toLowerCase();
      return (
        this.principal.startsWith("user:") && this.principal.toLowerCase().endsWith(`@${domain}`)
      );
    }
    if (member.startsWith("principalSet://") && member.endsWith("/*")) {
      // A whole pool: every identity of it (principal-identifiers: "All identities in a pool").
      const pool = member.slice("principalSet://".length, -1);
      for (const m of this.all) {
        if (m.startsWith(`principal://${pool}`) || m.startsWith(`principalSet://${pool}`))
          return true;
      }
    }
    return false;
  }

  /** Whether a deny-policy (v2) principal stands for this identity. */
  matchesDenyPrincipal(principal: string): boolean {
    if (principal === "principalSet://goog/public:all") return true;
    if (this.has(principal)) return true;
    const v1 = denyPrincipalToMember(principal);
    return v1 !== undefined && this.matchesMember(v1);
  }
}

function foldEmail(member: string): string {
  return member.includes("@") ? member.toLowerCase() : member;
}

/** The allow-policy member a deny-policy identifier stands for, where one exists. */
export function denyPrincipalToMember(principal: string): string | undefined {
  const forms: [string, string][] = [
    ["principal://goog/subject/", "user:"],
    ["principalSet://goog/group/", "group:"],
    ["principal://iam.googleapis.com/projects/-/serviceAccounts/", "serviceAccount:"],
  ];
  for (const [v2, v1] of forms)
    if (principal.startsWith(v2)) return v1 + principal.slice(v2.length);
  return undefined;
}
