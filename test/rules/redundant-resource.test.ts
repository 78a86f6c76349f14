import { lintRows, policy } from "./lint-rows.js";

// Resource element: a request matches the statement when its resource matches any entry;
// ARNs match case-sensitively (IAM User Guide, "IAM JSON policy elements: Resource").
const RR = "aws/redundant-resource";
const resources = (...Resource: string[]) =>
  policy({ Effect: "Allow", Action: "s3:GetObject", Resource });

// Layout: the Resource array opens at line 7; its items are at lines 8, 9, 10, column 9.
lintRows(
  [RR],
  [
    {
      given: "a resource listed twice: reported at the second",
      policy: resources("arn:aws:s3:::b/x", "arn:aws:s3:::b/y", "arn:aws:s3:::b/x"),
      findings: [[RR, 10, 9, "`arn:aws:s3:::b/x` is listed twice in the statement"]],
    },
    {
      given: "an ARN after the wildcard that covers it",
      policy: resources("arn:aws:s3:::b/*", "arn:aws:s3:::b/fraud/x"),
      findings: [
        [
          RR,
          9,
          9,
          "`arn:aws:s3:::b/fraud/x` is already covered by `arn:aws:s3:::b/*` in the statement | remove it",
        ],
      ],
    },
    {
      given: "an ARN before the wildcard that covers it: the ARN is reported",
      policy: resources("arn:aws:s3:::b/fraud/x", "arn:aws:s3:::b/*"),
      findings: [[RR, 8, 9, "covered by `arn:aws:s3:::b/*`"]],
    },
    {
      // Wildcards are indexed by literal prefix and suffix: the coverer reported is still the
      // first in the list, whatever its suffix.
      given: "two wildcards cover an ARN: the first in the list is named, whatever its suffix",
      policy: resources(
        "arn:aws:s3:::b/*.json",
        "arn:aws:s3:::b/*",
        "arn:aws:s3:::b/*.csv",
        "arn:aws:s3:::b/x.csv",
      ),
      findings: [
        [RR, 8, 9, "`arn:aws:s3:::b/*.json` is already covered by `arn:aws:s3:::b/*`"],
        [RR, 10, 9, "`arn:aws:s3:::b/*.csv` is already covered by `arn:aws:s3:::b/*`"],
        [RR, 11, 9, "`arn:aws:s3:::b/x.csv` is already covered by `arn:aws:s3:::b/*`"],
      ],
    },
    {
      given: "a wildcard whose suffix does not end the ARN covers nothing",
      policy: resources("arn:aws:s3:::b/*.json", "arn:aws:s3:::b/x.csv", "arn:aws:s3:::b/*x.csv"),
      findings: [
        [RR, 9, 9, "`arn:aws:s3:::b/x.csv` is already covered by `arn:aws:s3:::b/*x.csv`"],
      ],
    },
    {
      given: "`*` beside an ARN: the ARN adds nothing",
      policy: resources("*", "arn:aws:s3:::b/x"),
      findings: [[RR, 9, 9, "covered by `*`"]],
    },
    {
      given: "a narrower wildcard (`?` is covered by `*`)",
      policy: resources("arn:aws:s3:::b/?", "arn:aws:s3:::b/*"),
      findings: [[RR, 8, 9, "`arn:aws:s3:::b/?` is already covered by `arn:aws:s3:::b/*`"]],
    },
    {
      given: "a policy variable under a wildcard",
      policy: resources("arn:aws:s3:::home/*", "arn:aws:s3:::home/${aws:username}/*"),
      findings: [[RR, 9, 9, "covered by `arn:aws:s3:::home/*`"]],
    },
    {
      given: "a variable under a `${*}` (the literal `*`, not a wildcard)",
      policy: resources("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/${aws:username}"),
      findings: [],
    },
    {
      given: "a variable beside text that spells part of it",
      policy: resources("arn:aws:s3:::b/*}", "arn:aws:s3:::b/${aws:username}"),
      findings: [],
    },
    {
      given: "a variable beside a `?` (a variable may be longer than one character)",
      policy: resources("arn:aws:s3:::b/?", "arn:aws:s3:::b/${aws:username}"),
      findings: [],
    },
    {
      given: "a narrower ARN under the same variable",
      policy: resources(
        "arn:aws:s3:::home/${aws:username}/*",
        "arn:aws:s3:::home/${aws:username}/docs/*",
      ),
      findings: [[RR, 9, 9, "covered by `arn:aws:s3:::home/${aws:username}/*`"]],
    },
    {
      given: "ARNs that differ only in case (resources match case-sensitively)",
      policy: resources("arn:aws:s3:::Data/*", "arn:aws:s3:::data/x"),
      findings: [],
    },
    {
      given: "overlapping wildcards, neither covering the other",
      policy: resources("arn:aws:s3:::b/a*", "arn:aws:s3:::b/*z"),
      findings: [],
    },
    {
      given: "a wildcard narrower than a `?` (a `*` is not covered by `?`)",
      policy: resources("arn:aws:s3:::b/?", "arn:aws:s3:::b/*x"),
      findings: [],
    },
    {
      given: "a repeated NotResource entry of a Deny",
      policy: policy({
        Effect: "Deny",
        Action: "s3:*",
        NotResource: ["arn:aws:s3:::b/*", "arn:aws:s3:::b/*"],
      }),
      findings: [[RR, 9, 9, "listed twice"]],
    },
    {
      given: "the same ARN in two statements (statements are not compared here)",
      policy: policy(
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x" },
        { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/x" },
      ),
      findings: [],
    },
  ],
);
