export type { ParsedOperator } from "./condition-operators.js";
export { CONDITION_OPERATORS, parseOperator } from "./condition-operators.js";
export type { ParsePolicyOptions, ParsePolicyResult } from "./parse.js";
export { parsePolicy } from "./parse.js";
export type {
  ConditionClause,
  LocatedString,
  Policy,
  PolicyType,
  PrincipalSet,
  SetQualifier,
  Statement,
} from "./types.js";
export { POLICY_TYPES, statementLabel } from "./types.js";
