import { describe, expect, it } from "vitest";
import { patternCovers } from "../../src/clouds/aws/rules/support/pattern-cover.js";
import { lintRows, policy } from "./lint-rows.js";

const RA = "aws/redundant-action";
const actions = (...Action: string[]) =>
  policy({ Effect: "Allow", Action, Resource: "arn:aws:s3:::reports/*" });

lintRows(
  [RA],
  [
    {
      given: "an action listed twice: reported at the second",
      policy: actions("s3:GetObject", "s3:PutObject", "s3:GetObject"),
      findings: [
        [
          RA,
          9,
          9,
          "`s3:GetObject` is listed twice in the statement | remove it: the statement means the same without it",
        ],
      ],
    },
    {
      given: "the same action in another case (actions are case-insensitive)",
      policy: actions("s3:GetObject", "S3:getobject"),
      findings: [[RA, 8, 9, "`S3:getobject` is listed twice"]],
    },
    {
      given: "an action next to a wildcard that covers it, before or after it",
      policy: actions("s3:GetObject", "s3:Get*", "s3:GetObjectAcl"),
      findings: [
        [RA, 7, 9, "`s3:GetObject` is already covered by `s3:Get*` in the statement"],
        [RA, 9, 9, "`s3:GetObjectAcl` is already covered by `s3:Get*`"],
      ],
    },
    {
      given: "a narrower wildcard inside a wider one",
      policy: actions("s3:*", "s3:Get*"),
      findings: [[RA, 8, 9, "`s3:Get*` is already covered by `s3:*`"]],
    },
    {
      given: 'anything next to Action "*"',
      policy: actions("*", "s3:GetObject"),
      findings: [[RA, 8, 9, "covered by `*`"]],
    },
    {
      given: "`?` covered by `*`",
      policy: actions("s3:GetObject*", "s3:GetObject?cl"),
      findings: [[RA, 8, 9, "`s3:GetObject?cl` is already covered by `s3:GetObject*`"]],
    },
    {
      given: "a wildcard listed twice, in two cases",
      policy: actions("s3:Get*", "S3:GET*"),
      findings: [[RA, 8, 9, "is listed twice"]],
    },
    {
      given: "overlapping wildcards, neither covering the other (`s3:Get*`, `s3:*Object`)",
      policy: actions("s3:Get*", "s3:*Object"),
      findings: [],
    },
    {
      given: "a longer name that only starts like another (`s3:GetObject`, `s3:GetObjectAcl`)",
      policy: actions("s3:GetObject", "s3:GetObjectAcl"),
      findings: [],
    },
    {
      given: "a wildcard of another service",
      policy: actions("s3:Get*", "ec2:GetConsoleOutput"),
      findings: [],
    },
    {
      given: "NotAction is checked the same way",
      policy: policy({ Effect: "Deny", NotAction: ["iam:*", "iam:PassRole"], Resource: "*" }),
      findings: [[RA, 8, 9, "`iam:PassRole` is already covered by `iam:*`"]],
    },
    {
      given: "the same action in two statements (each statement is judged alone)",
      policy: policy(
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a/*" },
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
      ),
      findings: [],
    },
  ],
);

describe("patternCovers", () => {
  it.each([
    ["s3:*", "s3:get*", true],
    ["s3:get*", "s3:*", false],
    ["*", "s3:get?bject", true],
    ["s3:get?bject", "s3:getobject", true],
    ["s3:get?bject", "s3:get*bject", false],
    ["s3:*object", "s3:get*object", true],
    ["s3:*object*", "s3:getobjectacl", true],
    ["s3:get*", "s3:get", true],
    ["s3:get?", "s3:get", false],
    // Policy variables (IAM User Guide, "Policy variables"): a value per request, which only
    // `*` or the same variable takes; `${*}`, `${?}`, `${$}` are the literal characters.
    ["b/*", "b/${aws:username}", true],
    ["b/${aws:username}/*", "b/${aws:username}/docs/*", true],
    ["b/${aws:username}", "b/${aws:userid}", false],
    ["b/${*}", "b/${aws:username}", false],
    ["b/*}", "b/${aws:username}", false],
    ["b/?", "b/${aws:username}", false],
    ["b/${aws:username}", "b/alice", false],
    ["home/*username*", "home/${aws:username}/*", false],
    ["b/${*}", "b/${*}", true],
    ["b/${*}", "b/*", false],
    ["b/*", "b/${*}", true],
    ["b/?", "b/${?}", true],
    ["b/${$}x", "b/${$}x", true],
  ])("%s covers %s: %s", (p, q, expected) => {
    expect(patternCovers(p, q)).toBe(expected);
  });
});
