/**
 * What makes an Allow statement a usable grant of one action of an
 * escalation path, beyond covering the action: the principal can call it
 * itself, and on resources that can lead to more privilege. Each test is
 * written down, with its AWS source, in docs/rules/privilege-escalation.md.
 */
import { compileCondition, conditionHolds } from "../../evaluate/condition.js";
import { RequestContext } from "../../evaluate/request-context.js";
import type { StatementView } from "../rule.js";
import { memoizePerObject } from "./memo.js";

/** A wildcard or a policy variable: the segment may stand for more than one name. */
const OPEN = /[*?$]/;

/**
 * Resource part (after the fifth colon) of an ARN pattern of `service`, or
 * undefined when the pattern is not such an ARN or its service is open.
 */
function resourcePart(arn: string, service: string): string | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || parts[2]!.toLowerCase() !== service) return;
  return parts.slice(5).join(":");
}

/**
 * Whether the statement's clauses on `key` hold when the request does not
 * carry the key at all, as the engine evaluates them (a positive operator
 * fails, `...IfExists`, a negated operator and `ForAllValues` hold).
 */
function holdsWithout(s: StatementView, key: string): boolean {
  const empty = new RequestContext();
  for (const c of s.statement.conditions)
    if (c.key.toLowerCase() === key && !conditionHolds(compileCondition(c, false), empty))
      return false;
  return true;
}

/**
 * Whether only an AWS service acting with the principal's credentials can
 * use the statement (IAM User Guide, "AWS global condition context keys"):
 * a direct call carries `aws:ViaAWSService` false and no `aws:CalledVia`,
 * `aws:CalledViaFirst` or `aws:CalledViaLast`, so a clause that fails on
 * that request shuts the principal out.
 */
export const serviceOnly = memoizePerObject((s: StatementView): boolean => {
  if (s.unconditional) return false;
  if (!s.conditionAllows("aws:ViaAWSService", "false")) return true;
  return ["aws:calledvia", "aws:calledviafirst", "aws:calledvialast"].some(
    (k) => s.statement.conditions.some((c) => c.key.toLowerCase() === k) && !holdsWithout(s, k),
  );
});

/** `arn:PARTITION:iam::ACCOUNT:role/aws-service-role/...`: a service-linked role (or a pattern of them). */
function serviceLinkedRole(arn: string): boolean {
  return /^role\/aws-service-role\//i.test(resourcePart(arn, "iam") ?? "");
}

/**
 * Every Resource is a service-linked role: AWS lets no one but the service
 * change them (no inline or attached policies, no trust policy edits) and
 * they trust only their service (IAM User Guide, "Using service-linked
 * roles"), so role actions on them lead to no more privilege.
 */
export const onlyServiceLinkedRoles = memoizePerObject((s: StatementView): boolean => {
  const r = s.statement.resource;
  return (
    !s.statement.notResource &&
    r !== undefined &&
    r.length > 0 &&
    r.every((x) => serviceLinkedRole(x.value))
  );
});

/**
 * `iam:PassRole` on a pattern of roles (or `*`), one of which may be more
 * powerful. A role is passed only within its own account, so a role name
 * written out (`arn:aws:iam::*:role/train`, `role/path/train`) names one
 * role even when the account is `*`; like Cloudsplaining, passing one named
 * role reaches only what that role can do.
 */
export const passesRolePattern = memoizePerObject((s: StatementView): boolean => {
  if (s.anyResource) return true;
  return (s.statement.resource ?? []).some((r) => {
    // Service-linked roles trust only their service: no pattern of them reaches further.
    if (serviceLinkedRole(r.value)) return false;
    const parts = r.value.split(":");
    if (parts.length < 6 || parts[0] !== "arn") return OPEN.test(r.value);
    // Another service's ARN names no role; an open service may name any.
    if (!OPEN.test(parts[2]!) && parts[2]!.toLowerCase() !== "iam") return false;
    const part = parts.slice(5).join(":");
    return /^role\//i.test(part) ? OPEN.test(part) : OPEN.test(part.split("/")[0]!);
  });
});

/**
 * AWS managed policies that grant no write access, no permissions
 * management and no data read (test/rules/privilege-escalation.test.ts
 * lints each and finds no escalation, permissions-management, credentials
 * or data-exfiltration finding): attaching one gives nothing to escalate
 * with. Their ARNs: `arn:aws:iam::aws:policy/` and this name.
 */
export const HARMLESS_MANAGED_POLICIES: readonly string[] = [
  "AWSDenyAll",
  "job-function/ViewOnlyAccess",
  "SecurityAudit",
  "IAMReadOnlyAccess",
  "CloudWatchReadOnlyAccess",
  "AmazonEC2ReadOnlyAccess",
  "AWSBillingReadOnlyAccess",
  "IAMUserChangePassword",
];

const HARMLESS_POLICY_ARN = new RegExp(
  `^arn:aws(-cn|-us-gov)?:iam::aws:policy/(${HARMLESS_MANAGED_POLICIES.join("|")})$`,
);

/** Operators under which a value without wildcards stands for itself and must match. */
const PINNING = new Set(["StringEquals", "StringLike", "ArnEquals", "ArnLike"]);

/**
 * `iam:Attach*Policy` pinned by `iam:PolicyARN` to harmless policies: some
 * clause on the key (a positive string or ARN operator, no `IfExists`, no
 * `ForAllValues`, which an absent key passes) lists only harmless managed
 * policy ARNs, written out. A pattern (`arn:aws:iam::aws:policy/*`) or any
 * customer policy may be AdministratorAccess or a policy the principal
 * wrote, so it does not pin.
 */
export const attachesOnlyHarmless = memoizePerObject((s: StatementView): boolean =>
  s.statement.conditions.some(
    (c) =>
      c.key.toLowerCase() === "iam:policyarn" &&
      PINNING.has(c.operator) &&
      !c.ifExists &&
      c.setQualifier !== "ForAllValues" &&
      c.values.length > 0 &&
      c.values.every((v) => HARMLESS_POLICY_ARN.test(v.value)),
  ),
);

/**
 * SSM documents, owned by AWS, that run no command the caller supplies: they
 * update AWS's own agents (their only parameters are a version and whether
 * to allow a downgrade) or re-apply the State Manager associations already
 * on the instance (its only parameter is association ids). AWS reserves the
 * `AWS-` prefix, so no customer document has these names in any account.
 * Not `AWS-ConfigureAWSPackage`: it installs any Distributor package named
 * by the caller, one shared from another account included, and the
 * package's install script runs on the instance ("Working with Distributor
 * packages", Systems Manager User Guide).
 */
export const FIXED_SSM_DOCUMENTS: readonly string[] = [
  "AWS-UpdateSSMAgent",
  "AWS-UpdateEC2Config",
  "AWS-RefreshAssociation",
];

/**
 * `ssm:SendCommand` authorizes both the instance and the document (Service
 * Authorization Reference, AWS Systems Manager: SendCommand requires the
 * `document` resource type). The statement reaches a document that runs the
 * caller's commands unless every Resource that can name a document names
 * one of the fixed documents above.
 */
export const reachesCommandDocument = memoizePerObject((s: StatementView): boolean => {
  if (s.anyResource) return true;
  return (s.statement.resource ?? []).some((r) => {
    const parts = r.value.split(":");
    if (parts.length < 6 || parts[0] !== "arn") return OPEN.test(r.value);
    const service = parts[2]!;
    if (OPEN.test(service)) return true;
    if (service.toLowerCase() !== "ssm") return false;
    const part = parts.slice(5).join(":");
    if (!/^document\//.test(part))
      return OPEN.test(part) && "document/".startsWith(part.split(/[*?$]/)[0]!);
    return !FIXED_SSM_DOCUMENTS.includes(part.slice("document/".length));
  });
});

const ATTACH_POLICY = new Set([
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
]);

/**
 * Actions that only give a user credentials for itself: on the principal's
 * own user they yield sign-in means to permissions it already has. Writing
 * or attaching a policy, joining a group or removing a boundary on its own
 * user is the classic escalation, so those keep the self-scoped grant.
 */
const CREDENTIALS_ONLY = new Set([
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
]);

/**
 * Whether an Allow that covers `action` lets the principal itself use it on
 * something that leads to more privilege: not only through an AWS service,
 * not only on service-linked roles, for credentials-only actions not only on
 * its own user, and for the actions whose resource or condition decides it,
 * on more than one named role, a harmful policy or a command document.
 */
export function leadsFurther(s: StatementView, action: string): boolean {
  if (serviceOnly(s) || onlyServiceLinkedRoles(s)) return false;
  if (CREDENTIALS_ONLY.has(action)) return s.beyondSelf;
  if (action === "iam:PassRole") return passesRolePattern(s);
  if (action === "ssm:SendCommand") return reachesCommandDocument(s);
  if (ATTACH_POLICY.has(action)) return !attachesOnlyHarmless(s);
  return true;
}
