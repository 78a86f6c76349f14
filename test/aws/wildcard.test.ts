import { describe, expect, it } from "vitest";
import { compileWildcard, LITERAL_MARK } from "../../src/clouds/aws/evaluate/wildcard.js";

// IAM User Guide, "Resource" / "Action": `*` any run of characters, `?` one character.
const table: [string, string, boolean][] = [
  ["*", "", true],
  ["s3:Get*", "s3:GetObject", true],
  ["s3:Get*", "s3:PutObject", false],
  ["*Object", "s3:GetObject", true],
  ["s3:*Object*", "s3:GetObjectAcl", true],
  ["s3:Get?bject", "s3:GetObject", true],
  ["s3:Get?bject", "s3:Getbject", false],
  ["arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/x/y/test/z", true],
  ["arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/test/z", false],
  ["a**b", "ab", true],
  ["a*b*c", "abxbc", true],
  ["a*b*c", "abxbd", false],
  ["?", "", false],
  ["", "", true],
  [`b/${LITERAL_MARK}*`, "b/*", true],
  [`b/${LITERAL_MARK}*`, "b/x", false],
  [`b/${LITERAL_MARK}?x`, "b/?x", true],
];

describe("wildcard matching", () => {
  it.each(table)("%j matches %j: %s", (pattern, value, want) => {
    expect(compileWildcard(pattern)(value)).toBe(want);
  });

  it("is linear on patterns that make backtracking regexes explode", () => {
    // `*a` twelve times then `*b` against forty `a`s: exponential for a naive regex.
    // This asserts the answer; the algorithm (one backtrack point) bounds the work.
    const m = compileWildcard(`${"*a".repeat(12)}*b`);
    expect(m("a".repeat(40))).toBe(false);
    expect(m(`${"a".repeat(40)}b`)).toBe(true);
  });
});
