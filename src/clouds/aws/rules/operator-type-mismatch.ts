import type { AwsCatalog } from "../catalog/catalog.js";
import type { AwsRule } from "./rule.js";
import { memoize } from "./support/memo.js";

/** The value type each operator family compares, as the catalog names key types. */
function family(op: string): string | undefined {
  if (op.startsWith("String")) return "String";
  if (op.startsWith("Numeric")) return "Numeric";
  if (op.startsWith("Date")) return "Date";
  if (op.startsWith("Arn")) return "ARN";
  if (op === "Bool") return "Bool";
  if (op === "BinaryEquals") return "Binary";
  if (op === "IpAddress" || op === "NotIpAddress") return "IPAddress";
  return undefined; // Null: any key
}

/**
 * Key types each family may compare. String operators may compare ARNs (IAM:
 * "the ARN is considered a string"), ARN operators only ARNs.
 * `aws:EpochTime` is both a date and a number (see `DUAL`).
 */
const ACCEPTS: Readonly<Record<string, readonly string[]>> = {
  String: ["String", "ARN"],
  Numeric: ["Numeric"],
  Date: ["Date"],
  ARN: ["ARN"],
  Bool: ["Bool"],
  Binary: ["Binary"],
  IPAddress: ["IPAddress"],
};

/** Keys whose values the IAM reference gives two types. */
const DUAL: Readonly<Record<string, readonly string[]>> = { "aws:epochtime": ["Date", "Numeric"] };

/** Operators to suggest for a key type. */
const SUGGEST: Readonly<Record<string, string>> = {
  String: "`StringEquals` or `StringLike`",
  ARN: "`ArnEquals` or `ArnLike`",
  Numeric: "a `Numeric...` operator",
  Date: "a `Date...` operator",
  Bool: "`Bool`",
  Binary: "`BinaryEquals`",
  IPAddress: "`IpAddress` or `NotIpAddress`",
};

/** A key's catalog type (`String`, `ArrayOfARN`, ...), or undefined when the catalog does not know it. */
const keyTypeOf = memoize(
  (catalog: AwsCatalog, lower: string) =>
    catalog.globalConditionKey(lower)?.type ?? catalog.serviceConditionKey(lower)?.type,
);

function keyType(catalog: AwsCatalog, key: string): string | undefined {
  return keyTypeOf(catalog, key.toLowerCase());
}

/**
 * An operator that compares a key as a type the key does not have: IAM then
 * cannot read the value (the condition is false, or, negated, true), or
 * compares text that does not mean what it says. Multivalued keys need a set
 * qualifier, and single-valued keys must not have one.
 */
export const operatorTypeMismatch: AwsRule = {
  id: "aws/operator-type-mismatch",
  title: "Condition operator does not fit the key",
  category: "invalid",
  severity: "high",
  description:
    "A condition compares a key with an operator of another type, or uses a set qualifier that does not fit whether the key is single-valued or multivalued.",
  checkPolicy({ policy, catalog }) {
    const out = [];
    for (const s of policy.statements) {
      for (const c of s.statement.conditions) {
        if (c.operator === "Null") continue; // tests presence only: fits every key
        const type = keyType(catalog, c.key);
        if (type === undefined) continue;
        const multi = type.startsWith("ArrayOf");
        const base = multi ? type.slice("ArrayOf".length) : type;
        const fam = family(c.operator);
        const allowed = [...(DUAL[c.key.toLowerCase()] ?? [base])];
        // A String key named for an ARN holds one: `kms:EncryptionContext:aws:s3:arn` (the
        // catalog types the whole encryption context String), which AWS policies compare
        // with `ArnLike`.
        if (base === "String" && /arn$/i.test(c.key)) allowed.push("ARN");
        if (
          fam &&
          ACCEPTS[fam] &&
          SUGGEST[base] &&
          !allowed.some((t) => ACCEPTS[fam]!.includes(t))
        ) {
          out.push({
            message: `\`${c.rawOperator}\` compares \`${c.key}\` as ${fam === "IPAddress" ? "an IP address" : fam === "ARN" ? "an ARN" : `a ${fam}`} value, but its type is ${type}`,
            help: `use ${SUGGEST[base]} for \`${c.key}\``,
            location: c.loc,
          });
        }
        if (multi && !c.setQualifier) {
          out.push({
            message: `\`${c.key}\` is multivalued, but \`${c.rawOperator}\` has no \`ForAllValues:\` or \`ForAnyValue:\``,
            help: `write \`ForAnyValue:${c.rawOperator}\` (at least one value matches) or \`ForAllValues:${c.rawOperator}\` (every value matches; true when there is none)`,
            location: c.loc,
          });
        } else if (!multi && c.setQualifier) {
          out.push({
            message: `\`${c.key}\` is single-valued, but \`${c.rawOperator}\` treats it as a set`,
            help:
              c.setQualifier === "ForAllValues"
                ? `remove \`ForAllValues:\`: with it the condition is also true when the request has no \`${c.key}\``
                : "remove `ForAnyValue:`: a single-valued key is compared with the plain operator",
            location: c.loc,
          });
        }
      }
    }
    return out;
  },
};
