import { describe, expect, it } from "vitest";
import { HASH_START, hashText, RepeatCache } from "../../src/cli/repeat-cache.js";

const h = (text: string) => hashText(HASH_START, text);
const at = (text: string) => [h(text), () => text] as const;

describe("RepeatCache (the compiled sets a --cases batch keeps)", () => {
  it("keeps the last line's value", () => {
    const c = new RepeatCache<number>();
    c.put(...at("a"), 1);
    expect(c.get(...at("a"))).toBe(1);
    expect(c.get(...at("b"))).toBeUndefined();
  });

  it("does not keep a text seen once after another line came (it would outlive the young generation)", () => {
    const c = new RepeatCache<number>();
    c.put(...at("a"), 1);
    c.put(...at("b"), 2);
    expect(c.get(...at("a"))).toBeUndefined();
  });

  it("keeps a text from its second sighting on", () => {
    const c = new RepeatCache<number>();
    c.put(...at("a"), 1);
    c.put(...at("b"), 2);
    c.put(...at("a"), 3);
    c.put(...at("b"), 4);
    c.put(...at("c"), 5);
    expect(c.get(...at("a"))).toBe(3);
    expect(c.get(...at("b"))).toBe(4);
  });

  it("never answers for another text with the same hash", () => {
    const c = new RepeatCache<string>();
    c.put(7, () => "one", "first");
    c.put(7, () => "one", "first again");
    expect(c.get(7, () => "two")).toBeUndefined();
    expect(c.get(7, () => "one")).toBe("first again");
  });

  it("stays bounded", () => {
    const c = new RepeatCache<number>(2);
    for (const t of ["a", "b", "c", "a", "b", "c"]) c.put(...at(t), 0);
    // Three kept texts in a cache of two: the map was cleared once, the newest survives.
    expect(c.get(...at("a"))).toBeUndefined();
    expect(c.get(...at("c"))).toBe(0);
  });
});
