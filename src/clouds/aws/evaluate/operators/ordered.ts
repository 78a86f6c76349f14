import type { ConditionOperatorName } from "../../policy/condition-operators.js";
import { remember } from "../memo.js";
import type { ConditionOperator } from "./operator.js";

/**
 * An operator over values that parse to numbers (Numeric and Date families):
 * both sides are parsed the same way, and a value that does not parse never
 * matches.
 */
export function ordered(
  name: ConditionOperatorName,
  parse: (v: string) => number | undefined,
  test: (context: number, policy: number) => boolean,
): ConditionOperator<number> {
  // Requests repeat their values (a time, an age): each is parsed once.
  const parsed = new Map<string, number | undefined>();
  return {
    name,
    negated: false,
    allowsVariables: false,
    prepare: parse,
    matches: (c, p) => {
      const n = remember(parsed, c, () => parse(c));
      return n !== undefined && test(n, p);
    },
  };
}
