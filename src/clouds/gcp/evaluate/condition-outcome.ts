import type { GcpCondition } from "../policy/types.js";
import { type ConditionInput, evaluateCondition } from "./conditions.js";
import type { ConditionOutcome } from "./explanation.js";

/** A condition's value for the request, as explanations show it. */
export function conditionOutcome(condition: GcpCondition, input: ConditionInput): ConditionOutcome {
  const v = evaluateCondition(condition.cel, input);
  const out: ConditionOutcome = {
    expression: condition.expression,
    value: "value" in v ? v.value : "unknown" in v ? "unknown" : "error",
  };
  if (condition.title !== undefined) out.title = condition.title;
  if ("unknown" in v) out.needs = v.unknown;
  if ("error" in v) out.error = v.error;
  return out;
}
