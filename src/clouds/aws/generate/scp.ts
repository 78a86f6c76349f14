import type { GenerationContext } from "./context.js";
import { type DraftStatement, toStatements } from "./statements.js";
import { boundaryName } from "./teams.js";
import type { NamedPolicy } from "./types.js";

/**
 * Global services, whose requests name us-east-1 whatever region the caller
 * works in, so a region lock must not block them (AWS Organizations, SCP
 * example "Deny access to AWS based on the requested AWS Region"). KMS is
 * regional and stays locked.
 */
const GLOBAL_SERVICES = [
  "budgets:*",
  "ce:*",
  "cloudfront:*",
  "globalaccelerator:*",
  "health:*",
  "iam:*",
  "organizations:*",
  "route53:*",
  "sts:*",
  "support:*",
  "waf:*",
];

/**
 * The platform's SCP (AWS Organizations User Guide, "SCP examples"): Deny
 * only; FullAWSAccess stays attached to provide the Allow.
 */
export function platformScp(ctx: GenerationContext): NamedPolicy | undefined {
  const g = ctx.spec.platform?.guardrails;
  if (!g) return undefined;
  const drafts: DraftStatement[] = [];
  if (g.regions) {
    drafts.push({
      sid: "StayInApprovedRegions",
      effect: "Deny",
      notActions: GLOBAL_SERVICES,
      resources: ["*"],
      conditions: { StringNotEquals: { "aws:RequestedRegion": [...g.regions].sort() } },
    });
  }
  if (g.denyLeavingOrganization) {
    drafts.push({
      sid: "NeverLeaveOrganization",
      effect: "Deny",
      actions: ["organizations:LeaveOrganization"],
      resources: ["*"],
    });
  }
  const teams = Object.keys(ctx.spec.teams).sort();
  if (g.requireBoundary && teams.length > 0) {
    // Any account: the SCP is attached to OUs, and each of their accounts has its own copy of
    // a team's boundary. A role's boundary is always a policy of the role's own account.
    const boundaries = teams.map(
      (t) => `arn:${ctx.target.partition}:iam::*:policy/${boundaryName(ctx, t)}`,
    );
    drafts.push(
      {
        sid: "RolesOnlyWithTeamBoundary",
        effect: "Deny",
        actions: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
        resources: ["*"],
        conditions: {
          ArnNotLike: { "iam:PermissionsBoundary": boundaries },
        },
      },
      {
        sid: "NeverRemoveBoundary",
        effect: "Deny",
        actions: ["iam:DeleteRolePermissionsBoundary"],
        resources: ["*"],
      },
    );
  }
  if (g.protectCloudTrail) {
    drafts.push({
      sid: "NeverDisableCloudTrail",
      effect: "Deny",
      actions: [
        "cloudtrail:DeleteTrail",
        "cloudtrail:PutEventSelectors",
        "cloudtrail:StopLogging",
        "cloudtrail:UpdateTrail",
      ],
      resources: ["*"],
    });
  }
  if (drafts.length === 0) return undefined;
  return {
    name: `${ctx.spec.name}-platform-guardrails`,
    document: { Version: "2012-10-17", Statement: toStatements(drafts) },
  };
}
