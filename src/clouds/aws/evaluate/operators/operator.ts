import type { ConditionOperatorName } from "../../policy/condition-operators.js";

/**
 * One condition operator: how a policy value is prepared once, and whether
 * one context value matches one prepared policy value. Negated operators
 * (`StringNotEquals`, `NotIpAddress`, ...) reuse their positive twin's
 * `matches` and set `negated`; the clause evaluator applies the negation
 * across all values, as AWS documents ("the context value matches none").
 */
export interface ConditionOperator<P = unknown> {
  name: ConditionOperatorName;
  negated: boolean;
  /** Whether `${...}` in policy values is substituted (String, ARN and Bool families). */
  allowsVariables: boolean;
  /** Parses a policy value; undefined when it can never match (e.g. `abc` for a number). */
  prepare(policyValue: string): P | undefined;
  matches(contextValue: string, prepared: P): boolean;
}

/** Builds the negated twin of a positive operator. */
export function negate<P>(
  op: ConditionOperator<P>,
  name: ConditionOperatorName,
): ConditionOperator<P> {
  return { ...op, name, negated: true };
}
