import { lintRows, policy } from "./lint-rows.js";

const CK = "aws/condition-key-not-for-action";
const statement = (Action: unknown, Condition: object, Effect = "Allow") =>
  policy({ Effect, Action, Resource: "arn:aws:s3:::reports/*", Condition });

lintRows(
  [CK],
  [
    {
      given: "`s3:prefix` on `s3:GetObject` (only listing sends a prefix)",
      policy: statement("s3:GetObject", { StringLike: { "s3:prefix": "home/*" } }),
      findings: [
        [
          CK,
          10,
          11,
          "no action of the statement supports `s3:prefix` (`s3:GetObject`): the `StringLike` condition is never true | `s3:prefix` is sent with `s3:ListBucket`",
        ],
      ],
    },
    {
      given: "`s3:prefix` on `s3:ListBucket`",
      policy: statement("s3:ListBucket", { StringLike: { "s3:prefix": "home/*" } }),
      findings: [],
    },
    {
      given: "one of the statement's actions supports the key",
      policy: statement(["s3:GetObject", "s3:ListBucket"], {
        StringLike: { "s3:prefix": "home/*" },
      }),
      findings: [],
    },
    {
      given: "a negated operator: the condition is then always true",
      policy: statement("s3:GetObject", { StringNotLike: { "s3:prefix": "private/*" } }),
      findings: [[CK, 10, 11, "the `StringNotLike` condition is always true"]],
    },
    {
      given: "`...IfExists`: always true when the key is absent",
      policy: statement("s3:GetObject", { StringLikeIfExists: { "s3:prefix": "home/*" } }),
      findings: [[CK, 10, 11, "is always true"]],
    },
    {
      given: "a Deny: the condition never holds, so the Deny never applies",
      policy: statement("s3:GetObject", { StringLike: { "s3:prefix": "home/*" } }, "Deny"),
      findings: [[CK, 10, 11, "never true"]],
    },
    {
      given: "a pattern one of whose actions supports the key (`s3:List*`)",
      policy: statement("s3:List*", { StringLike: { "s3:prefix": "home/*" } }),
      findings: [],
    },
    {
      given: "a pattern none of whose actions supports the key (`s3:Put*` and `s3:prefix`)",
      policy: statement("s3:Put*", { StringLike: { "s3:prefix": "home/*" } }),
      findings: [[CK, 10, 11, "(`s3:Put*`)"]],
    },
    {
      given: 'Action "*" (every action, some support the key)',
      policy: statement("*", { StringLike: { "s3:prefix": "home/*" } }),
      findings: [],
    },
    {
      given: "NotAction (not checked)",
      policy: policy({
        Effect: "Allow",
        NotAction: "iam:*",
        Resource: "*",
        Condition: { StringLike: { "s3:prefix": "home/*" } },
      }),
      findings: [],
    },
    {
      given: "a key of a resource type the action takes (`s3:ExistingObjectTag/<key>`)",
      policy: statement("s3:GetObject", { StringEquals: { "s3:ExistingObjectTag/team": "ml" } }),
      findings: [],
    },
    {
      given:
        "a key of the action's resource type in EC2 (`ec2:InstanceType` on `ec2:RunInstances`)",
      policy: statement("ec2:RunInstances", { StringEquals: { "ec2:InstanceType": "t3.micro" } }),
      findings: [],
    },
    {
      given: "`iam:PassedToService` on `iam:CreateRole` (only `iam:PassRole` sends it)",
      policy: statement("iam:CreateRole", {
        StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" },
      }),
      findings: [[CK, 10, 11, "`iam:PassedToService` is sent with `iam:PassRole`"]],
    },
    {
      given: "`iam:PassedToService` on `iam:PassRole`",
      policy: statement("iam:PassRole", {
        StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" },
      }),
      findings: [],
    },
    {
      given: "global keys: `aws:` ones and `ec2:SourceInstanceArn`, which every request may carry",
      policy: statement("s3:GetObject", {
        StringEquals: {
          "aws:SourceVpce": "vpce-1a2b3c4d",
          "ec2:SourceInstanceArn": "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc",
        },
      }),
      findings: [],
    },
    {
      given: "a key another service defines, used with an S3 action (`kms:ViaService`)",
      policy: statement("s3:GetObject", {
        StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
      }),
      findings: [[CK, 10, 11, "`kms:ViaService`"]],
    },
    {
      given: "an unknown key (aws/unknown-condition-key reports it)",
      policy: statement("s3:GetObject", { StringEquals: { "s3:prefx": "home/" } }),
      findings: [],
    },
    {
      given: "a web identity key",
      policy: statement("s3:GetObject", {
        StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:x" },
      }),
      findings: [],
    },
    {
      given: "`Null` with `true`: the key is absent, so the condition always holds",
      policy: statement("s3:GetObject", { Null: { "s3:prefix": "true" } }),
      findings: [[CK, 10, 11, "the `Null` condition is always true"]],
    },
    {
      given: "`ForAllValues:` is true when the key is absent",
      policy: statement("s3:GetObject", {
        "ForAllValues:StringEquals": { "s3:prefix": ["a", "b"] },
      }),
      findings: [[CK, 10, 11, "always true"]],
    },
  ],
);
