import { lintRows, policy } from "./lint-rows.js";

// Issue 9: element errors are `invalid` findings (aws/policy-syntax) at the value. Errors (what
// AWS rejects when the policy is saved) keep the policy from the other rules; warnings (parts
// that never match) leave it to them. docs/semantics/aws.md, "Element checks when a policy is read".
const PS = "aws/policy-syntax";
const SR = "aws/star-resource";
const UI = "aws/unrestricted-inference";

lintRows(
  [PS, SR, UI],
  [
    {
      given: "a Sid with a hyphen in an identity policy (AWS rejects it; no other rule reads it)",
      policy: policy({ Sid: "read-data", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
      findings: [
        [PS, 5, 14, "`Sid` `read-data` has characters other than ASCII letters and digits"],
      ],
    },
    {
      given: "a Date operator with a word (never matches; the other rules still read the policy)",
      policy: policy({
        Effect: "Allow",
        Action: "sagemaker:InvokeEndpoint",
        Resource: "*",
        Condition: { DateLessThan: { "aws:CurrentTime": "tomorrow" } },
      }),
      findings: [
        [UI, 4, 5, "`sagemaker:InvokeEndpoint` on every endpoint or model"],
        [PS, 10, 30, "`tomorrow` is not a date"],
      ],
    },
    {
      given: "a Date operator with a date",
      policy: policy({
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "*",
        Condition: { DateLessThan: { "aws:CurrentTime": "2026-12-31T00:00:00Z" } },
      }),
      findings: [],
    },
    {
      given: "the same Sid twice",
      policy: policy(
        { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        { Sid: "Read", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" },
      ),
      findings: [[PS, 11, 14, "`Sid` `Read` is used by another statement of the policy (line 5)"]],
    },
  ],
);
