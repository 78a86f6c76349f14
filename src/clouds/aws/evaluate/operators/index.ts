import type { ConditionOperatorName } from "../../policy/condition-operators.js";
import { ArnEquals, ArnLike, ArnNotEquals, ArnNotLike } from "./arn.js";
import { BinaryEquals } from "./binary.js";
import { Bool } from "./bool.js";
import {
  DateEquals,
  DateGreaterThan,
  DateGreaterThanEquals,
  DateLessThan,
  DateLessThanEquals,
  DateNotEquals,
} from "./date.js";
import { IpAddress, NotIpAddress } from "./ip.js";
import {
  NumericEquals,
  NumericGreaterThan,
  NumericGreaterThanEquals,
  NumericLessThan,
  NumericLessThanEquals,
  NumericNotEquals,
} from "./numeric.js";
import type { ConditionOperator } from "./operator.js";
import {
  StringEquals,
  StringEqualsIgnoreCase,
  StringLike,
  StringNotEquals,
  StringNotEqualsIgnoreCase,
  StringNotLike,
} from "./string.js";

/**
 * Every operator but `Null`, which tests presence rather than values and is
 * handled by the clause evaluator. An explicit typed map, not a directory scan.
 */
export const OPERATORS: Record<Exclude<ConditionOperatorName, "Null">, ConditionOperator<never>> = {
  StringEquals,
  StringNotEquals,
  StringEqualsIgnoreCase,
  StringNotEqualsIgnoreCase,
  StringLike,
  StringNotLike,
  NumericEquals,
  NumericNotEquals,
  NumericLessThan,
  NumericLessThanEquals,
  NumericGreaterThan,
  NumericGreaterThanEquals,
  DateEquals,
  DateNotEquals,
  DateLessThan,
  DateLessThanEquals,
  DateGreaterThan,
  DateGreaterThanEquals,
  Bool,
  BinaryEquals,
  IpAddress,
  NotIpAddress,
  ArnEquals,
  ArnLike,
  ArnNotEquals,
  ArnNotLike,
} as Record<Exclude<ConditionOperatorName, "Null">, ConditionOperator<never>>;

export type { ConditionOperator } from "./operator.js";
