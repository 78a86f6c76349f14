import type { GenerationContext } from "./context.js";
import { fill } from "./resource-facts.js";
import { type DraftStatement, toStatements } from "./statements.js";
import type { NamedPolicy } from "./types.js";

const VPC_ACTIONS = [
  "ec2:CreateNetworkInterface",
  "ec2:CreateNetworkInterfacePermission",
  "ec2:DeleteNetworkInterface",
  "ec2:DeleteNetworkInterfacePermission",
  "ec2:DescribeDhcpOptions",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSubnets",
  "ec2:DescribeVpcs",
];

/** What a team's workloads may use at most, unless the spec narrows it. */
export const DEFAULT_TEAM_SERVICES = [
  "bedrock",
  "cloudwatch",
  "ecr",
  "kms",
  "lambda",
  "logs",
  "s3",
  "sagemaker",
  "secretsmanager",
];

export function boundaryName(ctx: GenerationContext, team: string): string {
  return `${ctx.spec.name}-${team}-boundary`;
}

/**
 * A team's permissions boundary (IAM User Guide, "Permissions boundaries"):
 * the services it may use; never another team's data or tagged resources;
 * new SageMaker resources only with its own tag; roles passed only if they
 * are its own; and never removing a boundary.
 */
export function teamBoundary(ctx: GenerationContext, team: string): NamedPolicy {
  const k = ctx.tagKey;
  const own = `\${aws:PrincipalTag/${k}}`;
  const t = ctx.spec.teams[team]!;
  const services = t.boundary?.services ?? DEFAULT_TEAM_SERVICES;
  const others = Object.entries(ctx.spec.resources).filter(
    ([, r]) => r.team !== undefined && r.team !== team,
  );
  const drafts: DraftStatement[] = [
    {
      sid: "TeamServices",
      effect: "Allow",
      // Jobs in a VPC need their network interfaces (SageMaker, "Give SageMaker access to resources in your VPC").
      actions: [...services.map((s) => `${s}:*`), "iam:PassRole", ...VPC_ACTIONS],
      resources: ["*"],
    },
  ];
  const otherData = others.flatMap(([name, r]) =>
    r.type === "s3-prefix" ? [fill("{objects}", ctx.facts.get(name)!)] : [],
  );
  if (otherData.length > 0) {
    drafts.push({
      sid: "NeverOtherTeamsData",
      effect: "Deny",
      actions: ["s3:*"],
      resources: otherData,
    });
  }
  drafts.push(
    {
      sid: "NeverOtherTeamsResources",
      effect: "Deny",
      actions: ["*"],
      resources: ["*"],
      conditions: {
        StringNotEquals: { [`aws:ResourceTag/${k}`]: own },
        Null: { [`aws:ResourceTag/${k}`]: "false" },
      },
    },
    {
      sid: "TagWhatYouCreate",
      effect: "Deny",
      actions: [
        "sagemaker:CreateEndpoint",
        "sagemaker:CreateEndpointConfig",
        "sagemaker:CreateModel",
        "sagemaker:CreateProcessingJob",
        "sagemaker:CreateTrainingJob",
        "sagemaker:CreateTransformJob",
      ],
      resources: ["*"],
      conditions: { StringNotEquals: { [`aws:RequestTag/${k}`]: own } },
    },
    {
      sid: "PassOnlyOwnRoles",
      effect: "Deny",
      actions: ["iam:PassRole"],
      resources: ["*"],
      conditions: { StringNotEquals: { [`iam:ResourceTag/${k}`]: own } },
    },
    {
      sid: "KeepBoundaries",
      effect: "Deny",
      actions: ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"],
      resources: ["*"],
    },
  );
  return {
    name: boundaryName(ctx, team),
    document: { Version: "2012-10-17", Statement: toStatements(drafts) },
  };
}
