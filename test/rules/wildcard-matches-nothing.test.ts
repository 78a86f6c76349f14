import { lintRows, policy } from "./lint-rows.js";

const WM = "aws/wildcard-matches-nothing";
const allow = (action: string | string[]) =>
  policy({ Effect: "Allow", Action: action, Resource: "*" });

lintRows(
  [WM],
  [
    {
      given: "a wildcard with a typo",
      policy: allow("s3:Get*Objekt"),
      findings: [[WM, 6, 17, "`s3:Get*Objekt` matches no action"]],
    },
    {
      given: "a whole unknown service",
      policy: allow("foo:*"),
      findings: [[WM, 6, 17, "`foo:*` matches no action"]],
    },
    {
      given: "a NotAction wildcard that matches nothing",
      policy: policy({ Effect: "Allow", NotAction: "iam:Delete*Everything", Resource: "*" }),
      findings: [[WM, 6, 20]],
    },
    {
      given: "wildcards that match (`iam:Pass*`, `iam:Pass?ole`, `s3:*`, `*`)",
      policy: allow(["iam:Pass*", "iam:Pass?ole", "s3:*", "*"]),
      findings: [],
    },
    {
      given: "an exact unknown action (aws/unknown-action reports it)",
      policy: allow("s3:GetObjekt"),
      findings: [],
    },
  ],
);
