import { describe, expect, it } from "vitest";
import { parseVariables } from "../../src/clouds/aws/evaluate/variables.js";

// IAM User Guide, "IAM policy elements: Variables and tags": `${*}`, `${?}` and `${$}` stand for
// the literal characters; anything else is a variable (with an optional default).
describe("parseVariables", () => {
  it("reads `${*}`, `${?}` and `${$}` as the literal characters", () => {
    expect(parseVariables("a${*}b${?}${$}")).toEqual([
      { literal: "a" },
      { escaped: "*" },
      { literal: "b" },
      { escaped: "?" },
      { escaped: "$" },
    ]);
  });

  it("reads `${toString}` and `${constructor}` as variables, not as Object's own properties", () => {
    expect(parseVariables("${toString}/${constructor}")).toEqual([
      { key: "tostring", fallback: undefined },
      { literal: "/" },
      { key: "constructor", fallback: undefined },
    ]);
  });
});
