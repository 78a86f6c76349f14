import { lintRows, policy, type Row } from "./lint-rows.js";

// Issue 9: sensitive actions that appear only in Deny statements raise nothing. A Deny with
// `Action: *` is a guardrail, not a finding, in every kind of policy. (Redundancy and typo
// rules may still speak of a Deny; they are not listed here.)
const RULES = [
  "aws/data-exfiltration",
  "aws/credentials-exposure",
  "aws/permissions-management",
  "aws/resource-exposure",
  "aws/star-action",
  "aws/star-resource",
  "aws/allow-with-not",
  "aws/passrole-without-service",
  "aws/unrestricted-inference",
  "aws/presigned-notebook-url",
  "aws/unconstrained-ml-jobs",
  "aws/sagemaker-admin",
  "aws/condition-could-narrow",
  "aws/resource-type-mismatch",
  "aws/public-principal",
  "aws/cross-account-principal",
];

const guardrails = policy(
  {
    Sid: "OutsideRegion",
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    Condition: { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } },
  },
  { Sid: "Everything", Effect: "Deny", Action: "*", Resource: "*" },
  {
    Sid: "Sensitive",
    Effect: "Deny",
    Action: [
      "iam:*",
      "sts:GetFederationToken",
      "s3:GetObject",
      "s3:PutBucketPolicy",
      "ec2:ModifySnapshotAttribute",
      "sagemaker:*",
      "bedrock:InvokeModel",
      "kms:CreateKey",
    ],
    Resource: "*",
  },
  { Sid: "EveryObject", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::*/*" },
  { Sid: "AllButS3", Effect: "Deny", NotAction: "s3:*", NotResource: "arn:aws:s3:::logs/*" },
);

const resourceGuardrails = policy(
  {
    Sid: "Tls",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  },
  { Sid: "Everyone", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: "*" },
  {
    Sid: "OtherAccount",
    Effect: "Deny",
    Principal: { AWS: "arn:aws:iam::999999999999:root" },
    Action: "s3:*",
    Resource: "*",
  },
);

const rows: Row[] = [
  ...(["identity", "session", "boundary", "scp"] as const).map((type) => ({
    given: `Deny guardrails in a ${type} policy`,
    type,
    policy: guardrails,
    findings: [],
  })),
  {
    given: "Deny guardrails in a bucket policy",
    type: "resource",
    policy: resourceGuardrails,
    findings: [],
  },
];

lintRows(RULES, rows);
