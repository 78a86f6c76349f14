/**
 * Condition values that cannot mean what their operator compares
 * (IAM User Guide, "IAM JSON policy elements: Condition operators"). The
 * engine evaluates such a value as never matching (docs/semantics/aws.md,
 * "Conditions"); lint reports it, as Parliament's MISMATCHED_TYPE and IAM
 * Access Analyzer's policy validation do.
 */

import { DATE_RANGE_TEXT, isDateShaped, isOutOfDateRange } from "./date-value.js";
import type { SyntaxProblem } from "./element-syntax.js";
import { parseIpRange } from "./ip-range.js";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** CloudFormation functions as readers render them (`${GetAtt:Role.Arn}`): not policy variables. */
const TEMPLATE_FUNCTIONS = new Set([
  "ref",
  "getatt",
  "findinmap",
  "importvalue",
  "select",
  "join",
  "sub",
  "base64",
  "cidr",
  "getazs",
  "split",
  "if",
  "transform",
]);

/**
 * Whether a value holds a `${...}` that is not an IAM policy variable: a
 * CloudFormation or Terraform expression (`${GetAtt:Bucket.Arn}`,
 * `${aws_s3_bucket.data.arn}`, `${AWS::Partition}`) whose value is not known
 * here, and which may stand for a whole ARN.
 */
export function hasTemplateExpression(value: string): boolean {
  if (value.indexOf("${") < 0) return false;
  for (const m of value.matchAll(/\$\{([^}]*)\}/g)) if (!isPolicyVariable(m[1]!)) return true;
  return false;
}

/** `aws:username`, `s3:prefix`, `saml:sub`, ... (not `AWS::Region`, not `GetAtt:X.Arn`). */
function isPolicyVariable(inner: string): boolean {
  if (inner === "*" || inner === "?" || inner === "$") return true;
  const m = /^([a-z0-9.-]+):[^:]/i.exec(inner);
  return m !== null && !TEMPLATE_FUNCTIONS.has(m[1]!.toLowerCase());
}

const FAMILY: Readonly<Record<string, string>> = {
  Date: "a date (ISO 8601, such as `2026-01-31T00:00:00Z`, or epoch seconds)",
  Numeric: "a number (such as `10` or `2.5`)",
  Bool: "`true` or `false`",
  Null: "`true` or `false`",
  IpAddress: "an IPv4 or IPv6 address or CIDR range (such as `203.0.113.0/24`)",
  Binary: "base64 text",
  Arn: "an ARN (`arn:partition:service:region:account:resource`) or `*`",
};

function familyOf(operator: string): string | undefined {
  if (operator.startsWith("Date")) return "Date";
  if (operator.startsWith("Numeric")) return "Numeric";
  if (operator === "Bool" || operator === "Null") return operator;
  if (operator === "IpAddress" || operator === "NotIpAddress") return "IpAddress";
  if (operator === "BinaryEquals") return "Binary";
  if (operator.startsWith("Arn")) return "Arn";
  return undefined;
}

const ipFits = new Map<string, boolean>();

function fits(family: string, value: string): boolean {
  switch (family) {
    case "Date":
      // The shape is judged, not the calendar (`2024-02-30` never matches, and is no error).
      return isDateShaped(value) && !isOutOfDateRange(value);
    case "Numeric":
      return DECIMAL.test(value);
    case "Bool":
    case "Null":
      return /^(true|false)$/i.test(value);
    case "IpAddress": {
      // Policies repeat their ranges: each is judged once (bounded, as batches bring new ones).
      let fit = ipFits.get(value);
      if (fit === undefined) {
        fit = parseIpRange(value) !== undefined;
        if (ipFits.size >= 10_000) ipFits.clear();
        ipFits.set(value, fit);
      }
      return fit;
    }
    case "Binary":
      return BASE64.test(value);
    default:
      // Arn: an ARN (its fields are the engine's to compare) or a pattern of wildcards only.
      return /^arn:/i.test(value) || /^[*?]+$/.test(value);
  }
}

/**
 * The operator families that substitute policy variables: String, ARN and
 * Boolean, as the condition operators page says of each family ("You can use
 * a policy variable with the ... condition operator"; Numeric, Date, Binary,
 * IP address and Null say "can not"). The variables page lists Boolean among
 * those that cannot; leash follows the operator's own section, which AWS
 * keeps per operator (docs/semantics/aws.md, "Policy variables").
 */
const VARIABLE_FAMILIES: ReadonlySet<string> = new Set(["Arn", "Bool"]);

/**
 * The problem with one value of a condition operator, if any: a policy
 * variable where the operator takes none (Access Analyzer's "Invalid variable
 * for operator"), or a value that is not of the operator's type. `code`
 * names which.
 */
export function checkConditionValue(
  operator: string,
  key: string,
  value: string,
): (SyntaxProblem & { code: string }) | undefined {
  const family = familyOf(operator);
  if (family === undefined || hasTemplateExpression(value)) return undefined;
  // An Arn operator on a key that holds no ARN (`aws:SourceAccount`) is the key's mismatch,
  // aws/operator-type-mismatch's to report; here, only keys named for an ARN.
  if (family === "Arn" && !/arn$/i.test(key)) return undefined;
  if (value.includes("${")) {
    if (VARIABLE_FAMILIES.has(family)) return undefined;
    return {
      code: "variable-not-allowed",
      message: `\`${operator}\` does not take policy variables: \`${value}\``,
      help: "policy variables work only with String, ARN and Bool operators; write the value itself",
    };
  }
  if (fits(family, value)) return undefined;
  if (family === "Date" && isOutOfDateRange(value))
    return {
      code: "invalid-condition-value",
      message: `\`${value}\` falls outside ${DATE_RANGE_TEXT}, as \`${operator}\` needs a date`,
      help: `a date outside ${DATE_RANGE_TEXT} never matches under \`${operator}\`: write epoch seconds between -62167219200 and 253402300799, or an ISO 8601 date`,
    };
  return {
    code: "invalid-condition-value",
    message: `\`${value}\` is not ${FAMILY[family]}, as \`${operator}\` needs`,
    help: `a value of another type never matches under \`${operator}\`: write ${FAMILY[family]}, or use a String operator`,
  };
}
