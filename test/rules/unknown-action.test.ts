import { lintRows, policy } from "./lint-rows.js";

const UA = "aws/unknown-action";
const allow = (action: string | string[]) =>
  policy({ Effect: "Allow", Action: action, Resource: "*" });

lintRows(
  [UA],
  [
    {
      given: "a misspelt action",
      policy: allow("s3:GetObjekt"),
      findings: [[UA, 6, 17, "`s3` has no action `GetObjekt` | did you mean `s3:GetObject`?"]],
    },
    {
      given: "a misspelt service",
      policy: allow("sagemkr:CreateTrainingJob"),
      findings: [
        [
          UA,
          6,
          17,
          "unknown service `sagemkr` in `sagemkr:CreateTrainingJob` | did you mean `sagemaker:CreateTrainingJob`?",
        ],
      ],
    },
    {
      given: "several unknown names in a list",
      policy: allow(["s3:GetObject", "s4:GetObject", "zzzzzzzz:Foo", "iam:PasRole"]),
      findings: [
        [UA, 8, 9, "did you mean `s3:GetObject`?"],
        [UA, 9, 9, "check the service prefix in the Service Authorization Reference"],
        [UA, 10, 9, "did you mean `iam:PassRole`?"],
      ],
    },
    {
      given:
        "an unknown service whose nearest prefixes have no such action (it proposed `fis:bar`)",
      policy: allow("foo:bar"),
      findings: [
        [
          UA,
          6,
          17,
          "unknown service `foo` in `foo:bar` | check the service prefix in the Service Authorization Reference",
        ],
      ],
    },
    {
      given: "a misspelt service and a misspelt action: the suggestion is an action that exists",
      policy: allow("sagemkr:CreateTrainingJobb"),
      findings: [[UA, 6, 17, "did you mean `sagemaker:CreateTrainingJob`?"]],
    },
    {
      given: "a name far from every action",
      policy: allow("s3:Xyzzyplugh"),
      findings: [[UA, 6, 17, "`s3` has no action `Xyzzyplugh` | see the actions of"]],
    },
    {
      given: "an unknown action in NotAction",
      policy: policy({ Effect: "Allow", NotAction: "iam:DeleteEverything", Resource: "*" }),
      findings: [[UA, 6, 20, "`iam` has no action `DeleteEverything`"]],
    },
    {
      given: "an unknown action in a Deny",
      policy: policy({ Effect: "Deny", Action: "s3:DeleteBuckett", Resource: "*" }),
      findings: [[UA, 6, 17, "did you mean `s3:DeleteBucket`?"]],
    },
    {
      given: "known actions in another case",
      policy: allow(["S3:getobject", "IAM:PASSROLE"]),
      findings: [],
    },
    {
      given: "a wildcard that matches nothing (aws/wildcard-matches-nothing reports it)",
      policy: allow("s3:Get*Objekt"),
      findings: [],
    },
  ],
);
