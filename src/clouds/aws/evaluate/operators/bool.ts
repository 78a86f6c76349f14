import type { ConditionOperator } from "./operator.js";

// IAM User Guide, "Condition operators": Boolean condition operators.
// `true`/`false` compare case-insensitively; anything else never matches.
// "You can use a policy variable with the Boolean condition operator" (same
// section): `${aws:SecureTransport}` is substituted, then read as a boolean.

function parseBool(v: string): "true" | "false" | undefined {
  const l = v.toLowerCase();
  return l === "true" || l === "false" ? l : undefined;
}

export const Bool: ConditionOperator<string> = {
  name: "Bool",
  negated: false,
  allowsVariables: true,
  prepare: parseBool,
  matches: (c, p) => parseBool(c) === p,
};
