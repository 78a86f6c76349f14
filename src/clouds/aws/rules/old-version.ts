import type { AwsRule } from "./rule.js";

/** Without `"Version": "2012-10-17"`, policy variables are plain text (IAM User Guide, "Version"). */
export const oldVersion: AwsRule = {
  id: "aws/old-version",
  title: "Old or missing policy Version",
  category: "suggestion",
  severity: "low",
  description:
    "The policy has no Version or the 2008-10-17 one, under which policy variables are not substituted.",
  checkPolicy({ policy }) {
    if (policy.policy.version === "2012-10-17") return [];
    return [
      {
        message: policy.policy.version
          ? "`Version` is `2008-10-17`"
          : "the policy has no `Version`",
        help: 'use `"Version": "2012-10-17"`; under older versions `${aws:username}` and other variables are literal text',
        location: policy.policy.loc,
      },
    ];
  },
};
