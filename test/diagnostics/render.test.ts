import { describe, expect, it } from "vitest";
import { boundedMessage, type Diagnostic, renderDiagnostic } from "../../src/diagnostics/index.js";
import { MESSAGE_WIDTH, QUOTE_WIDTH } from "../../src/diagnostics/render.js";

describe("renderDiagnostic", () => {
  it.each([
    [
      "short quoted input, untouched",
      "unknown action `s3:GetObjekt`",
      "unknown action `s3:GetObjekt`",
    ],
    [
      "long quoted input, cut to its ends",
      `unknown action \`s3:${"x".repeat(5_000)}Z\``,
      `unknown action \`s3:${"x".repeat(QUOTE_WIDTH * (2 / 3) - 3)}…${"x".repeat(QUOTE_WIDTH / 3 - 1)}Z\``,
    ],
    ["control characters, as escapes", "sid `a\nb\tc\u0001`", "sid `a\\nb\\tc\\u0001`"],
    ["a parser's long message, cut", "e".repeat(5_000), `${"e".repeat(MESSAGE_WIDTH - 1)}…`],
  ])("shows %s", (_, message, shown) => {
    expect(boundedMessage(message)).toBe(shown);
  });

  it("bounds the message and help of a diagnostic, whatever the input held", () => {
    const d: Diagnostic = {
      code: "input/hcl-syntax",
      severity: "error",
      message: `bad \`${"v".repeat(100_000)}\`\n${"w".repeat(100_000)}`,
      help: `rename \`${"h".repeat(100_000)}\``,
      location: { file: "main.tf", pointer: `/${"p".repeat(100_000)}`, line: 2, column: 3 },
    };
    const [head, help, ...rest] = renderDiagnostic(d).split("\n");
    expect(rest).toEqual([]);
    // The location, its pointer and the message: each bounded.
    expect(head!.length).toBeLessThan(2 * MESSAGE_WIDTH + 100);
    expect(head).toMatch(/^main\.tf:2:3 \(\/p+…\): error input\/hcl-syntax: bad `v+…v+`\\nw+…$/);
    expect(help).toBe(`  help: rename \`${"h".repeat(80)}…${"h".repeat(40)}\``);
  });
});
