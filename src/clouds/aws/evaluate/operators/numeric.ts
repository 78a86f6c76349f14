import type { ConditionOperatorName } from "../../policy/condition-operators.js";
import { negate } from "./operator.js";
import { ordered } from "./ordered.js";

// IAM User Guide, "Condition operators": Numeric condition operators.
// Values are decimal numbers; a value that is not a number never matches.

function parseNumber(v: string): number | undefined {
  if (v.trim() === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

const numeric = (name: ConditionOperatorName, test: (context: number, policy: number) => boolean) =>
  ordered(name, parseNumber, test);

export const NumericEquals = numeric("NumericEquals", (c, p) => c === p);
export const NumericNotEquals = negate(NumericEquals, "NumericNotEquals");
export const NumericLessThan = numeric("NumericLessThan", (c, p) => c < p);
export const NumericLessThanEquals = numeric("NumericLessThanEquals", (c, p) => c <= p);
export const NumericGreaterThan = numeric("NumericGreaterThan", (c, p) => c > p);
export const NumericGreaterThanEquals = numeric("NumericGreaterThanEquals", (c, p) => c >= p);
