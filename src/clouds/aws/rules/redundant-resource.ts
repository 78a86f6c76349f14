import type { AwsRule } from "./rule.js";
import { redundancyFindings } from "./support/pattern-cover.js";
import { WorkBudget } from "./support/work-cap.js";

/**
 * Entries of Resource or NotResource that add nothing: a repeat, or one that
 * another entry of the same list covers (`arn:aws:s3:::b/x` beside
 * `arn:aws:s3:::b/*`). Resource ARNs match case-sensitively, so entries are
 * compared as written.
 */
export const redundantResource: AwsRule = {
  id: "aws/redundant-resource",
  title: "Redundant resource",
  category: "suggestion",
  severity: "low",
  description:
    "A statement lists a resource twice, or a resource that a wildcard of the same statement already covers.",
  checkPolicy({ policy }) {
    const out = [];
    // One budget for the policy: however its entries are spread, the rule's work is capped.
    const budget = new WorkBudget();
    for (const s of policy.statements) {
      for (const list of [s.statement.resource, s.statement.notResource]) {
        if (!list || list.length < 2) continue;
        const asWritten = list.map((r) => r.value);
        for (const f of redundancyFindings(
          redundantResource.id,
          list,
          asWritten,
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
