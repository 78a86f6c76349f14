import { lintRows, policy } from "./lint-rows.js";

// Policy evaluation logic: any matching Allow allows, any matching Deny denies, and the
// conditions of one statement add up with AND (IAM User Guide, "Policy evaluation logic",
// "Condition element").
const RS = "aws/redundant-statement";
const read = { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::ml-datasets/*" };
const readFraud = {
  Effect: "Allow",
  Action: "s3:GetObject",
  Resource: "arn:aws:s3:::ml-datasets/fraud/*",
};
const tls = { Bool: { "aws:SecureTransport": "true" } };

// Layout: statement 0's `{` is at line 4; a statement of Effect, Action and Resource takes
// five lines, so the next one opens at line 9 (column 5).
lintRows(
  [RS],
  [
    {
      given: "a narrower Allow after a broader one",
      policy: policy(read, readFraud),
      findings: [
        [
          RS,
          9,
          5,
          "statement #1 allows nothing that statement #0 does not already allow | remove it",
        ],
      ],
    },
    {
      given: "a narrower Allow before a broader one",
      policy: policy(readFraud, read),
      findings: [
        [RS, 4, 5, "statement #0 allows nothing that statement #1 does not already allow"],
      ],
    },
    {
      given: "the same statement twice: the later one",
      policy: policy(read, read),
      findings: [[RS, 9, 5, "statement #1 allows nothing that statement #0"]],
    },
    {
      given: "the same statement three times: both repeats, each by the first",
      policy: policy(read, read, read),
      findings: [
        [RS, 9, 5, "#1 allows nothing that statement #0"],
        [RS, 14, 5, "#2 allows nothing that statement #0"],
      ],
    },
    {
      given: "statements named by Sid",
      policy: policy({ Sid: "Read", ...read }, { Sid: "ReadFraud", ...readFraud }),
      findings: [[RS, 10, 5, "statement ReadFraud allows nothing that statement Read"]],
    },
    {
      given: "a narrower Allow with a condition the broader lacks (stricter still)",
      policy: policy(read, { ...readFraud, Condition: tls }),
      findings: [[RS, 9, 5]],
    },
    {
      given: "a broader Allow with a condition the narrower lacks: both grant something",
      policy: policy({ ...read, Condition: tls }, readFraud),
      findings: [],
    },
    {
      given: "the same condition on both",
      policy: policy({ ...read, Condition: tls }, { ...readFraud, Condition: tls }),
      findings: [[RS, 14, 5]],
    },
    {
      given: "the same key with other values",
      policy: policy(
        { ...read, Condition: { StringEquals: { "aws:PrincipalTag/team": "fraud" } } },
        { ...readFraud, Condition: { StringEquals: { "aws:PrincipalTag/team": "churn" } } },
      ),
      findings: [],
    },
    {
      given: "actions compared case-insensitively",
      policy: policy(read, { ...readFraud, Action: "S3:GETOBJECT" }),
      findings: [[RS, 9, 5]],
    },
    {
      given: "resources compared case-sensitively",
      policy: policy(read, { ...readFraud, Resource: "arn:aws:s3:::ML-datasets/fraud/x" }),
      findings: [],
    },
    {
      given: "a statement on a policy variable beside a wildcard that spells its name",
      policy: policy(
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/*username*" },
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::home/${aws:username}/*",
        },
      ),
      findings: [],
    },
    {
      given: "an action the broader statement lacks",
      policy: policy(read, { ...readFraud, Action: ["s3:GetObject", "s3:PutObject"] }),
      findings: [],
    },
    {
      given: "a resource the broader statement lacks",
      policy: policy(read, {
        ...readFraud,
        Resource: ["arn:aws:s3:::ml-datasets/fraud/*", "arn:aws:s3:::models/*"],
      }),
      findings: [],
    },
    {
      given: "a Deny covered by a broader Deny",
      policy: policy(
        { Effect: "Deny", Action: "s3:Delete*", Resource: "*" },
        { Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::models/*" },
      ),
      findings: [[RS, 9, 5, "statement #1 denies nothing that statement #0 does not already deny"]],
    },
    {
      given: "an Allow covered by a Deny (other effects)",
      policy: policy({ ...read, Effect: "Deny" }, readFraud),
      findings: [],
    },
    {
      given: "NotAction or NotResource statements (not compared)",
      policy: policy(
        { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
        { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" },
        readFraud,
      ),
      findings: [],
    },
    {
      given: "resource policy statements for other principals",
      type: "resource",
      policy: policy(
        { ...read, Principal: { AWS: "arn:aws:iam::111122223333:role/train" } },
        { ...readFraud, Principal: { AWS: "arn:aws:iam::111122223333:role/serve" } },
      ),
      findings: [],
    },
    {
      given: "resource policy statements for the same principal",
      type: "resource",
      policy: policy(
        { ...read, Principal: { AWS: "arn:aws:iam::111122223333:role/train" } },
        { ...readFraud, Principal: { AWS: "arn:aws:iam::111122223333:role/train" } },
      ),
      findings: [[RS, 12, 5]],
    },
    {
      given: "a trust policy with the same statement twice (no Resource in either)",
      type: "trust",
      policy: policy(
        {
          Effect: "Allow",
          Principal: { Service: "sagemaker.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
        {
          Effect: "Allow",
          Principal: { Service: "sagemaker.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ),
      findings: [[RS, 11, 5]],
    },
  ],
);
