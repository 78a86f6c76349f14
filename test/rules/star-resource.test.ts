import { lintRows, policy } from "./lint-rows.js";

lintRows(
  ["aws/star-resource"],
  [
    {
      given: "an action that takes an ARN on Resource *",
      policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
      findings: [
        ["aws/star-resource", 7, 19, "1 action that takes resource ARNs (`s3:GetObject`)"],
      ],
    },
    {
      given: "`ecr:GetAuthorizationToken`, which accepts only Resource *",
      policy: policy({ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" }),
      findings: [],
    },
    {
      given:
        "only wildcard-only actions (`ecr:GetAuthorizationToken`, `sts:GetCallerIdentity`, `s3:ListAllMyBuckets`)",
      policy: policy({
        Effect: "Allow",
        Action: ["ecr:GetAuthorizationToken", "sts:GetCallerIdentity", "s3:ListAllMyBuckets"],
        Resource: "*",
      }),
      findings: [],
    },
    {
      given: "wildcard-only and ARN actions mixed, `*` second in the Resource list",
      policy: policy({
        Effect: "Allow",
        Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "s3:GetObject", "s3:PutObject"],
        Resource: ["arn:aws:s3:::b/*", "*"],
      }),
      findings: [
        [
          "aws/star-resource",
          14,
          9,
          "3 actions that take resource ARNs (`ecr:BatchGetImage`, `s3:GetObject`, `s3:PutObject`)",
        ],
      ],
    },
    {
      given: "more than three ARN actions",
      policy: policy({ Effect: "Allow", Action: "s3:Put*", Resource: "*" }),
      findings: [["aws/star-resource", 7, 19, ", ...)"]],
    },
    {
      given: 'Action "*" (aws/star-action reports it)',
      policy: policy({ Effect: "Allow", Action: "*", Resource: "*" }),
      findings: [],
    },
    {
      given: "a NotAction on Resource * (aws/allow-with-not reports it)",
      policy: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
      findings: [],
    },
    {
      // Issue 9: a pattern that matches everything of its type is `*`.
      given: "every object (`arn:aws:s3:::*/*`) for `s3:GetObject`",
      policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }),
      findings: [
        ["aws/star-resource", 7, 19, "`arn:aws:s3:::*/*` names every resource of its type"],
      ],
    },
    {
      given: "every repository of every account (`arn:*:ecr:*:*:repository/*`)",
      policy: policy({
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:GetAuthorizationToken"],
        Resource: [
          "arn:aws:ecr:us-east-1:123456789012:repository/app",
          "arn:*:ecr:*:*:repository/*",
        ],
      }),
      findings: [
        ["aws/star-resource", 12, 9, "on 1 action that takes resource ARNs (`ecr:BatchGetImage`)"],
      ],
    },
    {
      given: "one bucket's objects, and one role in every account",
      policy: policy(
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" },
        { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::*:role/NAME" },
      ),
      findings: [],
    },
    {
      given: "named resources",
      policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
      findings: [],
    },
    {
      given: "a Deny on Resource *",
      policy: policy({ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }),
      findings: [],
    },
    {
      // A boundary is a ceiling, broad by design: the identity policies under it are what grant.
      given: "a permissions boundary (not checked: boundaries are ceilings)",
      type: "boundary",
      policy: policy({ Effect: "Allow", Action: "sagemaker:InvokeEndpoint", Resource: "*" }),
      findings: [],
    },
    {
      given: "an action on Resource * narrowed by a condition, as the rule's help suggests",
      policy: policy({
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "*",
        Condition: { StringEquals: { "s3:ResourceAccount": "123456789012" } },
      }),
      findings: [],
    },
  ],
);
