import { lintRows, policy } from "./lint-rows.js";

lintRows(
  ["aws/allow-with-not"],
  [
    {
      given: "an Allow with NotAction",
      policy: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
      findings: [["aws/allow-with-not", 6, 20, "Allow with `NotAction` grants"]],
    },
    {
      given: "an Allow with a NotAction list (points at its first item)",
      policy: policy({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }),
      findings: [["aws/allow-with-not", 7, 9, "every action AWS adds later"]],
    },
    {
      given: "an Allow with NotResource",
      policy: policy({
        Effect: "Allow",
        Action: "s3:GetObject",
        NotResource: "arn:aws:s3:::secret/*",
      }),
      findings: [["aws/allow-with-not", 7, 22, "Allow with `NotResource`"]],
    },
    {
      given: "an Allow with both NotAction and NotResource",
      policy: policy({ Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::secret/*" }),
      findings: [
        ["aws/allow-with-not", 6, 20, "`NotAction`"],
        ["aws/allow-with-not", 7, 22, "`NotResource`"],
      ],
    },
    {
      given: "a Deny with NotAction (the usual guard-rail pattern)",
      policy: policy({
        Effect: "Deny",
        NotAction: ["iam:*", "sts:*"],
        Resource: "*",
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
      }),
      findings: [],
    },
    {
      given: "an Allow with Action and Resource",
      policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
      findings: [],
    },
  ],
);
