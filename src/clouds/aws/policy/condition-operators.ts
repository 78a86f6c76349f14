/**
 * The condition operators AWS accepts, by family
 * (IAM User Guide, "IAM JSON policy elements: Condition operators").
 */
export const CONDITION_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
] as const;

export type ConditionOperatorName = (typeof CONDITION_OPERATORS)[number];

const byLower = new Map<string, ConditionOperatorName>(
  CONDITION_OPERATORS.map((o) => [o.toLowerCase(), o]),
);

export interface ParsedOperator {
  operator: ConditionOperatorName;
  setQualifier: "ForAllValues" | "ForAnyValue" | undefined;
  ifExists: boolean;
}

/**
 * Splits `ForAnyValue:StringLikeIfExists` into its parts. Operator names are
 * matched case-insensitively, as AWS does; an unknown name yields undefined.
 */
export function parseOperator(raw: string): ParsedOperator | undefined {
  let rest = raw;
  let setQualifier: ParsedOperator["setQualifier"];
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === "forallvalues") setQualifier = "ForAllValues";
    else if (q === "foranyvalue") setQualifier = "ForAnyValue";
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith("ifexists")) {
    ifExists = true;
    rest = rest.slice(0, -"ifexists".length);
  }
  const operator = byLower.get(rest.toLowerCase());
  if (!operator) return undefined;
  // `NullIfExists` is meaningless and AWS rejects it.
  if (operator === "Null" && ifExists) return undefined;
  return { operator, setQualifier, ifExists };
}
