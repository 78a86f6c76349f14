import { describe, expect, it } from "vitest";
import { memoize } from "../../src/clouds/aws/rules/support/memo.js";

describe("memoize", () => {
  it("computes once per owner and key, undefined answers included", () => {
    const calls: string[] = [];
    const f = memoize((owner: { id: string }, key: string) => {
      calls.push(`${owner.id}:${key}`);
      return key === "none" ? undefined : key.length;
    });
    const a = { id: "a" };
    const b = { id: "b" };
    expect([f(a, "xyz"), f(a, "xyz"), f(a, "none"), f(a, "none"), f(b, "xyz")]).toEqual([
      3,
      3,
      undefined,
      undefined,
      3,
    ]);
    expect(calls).toEqual(["a:xyz", "a:none", "b:xyz"]);
  });
});
