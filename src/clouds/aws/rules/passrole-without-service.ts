import type { AwsRule } from "./rule.js";
import { onlyServiceLinkedRoles, passesRolePattern } from "./support/escalation-grants.js";

/**
 * `iam:PassRole` without `iam:PassedToService`: the role can be handed to any
 * service, including one that runs code with it (IAM User Guide, "Granting a
 * user permissions to pass a role").
 */
export const passRoleWithoutService: AwsRule = {
  id: "aws/passrole-without-service",
  title: "iam:PassRole without iam:PassedToService",
  category: "overly-permissive",
  severity: "high",
  description:
    "An Allow grants iam:PassRole without limiting the service the role may be passed to.",
  // Not boundaries: a boundary is a ceiling, meant to be broad.
  types: ["identity", "session"],
  checkPolicy({ policy }) {
    const out = [];
    for (const s of policy.statements) {
      if (!s.allow || !s.covers("iam:PassRole") || s.pinsKey("iam:PassedToService")) continue;
      // A service-linked role trusts only its own service: passing it elsewhere fails.
      if (onlyServiceLinkedRoles(s)) continue;
      // One named role (even with `*` as the account: a role is passed only in its own
      // account) reaches only what that role can do; a pattern may reach a stronger one.
      if (!passesRolePattern(s)) continue;
      out.push({
        message: `the statement allows \`iam:PassRole\`${s.anyResource ? " on every role" : ""} to any service`,
        help: 'add `"Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}` for the service that needs it, or name the roles one by one',
        location: s.statement.loc,
      });
    }
    return out;
  },
};
