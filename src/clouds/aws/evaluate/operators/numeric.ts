import type { ConditionOperatorName } from "../../policy/condition-operators.js";
import { negate } from "./operator.js";
import { ordered } from "./ordered.js";

// IAM User Guide, "Condition operators": Numeric condition operators.
// Values are decimal numbers; a value that is not a number never matches.

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** "An integer or decimal value": not hexadecimal, binary, exponents or padded text. */
export function parseNumber(v: string): number | undefined {
  return DECIMAL.test(v) ? Number(v) : undefined;
}

const numeric = (name: ConditionOperatorName, test: (context: number, policy: number) => boolean) =>
  ordered(name, parseNumber, test);

export const NumericEquals = numeric("NumericEquals", (c, p) => c === p);
export const NumericNotEquals = negate(NumericEquals, "NumericNotEquals");
export const NumericLessThan = numeric("NumericLessThan", (c, p) => c < p);
export const NumericLessThanEquals = numeric("NumericLessThanEquals", (c, p) => c <= p);
export const NumericGreaterThan = numeric("NumericGreaterThan", (c, p) => c > p);
export const NumericGreaterThanEquals = numeric("NumericGreaterThanEquals", (c, p) => c >= p);
