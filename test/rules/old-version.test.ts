import { lintRows } from "./lint-rows.js";

const OV = "aws/old-version";
const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

lintRows(
  [OV],
  [
    {
      given: 'Version "2008-10-17"',
      policy: { Version: "2008-10-17", Statement: [statement] },
      findings: [[OV, 1, 1, "`Version` is `2008-10-17`"]],
    },
    {
      given: "no Version",
      policy: { Statement: [statement] },
      findings: [[OV, 1, 1, "the policy has no `Version`"]],
    },
    {
      given: "a trust policy with no Version (every policy type is checked)",
      type: "trust",
      policy: {
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      },
      findings: [[OV, 1, 1]],
    },
    {
      given: 'Version "2012-10-17"',
      policy: { Version: "2012-10-17", Statement: [statement] },
      findings: [],
    },
  ],
);
