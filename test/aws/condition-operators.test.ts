import { describe, expect, it } from "vitest";
import {
  compileCondition,
  conditionHolds,
  evaluateCondition,
} from "../../src/clouds/aws/evaluate/condition.js";
import { RequestContext } from "../../src/clouds/aws/evaluate/request-context.js";
import { parseOperator } from "../../src/clouds/aws/policy/index.js";

const loc = { file: "t", pointer: "", line: 1, column: 1 };

/** Given an operator, a context value (undefined = absent) and policy values, then the condition is `want`. */
function holds(
  rawOperator: string,
  key: string,
  context: string | string[] | undefined,
  values: string[],
): boolean {
  const op = parseOperator(rawOperator);
  if (!op) throw new Error(`bad operator ${rawOperator}`);
  const clause = { rawOperator, ...op, key, values: values.map((value) => ({ value, loc })), loc };
  const c = compileCondition(clause, true);
  const ctx = new RequestContext();
  if (context !== undefined) ctx.set(key, context);
  const slow = evaluateCondition(c, ctx).matched;
  // The fast path must always agree with the explaining path.
  expect(conditionHolds(c, ctx)).toBe(slow);
  return slow;
}

// Source: IAM User Guide, "IAM JSON policy elements: Condition operators".
const table: [string, string, string | string[] | undefined, string[], boolean][] = [
  ["StringEquals", "aws:username", "alice", ["alice"], true],
  ["StringEquals", "aws:username", "Alice", ["alice"], false],
  ["StringEquals", "aws:username", undefined, ["alice"], false],
  ["StringNotEquals", "aws:username", "bob", ["alice", "carol"], true],
  ["StringNotEquals", "aws:username", "carol", ["alice", "carol"], false],
  ["StringNotEquals", "aws:username", undefined, ["alice"], true],
  ["StringEqualsIgnoreCase", "aws:username", "ALICE", ["alice"], true],
  ["StringNotEqualsIgnoreCase", "aws:username", "ALICE", ["alice"], false],
  ["StringLike", "s3:prefix", "home/alice/x", ["home/*"], true],
  ["StringLike", "s3:prefix", "home", ["home?"], false],
  ["StringLike", "s3:prefix", "home1", ["home?"], true],
  ["StringNotLike", "s3:prefix", "tmp/x", ["home/*"], true],
  ["NumericEquals", "s3:max-keys", "10", ["10"], true],
  ["NumericEquals", "s3:max-keys", "10.0", ["10"], true],
  ["NumericEquals", "s3:max-keys", "ten", ["10"], false],
  ["NumericNotEquals", "s3:max-keys", "11", ["10"], true],
  ["NumericLessThan", "aws:MultiFactorAuthAge", "3599", ["3600"], true],
  ["NumericLessThanEquals", "aws:MultiFactorAuthAge", "3600", ["3600"], true],
  ["NumericGreaterThan", "aws:MultiFactorAuthAge", "3600", ["3600"], false],
  ["NumericGreaterThanEquals", "aws:MultiFactorAuthAge", "3600", ["3600"], true],
  ["DateLessThan", "aws:CurrentTime", "2026-01-01T00:00:00Z", ["2026-06-30T00:00:00Z"], true],
  ["DateLessThan", "aws:CurrentTime", "1767225600", ["2026-06-30T00:00:00Z"], true],
  ["DateGreaterThan", "aws:CurrentTime", "2026-07-01T00:00:00Z", ["2026-06-30"], true],
  ["DateEquals", "aws:CurrentTime", "2026-06-30T00:00:00Z", ["1782777600"], true],
  ["DateNotEquals", "aws:CurrentTime", "2026-06-30T00:00:01Z", ["2026-06-30T00:00:00Z"], true],
  ["DateLessThanEquals", "aws:TokenIssueTime", "not a date", ["2026-06-30"], false],
  // Epoch seconds outside the years 0000 to 9999 name no date: they never match, on either side.
  ["DateLessThan", "aws:CurrentTime", "2026-01-01T00:00:00Z", ["99999999999999999999"], false],
  ["DateNotEquals", "aws:CurrentTime", "2026-01-01T00:00:00Z", ["8640000000001"], true],
  ["DateGreaterThan", "aws:CurrentTime", "8640000000001", ["2026-06-30"], false],
  ["DateGreaterThan", "aws:CurrentTime", "253402300799", ["2026-06-30"], true],
  ["DateLessThan", "aws:CurrentTime", "-62167219200", ["0001-01-01"], true],
  // Years below 100 are years, not 1900 + year: 0004 was a leap year, 0100 was not.
  ["DateEquals", "aws:CurrentTime", "0004-02-29", ["0004-02-29T00:00:00Z"], true],
  ["DateEquals", "aws:CurrentTime", "0100-02-29", ["0100-02-29T00:00:00Z"], false],
  [
    "DateGreaterThanEquals",
    "aws:CurrentTime",
    "2026-06-30T00:00:00Z",
    ["2026-06-30T00:00:00Z"],
    true,
  ],
  ["Bool", "aws:SecureTransport", "true", ["true"], true],
  ["Bool", "aws:SecureTransport", "TRUE", ["true"], true],
  ["Bool", "aws:SecureTransport", "false", ["true"], false],
  ["Bool", "aws:SecureTransport", undefined, ["false"], false],
  [
    "BinaryEquals",
    "s3:x-amz-content-sha256",
    "QmluYXJ5VmFsdWVJbkJhc2U2NA==",
    ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="],
    true,
  ],
  ["BinaryEquals", "s3:x-amz-content-sha256", "QQ==", ["Qg=="], false],
  ["IpAddress", "aws:SourceIp", "203.0.113.7", ["203.0.113.0/24"], true],
  ["IpAddress", "aws:SourceIp", "203.0.114.7", ["203.0.113.0/24"], false],
  ["IpAddress", "aws:SourceIp", "203.0.113.7", ["203.0.113.7"], true],
  ["IpAddress", "aws:SourceIp", "2001:DB8:1234:5678::1", ["2001:DB8:1234:5678::/64"], true],
  ["IpAddress", "aws:SourceIp", "2001:DB8:1234:5679::1", ["2001:DB8:1234:5678::/64"], false],
  ["IpAddress", "aws:SourceIp", "203.0.113.7", ["2001:DB8::/32"], false],
  ["NotIpAddress", "aws:SourceIp", "198.51.100.1", ["203.0.113.0/24"], true],
  ["NotIpAddress", "aws:SourceIp", undefined, ["203.0.113.0/24"], true],
  // An IPv6 zone id is not CIDR format: on either side it is no address, and never matches
  // (it crashed the operator: the digits after `%` reached BigInt as NaN).
  ["IpAddress", "aws:SourceIp", "fe80::1", ["fe80::%eth0"], false],
  ["NotIpAddress", "aws:SourceIp", "fe80::1", ["fe80::%eth0"], true],
  ["IpAddress", "aws:SourceIp", "fe80::1%eth0", ["fe80::/10"], false],
  ["NotIpAddress", "aws:SourceIp", "fe80::%eth0", ["fe80::/10"], true],
  ["IpAddress", "aws:SourceIp", "::ffff:203.0.113.7", ["::ffff:203.0.113.0/120"], true],
  // A range as the request's value stands for all its addresses.
  ["IpAddress", "aws:SourceIp", "203.0.113.128/25", ["203.0.113.0/24"], true],
  ["IpAddress", "aws:SourceIp", "203.0.112.0/23", ["203.0.113.0/24"], false],
  [
    "ArnLike",
    "aws:SourceArn",
    "arn:aws:sns:us-east-1:111122223333:topic",
    ["arn:aws:sns:*:111122223333:*"],
    true,
  ],
  [
    "ArnLike",
    "aws:SourceArn",
    "arn:aws:sns:us-east-1:444455556666:topic",
    ["arn:aws:sns:*:111122223333:*"],
    false,
  ],
  [
    "ArnEquals",
    "aws:SourceArn",
    "arn:aws:sns:us-east-1:111122223333:topic",
    ["arn:aws:sns:us-east-1:111122223333:topic"],
    true,
  ],
  ["ArnLike", "aws:SourceArn", "not-an-arn", ["*"], true],
  ["ArnLike", "aws:SourceArn", "not-an-arn", ["arn:*:*:*:*:*"], false],
  [
    "ArnNotLike",
    "aws:SourceArn",
    "arn:aws:sns:us-east-1:444455556666:t",
    ["arn:aws:sns:*:111122223333:*"],
    true,
  ],
  [
    "ArnNotEquals",
    "aws:PrincipalArn",
    "arn:aws:iam::111122223333:role/admin",
    ["arn:aws:iam::111122223333:role/admin"],
    false,
  ],
  ["Null", "aws:TokenIssueTime", undefined, ["true"], true],
  ["Null", "aws:TokenIssueTime", "2026-01-01T00:00:00Z", ["true"], false],
  ["Null", "aws:TokenIssueTime", "2026-01-01T00:00:00Z", ["false"], true],
  ["Null", "aws:TagKeys", [], ["true"], true],
  ["StringEqualsIfExists", "ec2:InstanceType", undefined, ["t3.micro"], true],
  ["StringEqualsIfExists", "ec2:InstanceType", "m5.large", ["t3.micro"], false],
  ["ForAnyValue:StringEquals", "aws:TagKeys", ["team", "cost"], ["team"], true],
  ["ForAnyValue:StringEquals", "aws:TagKeys", ["cost"], ["team"], false],
  ["ForAnyValue:StringEquals", "aws:TagKeys", undefined, ["team"], false],
  ["ForAnyValue:StringEquals", "aws:TagKeys", [], ["team"], false],
  ["ForAllValues:StringEquals", "aws:TagKeys", ["team", "cost"], ["team", "cost", "owner"], true],
  ["ForAllValues:StringEquals", "aws:TagKeys", ["team", "secret"], ["team", "cost"], false],
  ["ForAllValues:StringEquals", "aws:TagKeys", undefined, ["team"], true],
  ["ForAllValues:StringEquals", "aws:TagKeys", [], ["team"], true],
  ["ForAllValues:StringNotEquals", "aws:TagKeys", ["a", "b"], ["secret"], true],
  ["ForAllValues:StringNotEquals", "aws:TagKeys", ["a", "secret"], ["secret"], false],
  ["ForAnyValue:StringNotEquals", "aws:TagKeys", ["secret", "a"], ["secret"], true],
  ["ForAnyValue:StringNotEquals", "aws:TagKeys", ["secret"], ["secret"], false],
  ["ForAnyValue:StringLikeIfExists", "aws:TagKeys", undefined, ["team*"], true],
  ["StringEquals", "aws:TagKeys", ["a", "team"], ["team"], true],
  ["StringNotEquals", "aws:TagKeys", ["a", "team"], ["team"], false],
];

describe("condition operators", () => {
  it.each(table)("%s %s: request %j vs %j -> %s", (op, key, context, values, want) => {
    expect(holds(op, key, context, values)).toBe(want);
  });

  it("matches condition keys case-insensitively", () => {
    const op = parseOperator("StringEquals")!;
    const clause = {
      rawOperator: "StringEquals",
      ...op,
      key: "AWS:UserName",
      values: [{ value: "alice", loc }],
      loc,
    };
    const ctx = new RequestContext();
    ctx.set("aws:username", "alice");
    expect(evaluateCondition(compileCondition(clause, true), ctx).matched).toBe(true);
  });
});
