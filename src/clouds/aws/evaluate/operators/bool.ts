import type { ConditionOperator } from "./operator.js";

// IAM User Guide, "Condition operators": Boolean condition operators.
// `true`/`false` compare case-insensitively; anything else never matches.

function parseBool(v: string): "true" | "false" | undefined {
  const l = v.toLowerCase();
  return l === "true" || l === "false" ? l : undefined;
}

export const Bool: ConditionOperator<string> = {
  name: "Bool",
  negated: false,
  allowsVariables: false,
  prepare: parseBool,
  matches: (c, p) => parseBool(c) === p,
};
