import type { AwsRule } from "./rule.js";

/** A wildcard pattern in Action that names no action: almost always a typo. */
export const wildcardMatchesNothing: AwsRule = {
  id: "aws/wildcard-matches-nothing",
  title: "Action wildcard matches nothing",
  category: "invalid",
  severity: "high",
  description: "An Action or NotAction wildcard matches no action of the catalog.",
  checkPolicy({ policy, expander }) {
    const out = [];
    for (const s of policy.statements) {
      for (const a of [...(s.statement.action ?? []), ...(s.statement.notAction ?? [])]) {
        if (a.value === "*" || !/[*?]/.test(a.value)) continue;
        if (expander.expand(a.value).length === 0) {
          out.push({
            message: `\`${a.value}\` matches no action`,
            help: "check the spelling; the statement grants nothing through it",
            location: a.loc,
          });
        }
      }
    }
    return out;
  },
};
