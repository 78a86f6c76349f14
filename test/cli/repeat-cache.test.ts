import { describe, expect, it } from "vitest";
import { RepeatCache } from "../../src/cli/repeat-cache.js";

/** One batch line: look the text up, and compute (put) it when the cache did not have it. */
function line<V>(c: RepeatCache<V>, key: string, value: V): V {
  const hit = c.get(key);
  if (hit !== undefined) return hit;
  c.put(key, value);
  return value;
}

describe("RepeatCache (the compiled sets a --cases batch keeps)", () => {
  it("answers a line from the last line's set", () => {
    const c = new RepeatCache<number>();
    line(c, "a", 1);
    expect(line(c, "a", 2)).toBe(1);
  });

  it("does not keep a text seen once after another line came (it would outlive the young generation)", () => {
    const c = new RepeatCache<number>();
    line(c, "a", 1);
    line(c, "b", 2);
    expect(line(c, "a", 3)).toBe(3);
  });

  it("keeps a text that comes back within its reach", () => {
    const c = new RepeatCache<number>(10);
    for (const [k, v] of [
      ["a", 1],
      ["b", 2],
      ["a", 3],
      ["b", 4],
      ["c", 5],
    ] as const)
      line(c, k, v);
    expect(line(c, "a", 6)).toBe(3);
    expect(line(c, "b", 7)).toBe(4);
  });

  it("does not keep a text that comes back from beyond its reach", () => {
    const c = new RepeatCache<number>(3);
    line(c, "a", 1);
    for (const k of ["b", "c", "d", "e"]) line(c, k, 0);
    expect(line(c, "a", 2)).toBe(2); // seen 5 lines ago: computed again, and not kept
    line(c, "f", 0);
    expect(line(c, "a", 3)).toBe(3); // seen 2 lines ago: computed again, and kept
    line(c, "g", 0);
    expect(line(c, "a", 4)).toBe(3);
  });

  it("finds a text by its content, not by the string object", () => {
    const c = new RepeatCache<number>();
    const text = '{"id": 1, "identityPolicies": []}';
    line(c, text.slice(10), 1);
    line(c, "other", 2);
    line(c, ['{ "identityPolicies": []}'].join("").slice(2), 3);
    line(c, "other", 4);
    expect(line(c, `${'"identityPolicies"'}: []}`, 5)).toBe(3);
  });

  it("answers texts with one fingerprint each by its own value", () => {
    // 200 characters: the fingerprint reads every third one, and these differ at the second.
    const a = `a${"x".repeat(199)}`;
    const b = `ab${"x".repeat(198)}`;
    const c = new RepeatCache<number>();
    line(c, a, 1);
    line(c, b, 2); // the fingerprint of `a`, seen just before: `b` is kept
    expect(line(c, a, 3)).toBe(3);
    line(c, "other", 0);
    expect(line(c, b, 4)).toBe(2);
  });

  it("stays bounded", () => {
    const c = new RepeatCache<number>(2);
    for (const t of ["a", "b", "a", "b"]) line(c, t, 0);
    expect(line(c, "a", 1)).toBe(0);
    // A third kept text in a cache of two: the kept ones are forgotten.
    for (const t of ["c", "x", "c"]) line(c, t, 0);
    expect(line(c, "a", 9)).toBe(9);
  });
});
