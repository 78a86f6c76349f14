import type { ActionInfo } from "../catalog/types.js";
import type { LocatedString } from "../policy/types.js";
import type { AwsRule, FindingBody } from "./rule.js";

/** A wildcard pattern in Action that names no action: almost always a typo. */
export const wildcardMatchesNothing: AwsRule = {
  id: "aws/wildcard-matches-nothing",
  title: "Action wildcard matches nothing",
  category: "invalid",
  severity: "high",
  description: "An Action or NotAction wildcard matches no action of the catalog.",
  checkPolicy({ policy, expander }) {
    const out: FindingBody[] = [];
    const check = (a: LocatedString, infos: readonly ActionInfo[]) => {
      if (infos.length > 0 || a.value === "*" || !/[*?]/.test(a.value)) return;
      out.push({
        message: `\`${a.value}\` matches no action`,
        help: "check the spelling; the statement grants nothing through it",
        location: a.loc,
      });
    };
    for (const s of policy.statements) s.eachNamedAction(expander, check);
    return out;
  },
};
