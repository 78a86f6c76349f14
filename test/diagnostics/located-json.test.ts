import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type JsonNode, parseLocatedJson, toPlain } from "../../src/diagnostics/index.js";

describe("parseLocatedJson", () => {
  it("keeps the line, column and pointer of every value", () => {
    const text = '{\n  "a": [1, {"b~/c": "x"}],\n  "t": true\n}';
    const { node } = parseLocatedJson(text, "f.json");
    const a = node?.kind === "object" ? node.entries[0]?.value : undefined;
    const inner = a?.kind === "array" ? a.items[1] : undefined;
    const str = inner?.kind === "object" ? inner.entries[0]?.value : undefined;
    expect(str?.loc).toEqual({ file: "f.json", pointer: "/a/1/b~0~1c", line: 2, column: 21 });
    expect(toPlain(node as JsonNode)).toEqual(JSON.parse(text));
  });

  it.each([
    ['{"a": 1,}', "expected a quoted property name", 1, 9],
    ['{"a" 1}', "expected `:` after a property name", 1, 6],
    ["[1, 2", "expected `,` or `]` in an array", 1, 6],
    ["[1, ", "unexpected end of input", 1, 5],
    ['{"a": "x\n"}', "control character in a string", 1, 9],
    ["{} x", "unexpected content after the JSON value", 1, 4],
    ['{"a": tru}', "unexpected character `t`", 1, 7],
    ['{"a":\r1,\r\n"b": x}', "unexpected character `x`", 3, 6],
  ])("reports %j as json/syntax at its position", (text, message, line, column) => {
    const { node, diagnostics } = parseLocatedJson(text, "f.json");
    expect(node).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "json/syntax",
      message,
      location: { line, column },
    });
  });

  it("leaves every pointer empty when asked to, and every line, column and value as they were", () => {
    const text = '{\n  "a": [1, {"b/c": "d"}],\n  "e": null\n}';
    const strip = (n: JsonNode): unknown =>
      JSON.parse(JSON.stringify(n, (k, v) => (k === "pointer" ? "" : v)));
    const withPointers = parseLocatedJson(text, "f.json").node!;
    const without = parseLocatedJson(text, "f.json", 1, { pointers: false }).node!;
    expect(JSON.stringify(without)).not.toContain('"pointer":"/');
    expect(without).toEqual(strip(withPointers));
    expect(JSON.stringify(withPointers)).toContain('"pointer":"/a/1/b~1c"');
  });

  it("turns a key `__proto__` into an own property, as JSON.parse does, not the prototype", () => {
    const text = '{"__proto__": {"polluted": true}, "b": 2}';
    const plain = toPlain(parseLocatedJson(text, "f").node as JsonNode) as Record<string, unknown>;
    expect(Object.hasOwn(plain, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(JSON.stringify(plain)).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("decodes escapes like JSON.parse", () => {
    const text = '"a\\n\\u00e9\\"\\\\"';
    expect(toPlain(parseLocatedJson(text, "f").node as JsonNode)).toBe(JSON.parse(text));
  });

  it.each([
    ["escapes between plain strings", '["a\\"b", "c", "d\\\\", "e", {"f\\/g": "h"}, "\\u0041"]'],
    ["a backslash just before the closing quote", '{"k": "\\\\", "l": "m"}'],
    ["an escaped quote in a key", '{"a\\"": 1, "b": "\\"x\\""}'],
  ])("reads strings with %s as JSON.parse does", (_, text) => {
    const { node, diagnostics } = parseLocatedJson(text, "f.json");
    expect(diagnostics).toEqual([]);
    expect(toPlain(node as JsonNode)).toEqual(JSON.parse(text));
  });

  it.each([
    ["an unterminated string", '{"a": "b', "unterminated string"],
    ["a raw control character in a string", '{"a": "b\u0001c"}', "control character in a string"],
    ["a raw tab in a string", '["a\tb"]', "control character in a string"],
  ])("refuses %s", (_, text, message) => {
    const { node, diagnostics } = parseLocatedJson(text, "f.json");
    expect(node).toBeUndefined();
    expect(diagnostics[0]?.message).toBe(message);
  });

  it.each([
    ["a 65-digit integer", `[${"9".repeat(65)}]`],
    ["a 300-digit fraction", `{"n": 0.${"1".repeat(300)}}`],
    ["a long exponent", `{"n": -1.5e${"0".repeat(80)}7}`],
  ])("parses %s as JSON.parse does", (_, text) => {
    const { node, diagnostics } = parseLocatedJson(text, "f.json");
    expect(diagnostics).toEqual([]);
    expect(toPlain(node as JsonNode)).toEqual(JSON.parse(text));
  });

  it("parses every JSON text as JSON.parse does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const { node, diagnostics } = parseLocatedJson(text, "f.json");
        expect(diagnostics).toEqual([]);
        expect(toPlain(node as JsonNode)).toEqual(JSON.parse(text));
      }),
      { seed: 10, numRuns: 300 },
    );
  });
});
