import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { Terminal } from "../../src/cli/colour.js";
import { run } from "../../src/cli/main.js";
import { leashProcess } from "../support/cli-process.js";
import { writeWidePolicy } from "../support/wide-policy.js";

const dir = mkdtempSync(join(tmpdir(), "leash-colour-"));
const policy = writeWidePolicy(dir);

const ESC = "\u001b[";
const tty = (env: Record<string, string> = {}): Terminal => ({ stdout: true, stderr: true, env });
const pipe = (env: Record<string, string> = {}): Terminal => ({
  stdout: false,
  stderr: false,
  env,
});

describe("colour", () => {
  it.each([
    ["a terminal", tty(), [], true],
    ["a terminal with NO_COLOR=1", tty({ NO_COLOR: "1" }), [], false],
    ["a terminal with an empty NO_COLOR (unset, by no-color.org)", tty({ NO_COLOR: "" }), [], true],
    ["a terminal with --no-color", tty(), ["--no-color"], false],
    ["a dumb terminal", tty({ TERM: "dumb" }), [], false],
    ["a terminal with FORCE_COLOR=0", tty({ FORCE_COLOR: "0" }), [], false],
    ["a pipe", pipe(), [], false],
    ["a pipe with --color", pipe(), ["--color"], true],
    ["a pipe with FORCE_COLOR=1", pipe({ FORCE_COLOR: "1" }), [], true],
    // no-color.org: a command-line flag overrides NO_COLOR.
    ["a pipe with --color and NO_COLOR=1", pipe({ NO_COLOR: "1" }), ["--color"], true],
    [
      "a terminal with --no-color and FORCE_COLOR=1",
      tty({ FORCE_COLOR: "1" }),
      ["--no-color"],
      false,
    ],
  ])("on %s", async (_, terminal, flags, painted) => {
    const r = await run(["lint", policy, ...flags], terminal);
    expect(r.exitCode).toBe(1);
    expect(r.stdout!.includes(ESC)).toBe(painted);
    // Painting adds escapes only: without them the text is the plain report.
    expect(stripVTControlCharacters(r.stdout!)).toBe((await run(["lint", policy])).stdout);
  });

  it("paints the severity, the rule and the help of a finding", async () => {
    const r = await run(["lint", policy], tty());
    expect(r.stdout).toContain(`${ESC}31mhigh${ESC}0m${ESC}1m aws/data-exfiltration${ESC}0m: `);
    expect(r.stdout).toContain(`\n  ${ESC}36mhelp${ESC}0m: `);
  });

  it("decides for each stream: an error on a terminal, the report into a pipe", async () => {
    const missing = await run(["lint", join(dir, "missing.json")], {
      stdout: false,
      stderr: true,
      env: {},
    });
    expect(missing.stderr).toContain(`${ESC}31m${ESC}1merror${ESC}0m`);
    const r = await run(["lint", policy], { stdout: false, stderr: true, env: {} });
    expect(r.stdout).not.toContain(ESC);
  });

  it("leaves JSON, SARIF and Markdown as they are, even on a terminal", async () => {
    for (const format of ["json", "sarif", "markdown"]) {
      const plain = await run(["lint", policy, "--format", format]);
      expect((await run(["lint", policy, "--format", format], tty())).stdout).toBe(plain.stdout);
    }
  });

  it("is off when the output is not a terminal (a real process into a pipe)", () => {
    const r = leashProcess(["lint", policy]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("high aws/data-exfiltration");
    expect(r.stdout).not.toContain(ESC);
    expect(leashProcess(["lint", policy], { env: { FORCE_COLOR: "1" } }).stdout).toContain(ESC);
  });
});
