import type { ConditionOperator } from "./operator.js";

// IAM User Guide, "Condition operators": BinaryEquals compares base64-encoded
// values byte for byte; the comparison is made on the decoded bytes so that
// equivalent encodings (with or without padding) compare equal.

function decode(v: string): string | undefined {
  const s = v.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return Buffer.from(s, "base64").toString("hex");
}

export const BinaryEquals: ConditionOperator<string> = {
  name: "BinaryEquals",
  negated: false,
  allowsVariables: false,
  prepare: decode,
  matches: (c, p) => decode(c) === p,
};
