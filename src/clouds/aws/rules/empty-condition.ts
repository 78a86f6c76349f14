import type { AwsRule } from "./rule.js";

/**
 * `"Condition": {}` or `{"StringEquals": {}}`: legal, but a block with no
 * key restricts nothing, and a reader takes the statement to be conditional.
 */
export const emptyCondition: AwsRule = {
  id: "aws/empty-condition",
  title: "Empty condition block",
  category: "suggestion",
  severity: "low",
  description:
    "A statement has an empty Condition, or a condition operator with no keys, which restricts nothing.",
  checkPolicy({ policy }) {
    return policy.statements.flatMap((s) =>
      (s.statement.emptyConditions ?? []).map((loc) => ({
        message: loc.pointer.endsWith("/Condition")
          ? "`Condition` is empty: the statement is unconditional"
          : `\`${loc.pointer
              .slice(loc.pointer.lastIndexOf("/") + 1)
              .replace(/~1/g, "/")
              .replace(/~0/g, "~")}\` has no condition keys: it restricts nothing`,
        help: "add the condition the statement was meant to have, or remove the empty block",
        location: loc,
      })),
    );
  },
};
