/**
 * Who makes a request. The kind decides which policies apply to it and how
 * a resource policy's `Principal` matches it (docs/semantics/aws.md,
 * "Principals").
 */
export type PrincipalKind =
  | "root"
  | "user"
  | "role"
  | "role-session"
  | "federated-user"
  | "service"
  | "federated-provider"
  | "anonymous";

export interface PrincipalIdentity {
  /** As given. */
  raw: string;
  kind: PrincipalKind;
  partition: string;
  /** The 12-digit account, for principals that live in one. */
  account: string | undefined;
  /** For sessions: `arn:aws:iam::ACCOUNT:role/NAME` (path unknown); for roles, the role ARN. */
  roleArn: string | undefined;
  roleName: string | undefined;
  userName: string | undefined;
  /** Service-linked roles are exempt from SCPs and RCPs. */
  serviceLinked: boolean;
}

const ACCOUNT = /^\d{12}$/;

/** The built-in web identity providers (IAM User Guide, "Principal": "Web identity session principals"). */
const WEB_IDENTITY_PROVIDERS = new Set([
  "cognito-identity.amazonaws.com",
  "www.amazon.com",
  "graph.facebook.com",
  "accounts.google.com",
]);
const ARN = /^arn:([a-z-]+):(iam|sts)::(\d{12}):(.+)$/;

function base(
  raw: string,
  kind: PrincipalKind,
  partition = "aws",
  account?: string,
): PrincipalIdentity {
  return {
    raw,
    kind,
    partition,
    account,
    roleArn: undefined,
    roleName: undefined,
    userName: undefined,
    serviceLinked: false,
  };
}

/** Parses a principal; undefined when the text is no principal AWS would report. */
export function parsePrincipal(raw: string): PrincipalIdentity | undefined {
  if (raw === "anonymous" || raw === "*") return base(raw, "anonymous");
  if (ACCOUNT.test(raw)) return base(raw, "root", "aws", raw);
  const m = ARN.exec(raw);
  if (m) {
    const [, partition, service, account, rest] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (service === "iam") {
      if (rest === "root") return base(raw, "root", partition, account);
      if (rest.startsWith("user/")) {
        return {
          ...base(raw, "user", partition, account),
          userName: rest.slice(rest.lastIndexOf("/") + 1),
        };
      }
      if (rest.startsWith("role/")) {
        const roleName = rest.slice(rest.lastIndexOf("/") + 1);
        return {
          ...base(raw, "role", partition, account),
          roleArn: raw,
          roleName,
          serviceLinked: rest.startsWith("role/aws-service-role/"),
        };
      }
      if (rest.startsWith("oidc-provider/") || rest.startsWith("saml-provider/")) {
        return base(raw, "federated-provider", partition, account);
      }
      return undefined;
    }
    const session = /^assumed-role\/([^/]+)\/(.+)$/.exec(rest);
    if (session) {
      const roleName = session[1]!;
      return {
        ...base(raw, "role-session", partition, account),
        roleName,
        roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
        serviceLinked: roleName.startsWith("AWSServiceRoleFor"),
      };
    }
    if (rest.startsWith("federated-user/")) return base(raw, "federated-user", partition, account);
    return undefined;
  }
  // Service principals and web identity providers are host names.
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(raw)) {
    const lower = raw.toLowerCase();
    const isService =
      !WEB_IDENTITY_PROVIDERS.has(lower) && /\.amazonaws\.com(\.cn)?$|\.amazon\.com$/.test(lower);
    return base(raw, isService ? "service" : "federated-provider");
  }
  return undefined;
}

/** Whether the principal is one an account's IAM policies govern. */
export function hasIdentityPolicies(p: PrincipalIdentity): boolean {
  return (
    p.kind === "root" ||
    p.kind === "user" ||
    p.kind === "role" ||
    p.kind === "role-session" ||
    p.kind === "federated-user"
  );
}

/** `aws:PrincipalType` values (IAM User Guide, "AWS global condition context keys"). */
export function principalType(p: PrincipalIdentity): string | undefined {
  switch (p.kind) {
    case "root":
      return "Account";
    case "user":
      return "User";
    case "role":
    case "role-session":
      return "AssumedRole";
    case "federated-user":
      return "FederatedUser";
    case "anonymous":
      return "Anonymous";
    default:
      return undefined;
  }
}

/** `aws:PrincipalArn`: for a role session, the role's ARN. */
export function principalArn(p: PrincipalIdentity): string | undefined {
  switch (p.kind) {
    case "root":
      return `arn:${p.partition}:iam::${p.account}:root`;
    case "role-session":
      return p.roleArn;
    case "user":
    case "role":
    case "federated-user":
      return p.raw;
    default:
      return undefined;
  }
}
