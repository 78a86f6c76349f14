import { describe, expect, it } from "vitest";
import { RepeatCache } from "../../src/cli/repeat-cache.js";

describe("RepeatCache (the compiled sets a --cases batch keeps)", () => {
  it("keeps the last line's value", () => {
    const c = new RepeatCache<number>();
    c.put("a", 1);
    expect(c.get("a")).toBe(1);
    expect(c.get("b")).toBeUndefined();
  });

  it("does not keep a text seen once after another line came (it would outlive the young generation)", () => {
    const c = new RepeatCache<number>();
    c.put("a", 1);
    c.put("b", 2);
    expect(c.get("a")).toBeUndefined();
  });

  it("keeps a text from its second sighting on", () => {
    const c = new RepeatCache<number>();
    c.put("a", 1);
    c.put("b", 2);
    c.put("a", 3);
    c.put("b", 4);
    c.put("c", 5);
    expect(c.get("a")).toBe(3);
    expect(c.get("b")).toBe(4);
  });

  it("finds a text by its content, not by the string object", () => {
    const c = new RepeatCache<number>();
    const line = '{"id": 1, "identityPolicies": []}';
    c.put(line.slice(10), 1);
    c.put("other", 2);
    c.put(["{", '"identityPolicies": []}'].join(" ").slice(2), 3);
    c.put("other", 4);
    expect(c.get(`${'"identityPolicies"'}: []}`)).toBe(3);
  });

  it("stays bounded", () => {
    const c = new RepeatCache<number>(2);
    for (const t of ["a", "b", "c", "a", "b", "c"]) c.put(t, 0);
    // Three kept texts in a cache of two: the map was cleared once, the newest survives.
    expect(c.get("a")).toBeUndefined();
    expect(c.get("c")).toBe(0);
  });
});
