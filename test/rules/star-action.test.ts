import { lintRows, policy } from "./lint-rows.js";

lintRows(
  ["aws/star-action"],
  [
    {
      // On `"Resource": "*"` it is full admin, and aws/full-admin reports it (full-admin.test.ts).
      given: 'an Allow of "*" on one bucket\'s objects',
      policy: policy({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" }),
      findings: [["aws/star-action", 6, 17, "every action of every service"]],
    },
    {
      given: "an Allow of a whole service among other actions",
      policy: policy({ Effect: "Allow", Action: ["s3:GetObject", "iam:*"], Resource: "*" }),
      findings: [["aws/star-action", 8, 9, "every action of `iam`"]],
    },
    {
      given: "a whole service written in upper case",
      policy: policy({ Effect: "Allow", Action: "S3:*", Resource: "arn:aws:s3:::b/*" }),
      findings: [["aws/star-action", 6, 17, "every action of `S3`"]],
    },
    {
      given: "a partial wildcard (`iam:Pass*`)",
      policy: policy({ Effect: "Allow", Action: "iam:Pass*", Resource: "*" }),
      findings: [],
    },
    {
      given: "a Deny of every action",
      policy: policy({ Effect: "Deny", Action: "*", Resource: "*" }),
      findings: [],
    },
    {
      given: "a NotAction (aws/allow-with-not reports it, not this rule)",
      policy: policy({ Effect: "Allow", NotAction: "s3:*", Resource: "*" }),
      findings: [],
    },
    {
      given: "a bucket policy that grants `s3:*` to an account",
      type: "resource",
      policy: policy({
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "s3:*",
        Resource: "arn:aws:s3:::b/*",
      }),
      findings: [["aws/star-action", 9, 17, "every action of `s3`"]],
    },
    {
      given: "a trust policy with `sts:*` (trust policies are not checked)",
      type: "trust",
      policy: policy({
        Effect: "Allow",
        Principal: { Service: "ec2.amazonaws.com" },
        Action: "sts:*",
      }),
      findings: [],
    },
  ],
);
