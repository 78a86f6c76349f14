import { compileWildcard, type Matcher } from "../wildcard.js";
import { type ConditionOperator, negate } from "./operator.js";

// IAM User Guide, "Condition operators": ARN condition operators. Each of
// the six colon-separated parts of the ARN is compared separately, and each
// may use `*` and `?`; ArnEquals and ArnLike behave the same. A context value
// that is not an ARN never matches.

/** Splits into the six ARN parts; the resource part keeps its own colons. */
export function arnParts(arn: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(":", start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}

function prepare(value: string): Matcher[] | undefined {
  if (value === "*") return [() => true];
  const parts = arnParts(value);
  if (parts?.[0] !== "arn") return undefined;
  return parts.map((p) => compileWildcard(p));
}

function matches(context: string, matchers: Matcher[]): boolean {
  if (matchers.length === 1) return matchers[0]!(context);
  const parts = arnParts(context);
  if (!parts) return false;
  for (let i = 0; i < 6; i++) if (!matchers[i]!(parts[i]!)) return false;
  return true;
}

export const ArnLike: ConditionOperator<Matcher[]> = {
  name: "ArnLike",
  negated: false,
  allowsVariables: true,
  prepare,
  matches,
};
export const ArnEquals: ConditionOperator<Matcher[]> = { ...ArnLike, name: "ArnEquals" };
export const ArnNotLike = negate(ArnLike, "ArnNotLike");
export const ArnNotEquals = negate(ArnEquals, "ArnNotEquals");
