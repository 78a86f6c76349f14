import { lintRows, policy } from "./lint-rows.js";

const PP = "aws/public-principal";
const getObject = { Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

lintRows(
  [PP],
  [
    {
      given: 'a bucket policy with `Principal: "*"` and no condition',
      type: "resource",
      policy: policy({ Effect: "Allow", Principal: "*", ...getObject }),
      findings: [[PP, 6, 20, "every AWS account and anonymous callers"]],
    },
    {
      given: '`Principal: {"AWS": "*"}` and no condition',
      type: "resource",
      policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, ...getObject }),
      findings: [[PP, 6, 20]],
    },
    {
      given: '`"*"` among named accounts',
      type: "resource",
      policy: policy({
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"] },
        ...getObject,
      }),
      findings: [[PP, 6, 20]],
    },
    {
      given: 'Principal "*" with an `aws:PrincipalOrgID` condition',
      type: "resource",
      policy: policy({
        Effect: "Allow",
        Principal: "*",
        ...getObject,
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
      }),
      findings: [],
    },
    {
      given: "a trust policy that trusts everyone",
      type: "trust",
      policy: policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }),
      findings: [[PP, 6, 20]],
    },
    {
      given: "a Deny for everyone (the usual TLS-only guard)",
      type: "resource",
      policy: policy({
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: "arn:aws:s3:::b/*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
      findings: [],
    },
    {
      given: "a named account",
      type: "resource",
      policy: policy({
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        ...getObject,
      }),
      findings: [],
    },
  ],
);
