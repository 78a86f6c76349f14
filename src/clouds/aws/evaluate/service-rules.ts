/**
 * Services whose resource policy must allow a request even within one
 * account (docs/semantics/aws.md, "Service-specific rules"):
 * - a role's trust policy for `sts:AssumeRole*` and the session-tagging
 *   actions (IAM User Guide, "Cross account resource access": "role trust
 *   policies ... must explicitly allow");
 * - a KMS key policy for actions on the key (AWS KMS Developer Guide, "Key
 *   policies": "unless the key policy explicitly allows it, you cannot use
 *   IAM policies to allow access to a KMS key").
 */
export type ResourcePolicyRequirement = "role-trust-policy" | "kms-key-policy";

const TRUST_ACTIONS = new Set([
  "sts:assumerole",
  "sts:assumerolewithsaml",
  "sts:assumerolewithwebidentity",
  "sts:tagsession",
  "sts:setsourceidentity",
  "sts:setcontext",
]);

const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\//;
const KMS_KEY_ARN = /^arn:[a-z-]+:kms:[^:]*:\d{12}:key\//;

export function resourcePolicyRequirement(
  lowerAction: string,
  resource: string,
): ResourcePolicyRequirement | undefined {
  if (TRUST_ACTIONS.has(lowerAction) && ROLE_ARN.test(resource)) return "role-trust-policy";
  if (lowerAction.startsWith("kms:") && KMS_KEY_ARN.test(resource)) return "kms-key-policy";
  return undefined;
}

/**
 * Actions no policy governs. `sts:GetCallerIdentity`: "No permissions are
 * required to perform this operation. If an administrator attaches a policy
 * to your identity that explicitly denies access to the
 * sts:GetCallerIdentity action, you can still perform this operation.
 * Permissions are not required because the same information is returned when
 * access is denied" (STS API Reference, GetCallerIdentity).
 */
const NO_PERMISSION_NEEDED = new Set(["sts:getcalleridentity"]);

export function needsNoPermission(lowerAction: string): boolean {
  return NO_PERMISSION_NEEDED.has(lowerAction);
}
