import { compileWildcard, type Matcher } from "../wildcard.js";
import { type ConditionOperator, negate } from "./operator.js";

// IAM User Guide, "Condition operators": String condition operators.

export const StringEquals: ConditionOperator<string> = {
  name: "StringEquals",
  negated: false,
  allowsVariables: true,
  prepare: (v) => v,
  matches: (c, p) => c === p,
};
export const StringNotEquals = negate(StringEquals, "StringNotEquals");

export const StringEqualsIgnoreCase: ConditionOperator<string> = {
  name: "StringEqualsIgnoreCase",
  negated: false,
  allowsVariables: true,
  prepare: (v) => v.toLowerCase(),
  matches: (c, p) => c.toLowerCase() === p,
};
export const StringNotEqualsIgnoreCase = negate(
  StringEqualsIgnoreCase,
  "StringNotEqualsIgnoreCase",
);

/** Case-sensitive; `*` and `?` are wildcards anywhere in the value. */
export const StringLike: ConditionOperator<Matcher> = {
  name: "StringLike",
  negated: false,
  allowsVariables: true,
  prepare: (v) => compileWildcard(v),
  matches: (c, p) => p(c),
};
export const StringNotLike = negate(StringLike, "StringNotLike");
