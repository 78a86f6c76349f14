import { describe, expect, it } from "vitest";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { documentsOf, lintRows, policy } from "./lint-rows.js";

// IAM User Guide, "Cross-account policy evaluation logic"; IAM Access Analyzer reports these
// grants as external access.
const XA = "aws/cross-account-principal";
const trust = (aws: unknown, extra: object = {}) =>
  policy({ Effect: "Allow", Principal: { AWS: aws }, Action: "sts:AssumeRole", ...extra });
const queue = (aws: unknown) =>
  policy({
    Effect: "Allow",
    Principal: { AWS: aws },
    Action: "sqs:SendMessage",
    Resource: "arn:aws:sqs:us-east-1:111122223333:training-jobs",
  });

lintRows(
  [XA],
  [
    {
      given: "a trust policy for another account's root (no account of its own is known)",
      type: "trust",
      policy: trust("arn:aws:iam::444455556666:root"),
      findings: [[XA, 7, 16, "grants account `444455556666` access: cross-account unless"]],
    },
    {
      given: "a queue policy for a role of its own account",
      type: "resource",
      policy: queue("arn:aws:iam::111122223333:role/train"),
      findings: [],
    },
    {
      given: "a queue policy for its own account and, as an ID, another",
      type: "resource",
      policy: queue(["arn:aws:iam::111122223333:role/train", "444455556666"]),
      findings: [
        [
          XA,
          9,
          11,
          "account `444455556666` is outside the accounts this policy trusts (`111122223333`)",
        ],
      ],
    },
    {
      given: "another account limited to the organization by aws:PrincipalOrgID",
      type: "trust",
      policy: trust("arn:aws:iam::444455556666:root", {
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      }),
      findings: [],
    },
    {
      given: "an assumed-role session ARN of another account, and `*` (public-principal's)",
      type: "trust",
      policy: trust(["arn:aws:sts::444455556666:assumed-role/ci/run", "*"]),
      findings: [[XA, 8, 11, "`444455556666`"]],
    },
    {
      given: "an identity policy (only resource and trust policies name principals)",
      policy: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
      findings: [],
    },
  ],
);

describe("aws/cross-account-principal with trustedAccounts", () => {
  it("does not report an account the lint config trusts", () => {
    const docs = documentsOf({
      given: "",
      type: "trust",
      policy: trust("444455556666"),
      findings: [],
    });
    const ids = (trusted: string[]) =>
      lintAws(docs, { trustedAccounts: trusted })
        .filter((f) => f.ruleId === XA)
        .map((f) => f.message);
    expect(ids([])).toHaveLength(1);
    expect(ids(["444455556666"])).toEqual([]);
  });
});
