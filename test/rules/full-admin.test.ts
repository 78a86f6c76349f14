import { describe, expect, it } from "vitest";
import { AWS_RULES } from "../../src/clouds/aws/rules/index.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { documentsOf, lintRows, policy } from "./lint-rows.js";

const FA = "aws/full-admin";
const PE = "aws/privilege-escalation";
/** Every rule: a full-admin statement must leave one finding of any rule, not one per rule. */
const ALL = Object.keys(AWS_RULES);
const admin = { Effect: "Allow", Action: "*", Resource: "*" };

lintRows(ALL, [
  {
    given: '`"Action": "*"` on `"Resource": "*"` (every other rule folded into it)',
    policy: policy(admin),
    findings: [[FA, 4, 5, "the statement grants full admin: every action on every resource"]],
  },
  {
    given: "the same for a named principal of an account export",
    docs: [{ principal: "role/ops", policy: policy(admin) }],
    findings: [[FA, 4, 5, "grants full admin"]],
  },
  {
    given: '`"Action": ["*"]` under an MFA condition',
    policy: policy({
      ...admin,
      Action: ["*"],
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    }),
    findings: [[FA, 4, 5, "(under its condition)"]],
  },
  {
    given: "`*` on `arn:aws:*:*:*:*` (every resource of the partition)",
    policy: policy({ ...admin, Resource: "arn:aws:*:*:*:*" }),
    findings: [[FA, 4, 5, "every action on every resource"]],
  },
  {
    given: "a NotAction that withholds `s3:*` but leaves IAM (it grants itself the rest)",
    policy: policy({ Effect: "Allow", NotAction: "s3:*", Resource: "*" }),
    findings: [[FA, 4, 5, "every action but its `NotAction` list"]],
  },
]);

lintRows(
  [FA],
  [
    {
      given: "PowerUserAccess's NotAction of IAM, Organizations and Account",
      policy: policy({
        Effect: "Allow",
        NotAction: ["iam:*", "organizations:*", "account:*"],
        Resource: "*",
      }),
      findings: [],
    },
    {
      given: "`iam:*` on `*` (an escalation, reported by aws/privilege-escalation)",
      policy: policy({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
      findings: [],
    },
    {
      given: "`*` on one bucket's objects",
      policy: policy({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" }),
      findings: [],
    },
    {
      given: "`*` on every resource of one service (`arn:aws:s3:::*`)",
      policy: policy({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::*" }),
      findings: [],
    },
    {
      given: "`*` with NotResource",
      policy: policy({ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::b/*" }),
      findings: [],
    },
    {
      given: "a Deny of `*`",
      policy: policy({ Effect: "Deny", Action: "*", Resource: "*" }),
      findings: [],
    },
    {
      given: "`*` in a permissions boundary (a ceiling, not a grant)",
      type: "boundary",
      policy: policy(admin),
      findings: [],
    },
    {
      // IAM User Guide, "AWS global condition context keys": a direct call carries
      // aws:ViaAWSService false, so only services acting for the principal can use it.
      given: "`*` only through AWS services (`aws:ViaAWSService` true)",
      policy: policy({ ...admin, Condition: { Bool: { "aws:ViaAWSService": "true" } } }),
      findings: [],
    },
  ],
);

lintRows(
  [FA, PE, "aws/data-exfiltration", "aws/star-action"],
  [
    {
      given: "full admin next to a statement of its own (whose findings stay)",
      policy: policy(admin, { Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
      findings: [
        [FA, 4, 5],
        ["aws/data-exfiltration", 9, 5],
      ],
    },
    {
      given: "full admin in one policy and `iam:PassRole` in another of the same principal",
      docs: [
        { principal: "role/ops", policy: policy({ ...admin, Sid: "Admin" }) },
        {
          principal: "role/ops",
          policy: policy({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
        },
      ],
      // Every path is reported at the full-admin statement, so all fold into its finding.
      findings: [[FA, 4, 5, "grants full admin", "policy0.json"]],
    },
  ],
);

describe("aws/full-admin in an account export", () => {
  it("reports a managed policy that two principals attach once", () => {
    const [doc] = documentsOf({ given: "", policy: policy(admin), findings: [] });
    const found = lintAws([
      { ...doc!, name: "user/alice managed AdministratorAccess", principal: "user/alice" },
      { ...doc!, name: "role/ops managed AdministratorAccess", principal: "role/ops" },
    ]);
    expect(found.map((f) => f.ruleId)).toEqual([FA]);
  });
});

describe("folding into aws/full-admin", () => {
  it("does nothing when aws/full-admin is disabled: the rules' own findings come back", () => {
    const docs = documentsOf({ given: "", policy: policy(admin), findings: [] });
    const rules = new Set(lintAws(docs, { disabled: new Set([FA]) }).map((f) => f.ruleId));
    expect([...rules]).toEqual(
      expect.arrayContaining([PE, "aws/star-action", "aws/data-exfiltration"]),
    );
    expect(lintAws(docs, { disabled: new Set([FA]) }).filter((f) => f.ruleId === PE)).toHaveLength(
      1,
    );
  });
});
