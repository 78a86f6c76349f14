import type { AwsRule } from "./rule.js";
import { onlyAccountsOf, ownAccounts } from "./support/own-accounts.js";

/** `"Action": "*"` or a whole service (`s3:*`) in an Allow. */
export const starAction: AwsRule = {
  id: "aws/star-action",
  title: "Allow of all actions or a whole service",
  category: "overly-permissive",
  severity: "high",
  description: "An Allow statement grants every action, or every action of a service.",
  // Not boundaries: a boundary is a ceiling, meant to be broad.
  types: ["identity", "session", "resource"],
  checkPolicy({ policy, catalog, trustedAccounts }) {
    const out = [];
    // In a resource policy, a grant to the policy's own account (its root or ID) delegates to
    // that account's IAM policies, as AWS's default key policy does with `kms:*`: the IAM
    // policies are what grant, and they are linted themselves.
    const own =
      policy.policy.type === "resource" ? ownAccounts(policy, trustedAccounts) : undefined;
    for (const s of policy.statements) {
      if (!s.allow || (own && onlyAccountsOf(s, own))) continue;
      for (const a of s.statement.action ?? []) {
        // An unknown service's wildcard matches nothing: aws/wildcard-matches-nothing reports it.
        if (
          a.value === "*" ||
          (/^[a-z0-9-]+:\*$/i.test(a.value) && catalog.hasService(a.value.split(":")[0]!))
        ) {
          out.push({
            message:
              a.value === "*"
                ? "the statement allows every action of every service"
                : `the statement allows every action of \`${a.value.split(":")[0]}\``,
            help: "list the actions the workload calls; `leash generate` or `leash rightsize` can find them",
            location: a.loc,
          });
        }
      }
    }
    return out;
  },
};
