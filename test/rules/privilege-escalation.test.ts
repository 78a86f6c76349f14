import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESCALATION_PATHS } from "../../src/clouds/aws/rules/support/escalation-paths.js";
import { lintRows, policy } from "./lint-rows.js";

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
