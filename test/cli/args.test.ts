import { describe, expect, it } from "vitest";
import { isCommandResult, parseCommandArgs } from "../../src/cli/args.js";

const OPTIONS = {
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  force: { type: "boolean", short: "F" },
  help: { type: "boolean", short: "h" },
} as const;

const parse = (argv: string[], positionals = true) =>
  parseCommandArgs("demo", argv, OPTIONS, { positionals });

describe("parseCommandArgs", () => {
  it.each([
    [["-o", "out.txt", "in.json"], { output: "out.txt" }, ["in.json"]],
    [["-Fo", "out.txt"], { force: true, output: "out.txt" }, []],
    [["-fjson"], { format: "json" }, []],
    [["--format=-odd"], { format: "-odd" }, []],
    [["-"], {}, ["-"]],
    [["--output", "-"], { output: "-" }, []],
    [["--", "--not-an-option", "-x"], {}, ["--not-an-option", "-x"]],
  ])("reads %j", (argv, values, positionals) => {
    const r = parse(argv);
    if (isCommandResult(r)) throw new Error(r.stderr);
    expect({ ...r.values }).toEqual(values);
    expect(r.positionals).toEqual(positionals);
  });

  it.each([
    [["--fromat", "json"], "error: unknown option `--fromat`", "did you mean `--format`?"],
    [["-x"], "error: unknown option `-x`", "`leash demo --help` lists its options"],
    [["-Fx"], "error: unknown option `-x`", "`leash demo --help` lists its options"],
    [["--format", "--force"], "error: option `--format` needs a value", "`--format=VALUE`"],
    [["-o"], "error: option `-o` needs a value", "`-o VALUE`"],
    [["--help=yes"], "error: option `--help` takes no value", "`leash demo --help`"],
  ])("refuses %j in its own words", (argv, message, help) => {
    const r = parse(argv);
    expect(isCommandResult(r)).toBe(true);
    const [first, second] = (r as { stderr: string }).stderr.split("\n");
    expect(first).toBe(message);
    expect(second).toContain(help);
  });

  it("refuses a positional where a command takes none", () => {
    const r = parse(["stray"], false);
    expect(r).toEqual({
      exitCode: 2,
      stderr:
        "error: unexpected argument `stray`\n  help: this command takes options only (`leash demo --help` lists its options)",
    });
  });
});
