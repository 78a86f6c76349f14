import type { ConditionOperatorName } from "../../policy/condition-operators.js";
import { parseDate } from "../../policy/date-value.js";
import { negate } from "./operator.js";
import { ordered } from "./ordered.js";

// IAM User Guide, "Condition operators": Date condition operators. Values are
// ISO 8601 dates or times, or epoch (UNIX) seconds; compared as instants.

const date = (name: ConditionOperatorName, test: (context: number, policy: number) => boolean) =>
  ordered(name, parseDate, test);

export const DateEquals = date("DateEquals", (c, p) => c === p);
export const DateNotEquals = negate(DateEquals, "DateNotEquals");
export const DateLessThan = date("DateLessThan", (c, p) => c < p);
export const DateLessThanEquals = date("DateLessThanEquals", (c, p) => c <= p);
export const DateGreaterThan = date("DateGreaterThan", (c, p) => c > p);
export const DateGreaterThanEquals = date("DateGreaterThanEquals", (c, p) => c >= p);
