import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/diagnostics/index.js";

const TEXT = '{"Version": "2012-10-17", "Statement": []}\n# café ✓';
const utf16be = (s: string) => Buffer.from(s, "utf16le").swap16();
const bytes = (...b: number[]) => Buffer.from(b);

describe("decodeText", () => {
  it.each([
    ["UTF-8", Buffer.from(TEXT, "utf8")],
    ["UTF-8 with a byte-order mark", Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from(TEXT)])],
    ["UTF-16LE with a mark", Buffer.concat([bytes(0xff, 0xfe), Buffer.from(TEXT, "utf16le")])],
    ["UTF-16BE with a mark", Buffer.concat([bytes(0xfe, 0xff), utf16be(TEXT)])],
    ["UTF-16LE without a mark", Buffer.from(TEXT, "utf16le")],
    ["UTF-16BE without a mark", utf16be(TEXT)],
  ])("reads %s as the same text, without the mark", (_, input) => {
    expect(decodeText(input)).toBe(TEXT);
  });

  it.each([
    ["UTF-32LE", bytes(0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0)],
    ["UTF-32BE", bytes(0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b)],
  ])("names %s instead of reading it as garbage", (_, input) => {
    expect(() => decodeText(input)).toThrow("the file is UTF-32 text; save it as UTF-8");
  });

  it("leaves text that only looks odd alone: empty, one byte, NUL-free non-ASCII", () => {
    expect(decodeText(Buffer.alloc(0))).toBe("");
    expect(decodeText(bytes(0x7b))).toBe("{");
    expect(decodeText(Buffer.from("ééé", "utf8"))).toBe("ééé");
  });
});
