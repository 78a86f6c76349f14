import type { AwsRule } from "./rule.js";
import { redundancyFindings } from "./support/pattern-cover.js";
import { WorkBudget } from "./support/work-cap.js";

/** Entries of Action or NotAction that add nothing: a duplicate, or one a wildcard of the same list covers. */
export const redundantAction: AwsRule = {
  id: "aws/redundant-action",
  title: "Redundant action",
  category: "suggestion",
  severity: "low",
  description:
    "A statement lists an action twice, or an action that a wildcard of the same statement already covers.",
  checkPolicy({ policy }) {
    const out = [];
    // One budget for the policy: however its entries are spread, the rule's work is capped.
    const budget = new WorkBudget();
    for (const s of policy.statements) {
      for (const list of [s.statement.action, s.statement.notAction]) {
        if (!list || list.length < 2) continue;
        // Actions match case-insensitively: compared lower-cased.
        const lower =
          list === s.statement.action ? s.actionsLower : list.map((a) => a.value.toLowerCase());
        for (const f of redundancyFindings(
          redundantAction.id,
          list,
          lower,
          budget,
          s.statement.loc,
        ))
          out.push(f);
        if (budget.exhausted) return out;
      }
    }
    return out;
  },
};
