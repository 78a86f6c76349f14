import { describe, expect, it } from "vitest";
import { memoize, memoizePerObject } from "../../src/clouds/aws/rules/support/memo.js";

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

describe("memoizePerObject", () => {
  it("computes once per object, null and undefined answers included; context is passed, not keyed", () => {
    const calls: string[] = [];
    const f = memoizePerObject((o: { id: string }, context: string) => {
      calls.push(`${o.id}@${context}`);
      return o.id === "none" ? undefined : o.id === "null" ? null : o.id.length;
    });
    const a = { id: "abc" };
    const none = { id: "none" };
    const nil = { id: "null" };
    expect([f(a, "x"), f(a, "y"), f(none, "x"), f(none, "x"), f(nil, "x"), f(nil, "x")]).toEqual([
      3,
      3,
      undefined,
      undefined,
      null,
      null,
    ]);
    expect(calls).toEqual(["abc@x", "none@x", "null@x"]);
  });
});
