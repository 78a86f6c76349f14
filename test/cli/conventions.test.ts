import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VALUE_SHORTS } from "../../src/cli/global-options.js";
import { run } from "../../src/cli/main.js";
import { leashProcess } from "../support/cli-process.js";

const root = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

describe("leash --version, help and a bare leash", () => {
  it.each([["--version"], ["-V"]])("`leash %s` prints the package version", async (flag) => {
    expect(await run([flag])).toEqual({ exitCode: 0, stdout: pkg.version });
  });

  it.each([
    [["help", "--version"]],
    [["help", "-V"]],
    [["lint", "--version"]],
    [["lint", "x", "-V"]],
    [["generate", "x", "--version"]],
    [["simulate", "-qV"]],
    [["init", "--help", "--version"]],
  ])("`leash %j` prints the version, as `leash --version` does", async (argv) => {
    expect(await run(argv)).toEqual({ exitCode: 0, stdout: pkg.version });
  });

  it("`leash help --help` and `leash help -h` print leash's help", async () => {
    const help = (await run(["--help"])).stdout;
    expect(await run(["help", "--help"])).toEqual({ exitCode: 0, stdout: help });
    expect(await run(["help", "-h"])).toEqual({ exitCode: 0, stdout: help });
  });

  it("`--version` after `--` is an argument, not the version", async () => {
    const r = await run(["lint", "--", "--version"]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBeUndefined();
  });

  it.each([
    ["init", "leash init:"],
    ["generate", "leash generate:"],
    ["lint", "leash lint:"],
    ["simulate", "leash simulate:"],
  ])("`leash help %s` prints that command's help", async (command, start) => {
    const r = await run(["help", command]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout?.startsWith(start)).toBe(true);
    expect(r.stdout).toContain("Exit status");
    expect(r.stdout).toMatch(
      /\n\nOptions for every command:\n {2}--quiet, -q .*\n {2}--no-color .*\n {2}--color .*\n {2}--version, -V .*\nShort options group: -qo FILE is -q -o FILE\.$/,
    );
    expect(r.stdout).toEqual((await run([command, "--help"])).stdout);
    expect(r.stdout).toEqual((await run([command, "-h"])).stdout);
  });

  it("`leash help` and `leash --help` print the commands and the exit statuses", async () => {
    const r = await run(["help"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ {2}lint {8}/m);
    expect(r.stdout).toContain("Exit status: 0 success; 1 the check failed");
    expect((await run(["--help"])).stdout).toBe(r.stdout);
  });

  it("a bare `leash` prints the help on standard error and exits 2", async () => {
    const r = await run([]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBeUndefined();
    expect(r.stderr).toBe((await run(["help"])).stdout);
  });
});

describe("mistakes are said in leash's words, with the closest right answer", () => {
  it.each([
    [["lnt", "x"], "unknown command `lnt`", "did you mean `lint`?"],
    [["help", "genrate"], "unknown command `genrate`", "did you mean `generate`?"],
    [["--verison"], "unknown option `--verison`", "did you mean `--version`?"],
    [["lint", "x", "--fromat", "json"], "unknown option `--fromat`", "did you mean `--format`?"],
    [["lint", "x", "-format", "json"], "unknown option `-format`", "did you mean `--format`?"],
    [["generate", "x", "--forse"], "unknown option `--forse`", "did you mean `--force`?"],
    [["init", "--scenaro", "training"], "unknown option `--scenaro`", "did you mean `--scenario`?"],
    [
      ["simulate", "--actoin", "s3:GetObject"],
      "unknown option `--actoin`",
      "did you mean `--action`?",
    ],
    [["lint", "x", "--format"], "option `--format` needs a value", "`--format VALUE`"],
    [["lint", "x", "--force=yes"], "option `--force` takes no value", "`leash lint --help`"],
    [["simulate", "extra"], "unexpected argument `extra`", "takes options only"],
    [["lint", "x", "--format", "sraif"], "unknown format `sraif`", "did you mean `sarif`?"],
    [["lint", "x", "--fail-on", "hihg"], "unknown severity `hihg`", "did you mean `high`?"],
    [["init", "--scenario", "trainig"], "unknown scenario `trainig`", "did you mean `training`?"],
  ])("`leash %j`: %s", async (argv, message, help) => {
    const r = await run(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBeUndefined();
    const [first, second] = r.stderr!.split("\n");
    expect(first).toBe(`error: ${message}`);
    expect(second).toContain(help);
    // Node's parseArgs text names its own API, not leash's.
    expect(r.stderr).not.toMatch(/positional argument|Unknown option|parseArgs/);
  });
});

describe("--quiet", () => {
  const spec = join(root, "examples", "sagemaker-training", "leash.yaml");

  it("drops the summary notes and keeps the result", async () => {
    const loud = await run(["generate", spec]);
    expect(loud.stderr).toMatch(/^train: 4 needs granted/);
    for (const flag of ["--quiet", "-q"]) {
      const quiet = await run(["generate", spec, flag]);
      expect(quiet).toEqual({ exitCode: 0, stdout: loud.stdout });
      expect(await run([flag, "generate", spec])).toEqual(quiet);
    }
  });

  it.each([[["-qo"]], [["-q", "-o"]], [["--quiet", "--output"]]])(
    "a group of short options %j works as the options one by one",
    async (group) => {
      const file = join(mkdtempSync(join(tmpdir(), "leash-group-")), "a.json");
      expect(await run(["generate", spec, ...group, file])).toEqual({ exitCode: 0 });
      expect(readFileSync(file, "utf8")).toContain('"roles"');
    },
  );

  it("a group with -h prints the help, whatever else it holds", async () => {
    const r = await run(["generate", spec, "-qho", "a.json"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^leash generate:/);
  });

  it("a value glued to -o is its value, even letters of shared options (`-oq` is -o q)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leash-glued-"));
    const r = await run(["init", `-o${join(dir, "q.yaml")}`, "-q"]);
    expect(r).toEqual({ exitCode: 0 });
    expect(readFileSync(join(dir, "q.yaml"), "utf8")).toMatch(/^# /);
  });

  it("the only short options that take a value are the ones a group hands on whole", async () => {
    for (const command of ["init", "generate", "lint", "simulate"]) {
      const help = (await run([command, "--help"])).stdout!;
      const valued = [...help.matchAll(/(?<![\w-])-([a-zA-Z]) [A-Z]+\b/g)].map((m) => m[1]);
      for (const letter of valued) expect(VALUE_SHORTS, `${command} -${letter}`).toContain(letter);
    }
  });

  it("keeps errors", async () => {
    const r = await run(["generate", "no-such-spec.yaml", "--quiet"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error io/unreadable: cannot read `no-such-spec.yaml`: ENOENT");
  });
});

describe("generate -", () => {
  it("reads the spec from standard input", async () => {
    const spec = join(root, "examples", "sagemaker-training", "leash.yaml");
    const fromFile = await run(["generate", spec]);
    const piped = leashProcess(["generate", "-"], { input: readFileSync(spec) });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(`${fromFile.stdout}\n`);
  });

  it("names standard input in its diagnostics", () => {
    const piped = leashProcess(["generate", "-"], { input: "version: 1\nname: x\n" });
    expect(piped.status).toBe(2);
    expect(piped.stderr).toMatch(/^<stdin>:1:1 \(\/targets\): error spec\/missing-key/m);
  });
});

describe("links to the rules", () => {
  it("a config naming a rule that does not exist points at the rules of this version", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leash-links-"));
    const config = join(dir, "leash.config.yaml");
    writeFileSync(config, "rules:\n  aws/zzzzzzzzzzzz: off\n");
    const r = await run(["lint", dir, "--config", config]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      `help: the rules are listed at https://unpkg.com/leash-iam@${pkg.version}/docs/rules/README.md`,
    );
  });
});
