import { lintRows, policy } from "./lint-rows.js";

// A pattern of roles: one of them may be more powerful than the service needs.
const ROLE = "arn:aws:iam::123456789012:role/ml-*";

lintRows(
  ["aws/passrole-without-service"],
  [
    {
      given: "`iam:PassRole` on every role with no condition",
      policy: policy({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
      findings: [
        ["aws/passrole-without-service", 4, 5, "`iam:PassRole` on every role to any service"],
      ],
    },
    {
      given: "`iam:Pass*` on a pattern of roles",
      policy: policy({ Effect: "Allow", Action: "iam:Pass*", Resource: ROLE }),
      findings: [["aws/passrole-without-service", 4, 5, "allows `iam:PassRole` to any service"]],
    },
    {
      given: "`iam:PassRole` on `role/*` of one account",
      policy: policy({
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: "arn:aws:iam::123456789012:role/*",
      }),
      findings: [["aws/passrole-without-service", 4, 5]],
    },
    {
      // Issue 9: a role is passed only inside its own account, so a name written out is one
      // role even with `*` as the account; passing it reaches only what that role can do.
      given: "`iam:PassRole` on named roles only (`*` account, a path)",
      policy: policy(
        { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::*:role/train" },
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: "arn:aws:iam::123456789012:role/path/train",
        },
      ),
      findings: [],
    },
    {
      given: "a NotAction that leaves `iam:PassRole`",
      policy: policy({ Effect: "Allow", NotAction: ["iam:*User*", "iam:*Group*"], Resource: ROLE }),
      findings: [["aws/passrole-without-service", 4, 5]],
    },
    {
      given: "a NotAction that excludes all of IAM",
      policy: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
      findings: [],
    },
    {
      given: "`iam:*`",
      policy: policy({ Effect: "Allow", Action: "iam:*", Resource: ROLE }),
      findings: [["aws/passrole-without-service", 4, 5]],
    },
    {
      given: "`iam:PassRole` limited by `iam:PassedToService`",
      policy: policy({
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: ROLE,
        Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
      }),
      findings: [],
    },
    {
      // IAM User Guide, condition operators: these leave every service (but one) open.
      given: "`iam:PassedToService` under `StringNotEquals`, or `StringLike` `*`",
      policy: policy(
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: ROLE,
          Condition: { StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
        },
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: ROLE,
          Condition: { StringLike: { "iam:PassedToService": "*" } },
        },
      ),
      findings: [
        ["aws/passrole-without-service", 4, 5],
        ["aws/passrole-without-service", 14, 5],
      ],
    },
    {
      given: "the condition key written in another case",
      policy: policy({
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: ROLE,
        Condition: { StringEquals: { "IAM:passedtoservice": "sagemaker.amazonaws.com" } },
      }),
      findings: [],
    },
    {
      given: "a Deny of `iam:PassRole`",
      policy: policy({ Effect: "Deny", Action: "iam:PassRole", Resource: "*" }),
      findings: [],
    },
    {
      // A boundary is a ceiling, broad by design: the identity policies under it are what grant.
      given:
        "a permissions boundary that allows `iam:PassRole` (not checked: boundaries are ceilings)",
      type: "boundary",
      policy: policy({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
      findings: [],
    },
  ],
);

// IAM User Guide, "Using service-linked roles": such a role trusts only its own service.
lintRows(
  ["aws/passrole-without-service"],
  [
    {
      given: "`iam:PassRole` of service-linked roles only",
      policy: policy({
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: "arn:aws:iam::*:role/aws-service-role/*",
      }),
      findings: [],
    },
    {
      given: "`iam:PassRole` of service-linked roles and a pattern of other roles",
      policy: policy({
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: ["arn:aws:iam::*:role/aws-service-role/*", ROLE],
      }),
      findings: [["aws/passrole-without-service", 4, 5]],
    },
    {
      given: "`iam:PassRole` of service-linked roles and one named role",
      policy: policy({
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: ["arn:aws:iam::*:role/aws-service-role/*", "arn:aws:iam::*:role/train"],
      }),
      findings: [],
    },
  ],
);
