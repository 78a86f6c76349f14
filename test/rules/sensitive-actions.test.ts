import { lintRows, policy } from "./lint-rows.js";

const DX = "aws/data-exfiltration";
const CE = "aws/credentials-exposure";
const PM = "aws/permissions-management";
const RE = "aws/resource-exposure";

lintRows(
  [DX, CE, PM, RE],
  [
    {
      given: "`s3:GetObject` and `secretsmanager:GetSecretValue` on every resource",
      policy: policy({
        Effect: "Allow",
        Action: ["s3:GetObject", "secretsmanager:GetSecretValue"],
        Resource: "*",
      }),
      findings: [
        [DX, 4, 5, "unrestricted `s3:GetObject`, `secretsmanager:GetSecretValue` on every"],
      ],
    },
    {
      given: "more than four sensitive reads through wildcards",
      policy: policy({
        Effect: "Allow",
        Action: ["s3:Get*", "ssm:GetParameter*", "kms:Decrypt"],
        Resource: "*",
      }),
      findings: [[DX, 4, 5, "and 2 more on every resource"]],
    },
    {
      // Issue 9: a pattern that matches everything of its type is `*`.
      given: "`s3:GetObject` on every object (`arn:aws:s3:::*/*`)",
      policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }),
      findings: [[DX, 4, 5, "`s3:GetObject`"]],
    },
    {
      given: "`secretsmanager:GetSecretValue` on every secret",
      policy: policy({
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: "arn:aws:secretsmanager:*:*:secret:*",
      }),
      findings: [[DX, 4, 5, "`secretsmanager:GetSecretValue`"]],
    },
    {
      given:
        "`s3:GetObject` and `s3:PutBucketPolicy` on every object: the bucket action takes no object",
      policy: policy({
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutBucketPolicy"],
        Resource: "arn:aws:s3:::*/*",
      }),
      findings: [[DX, 4, 5, "`s3:GetObject`"]],
    },
    {
      given: "`s3:GetObject` on one bucket",
      policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
      findings: [],
    },
    {
      given: "`s3:GetObject` on every resource with a condition",
      policy: policy({
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "*",
        Condition: { StringEquals: { "s3:ResourceAccount": "123456789012" } },
      }),
      findings: [],
    },
    {
      given: "`s3:GetObject` with NotResource (every other resource)",
      policy: policy({
        Effect: "Allow",
        Action: "s3:GetObject",
        NotResource: "arn:aws:s3:::secret/*",
      }),
      findings: [[DX, 4, 5, "`s3:GetObject`"]],
    },
    {
      given: "`sts:GetFederationToken` on every resource",
      policy: policy({ Effect: "Allow", Action: "sts:GetFederationToken", Resource: "*" }),
      findings: [[CE, 4, 5, "`sts:GetFederationToken`"]],
    },
    {
      given: "`iam:CreateAccessKey` on the caller's own user",
      policy: policy({
        Effect: "Allow",
        Action: "iam:CreateAccessKey",
        Resource: "arn:aws:iam::*:user/${aws:username}",
      }),
      findings: [],
    },
    {
      // Was aws/permissions-management: a bucket policy exposes the bucket, as cloudsplaining's
      // "Resource Exposure" and the issue class it (issue 9).
      given: "`s3:PutBucketPolicy` on every resource",
      policy: policy({ Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "*" }),
      findings: [[RE, 4, 5, "`s3:PutBucketPolicy`"]],
    },
    {
      given:
        "`ec2:GetPasswordData`, `redshift-serverless:GetCredentials` and `sso:GetRoleCredentials` on every resource",
      policy: policy({
        Effect: "Allow",
        Action: [
          "ec2:GetPasswordData",
          "redshift-serverless:GetCredentials",
          "sso:GetRoleCredentials",
        ],
        Resource: "*",
      }),
      findings: [
        [
          CE,
          4,
          5,
          "`ec2:GetPasswordData`, `redshift-serverless:GetCredentials`, `sso:GetRoleCredentials` on every resource",
        ],
      ],
    },
    {
      given: "`ec2:GetPasswordData` on one instance",
      policy: policy({
        Effect: "Allow",
        Action: "ec2:GetPasswordData",
        Resource: "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0",
      }),
      findings: [],
    },
    {
      given: "snapshot and AMI sharing on every resource",
      policy: policy({
        Effect: "Allow",
        Action: [
          "ec2:ModifySnapshotAttribute",
          "ec2:ModifyImageAttribute",
          "rds:ModifyDBSnapshotAttribute",
          "rds:ModifyDBClusterSnapshotAttribute",
          "redshift:AuthorizeSnapshotAccess",
        ],
        Resource: "*",
      }),
      findings: [
        [
          RE,
          4,
          5,
          "`ec2:ModifyImageAttribute`, `ec2:ModifySnapshotAttribute`, `rds:ModifyDBClusterSnapshotAttribute`, `rds:ModifyDBSnapshotAttribute` and 1 more on every resource",
        ],
      ],
    },
    {
      given: "RAM shares, a Glue resource policy and vault access policies on every resource",
      policy: policy({
        Effect: "Allow",
        Action: [
          "ram:AssociateResourceShare",
          "ram:CreateResourceShare",
          "glue:PutResourcePolicy",
          "glacier:SetVaultAccessPolicy",
          "backup:PutBackupVaultAccessPolicy",
        ],
        Resource: "*",
      }),
      findings: [
        [
          RE,
          4,
          5,
          "`backup:PutBackupVaultAccessPolicy`, `glacier:SetVaultAccessPolicy`, `glue:PutResourcePolicy`, `ram:AssociateResourceShare` and 1 more",
        ],
      ],
    },
    {
      given: "sharing the snapshots of one volume's tag (a condition narrows it)",
      policy: policy({
        Effect: "Allow",
        Action: "ec2:ModifySnapshotAttribute",
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceTag/team": "ml" } },
      }),
      findings: [],
    },
    {
      given: "`s3:PutBucketPolicy` on every bucket (`arn:aws:s3:::*`)",
      policy: policy({ Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "arn:aws:s3:::*" }),
      findings: [[RE, 4, 5, "`s3:PutBucketPolicy`"]],
    },
    {
      given: "`iam:AttachRolePolicy` on one role",
      policy: policy({
        Effect: "Allow",
        Action: "iam:AttachRolePolicy",
        Resource: "arn:aws:iam::123456789012:role/app",
      }),
      findings: [],
    },
    {
      given: "`iam:*` on every resource (two categories at one statement)",
      policy: policy({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
      findings: [
        [CE, 4, 5, "`iam:CreateAccessKey`"],
        [PM, 4, 5, "`iam:AttachGroupPolicy`"],
      ],
    },
    {
      given: "a Deny of sensitive actions",
      policy: policy({ Effect: "Deny", Action: ["s3:GetObject", "iam:*"], Resource: "*" }),
      findings: [],
    },
    {
      given: "a session policy (checked like an identity policy)",
      type: "session",
      policy: policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }),
      findings: [[DX, 4, 5, "`kms:Decrypt`"]],
    },
    {
      given: "a permissions boundary (not checked: it grants nothing)",
      type: "boundary",
      policy: policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }),
      findings: [],
    },
  ],
);
