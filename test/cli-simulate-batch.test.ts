import { describe, expect, it } from "vitest";
import { BatchOutput } from "../src/cli/simulate-batch.js";

/** A batch output that keeps its lines. */
function collected() {
  const lines: string[] = [];
  const out = new BatchOutput({
    line: async (text) => {
      lines.push(text);
    },
    flush: async () => {},
  });
  return { out, lines: () => lines.map((l) => JSON.parse(l)) };
}

const decided = { decision: "Allowed" as const };
const invalid = {
  diagnostics: [{ code: "aws-request/unknown-action", severity: "error" as const, message: "m" }],
};

describe("a batch's output (simulate --cases, --requests)", () => {
  it.each([
    ["every line decided", [decided, decided], 0],
    ["a line that could not be decided", [decided, invalid, decided], 2],
  ])("exits as the help says: %s", async (_, results, exitCode) => {
    const { out, lines } = collected();
    for (const [i, r] of results.entries())
      await out.answer((line) => {
        line.id = i;
        return r;
      });
    expect((await out.finish()).exitCode).toBe(exitCode);
    expect(lines().map((l) => l.id)).toEqual(results.map((_, i) => i));
  });

  it("answers a line that throws under its id, answers the others, and exits 70", async () => {
    const { out, lines } = collected();
    await out.answer((line) => {
      line.id = "first";
      return decided;
    });
    await out.answer((line) => {
      line.id = "broken";
      throw new RangeError("The number NaN cannot be converted to a BigInt");
    });
    await out.answer(() => decided);
    const end = await out.finish();
    expect(end.exitCode).toBe(70);
    expect(end.stderr).toBe("leash: internal error on 1 line(s); every other line was answered");
    expect(lines()).toEqual([
      { id: "first", decision: "Allowed" },
      {
        id: "broken",
        error: {
          diagnostics: [
            expect.objectContaining({
              code: "internal/error",
              message: "internal error: The number NaN cannot be converted to a BigInt",
            }),
          ],
        },
      },
      { id: null, decision: "Allowed" },
    ]);
  });
});
