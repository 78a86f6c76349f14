import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { writeWidePolicy } from "../support/wide-policy.js";

const root = join(import.meta.dirname, "..", "..");
const spec = join(root, "examples", "sagemaker-training", "leash.yaml");
const fresh = () => mkdtempSync(join(tmpdir(), "leash-output-"));
describe("--output FILE", () => {
  it("lint: the report in the chosen format goes to the file, the exit status stays", async () => {
    const dir = fresh();
    const policy = writeWidePolicy(dir);
    const target = join(dir, "report.sarif");
    const r = await run(["lint", policy, "--format", "sarif", "--output", target]);
    expect(r).toEqual({ exitCode: 1, stderr: `wrote ${target}` });
    const expected = (await run(["lint", policy, "--format", "sarif"])).stdout;
    expect(readFileSync(target, "utf8")).toBe(`${expected}\n`);
    expect(readdirSync(dir).sort()).toEqual(["report.sarif", "wide.json"]);
  });

  it("never replaces a file without --force, and replaces it with --force", async () => {
    const dir = fresh();
    const policy = writeWidePolicy(dir);
    const target = join(dir, "report.json");
    writeFileSync(target, "keep me");
    const blocked = await run(["lint", policy, "--format", "json", "-o", target]);
    expect(blocked.exitCode).toBe(2);
    expect(blocked.stdout).toBeUndefined();
    expect(blocked.stderr).toContain(`error output/exists: \`${target}\` already exists`);
    expect(blocked.stderr).toContain("help: pass --force to replace it");
    expect(readFileSync(target, "utf8")).toBe("keep me");
    const forced = await run(["lint", policy, "--format", "json", "-o", target, "--force"]);
    expect(forced.exitCode).toBe(1);
    expect(JSON.parse(readFileSync(target, "utf8")).findings).toHaveLength(2);
  });

  it("generate: the chosen format to the file; --quiet leaves nothing on standard error", async () => {
    const dir = fresh();
    const target = join(dir, "main.tf");
    const r = await run(["generate", spec, "--format", "terraform", "--output", target, "-q"]);
    expect(r).toEqual({ exitCode: 0 });
    const printed = await run(["generate", spec, "--format", "terraform"]);
    expect(readFileSync(target, "utf8")).toBe(`${printed.stdout}\n`);
  });

  it("generate: --out DIR and --output FILE are one or the other", async () => {
    const dir = fresh();
    const r = await run(["generate", spec, "--out", dir, "--output", join(dir, "x.json")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error: give --out DIR or --output FILE, not both");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("`--output -` is standard output", async () => {
    const dir = fresh();
    const policy = writeWidePolicy(dir);
    expect(await run(["lint", policy, "--output", "-"])).toEqual(await run(["lint", policy]));
    expect(readdirSync(dir)).toEqual(["wide.json"]);
  });

  it("refuses --output beside --write-baseline, which writes no report", async () => {
    const dir = fresh();
    const policy = writeWidePolicy(dir);
    const r = await run([
      "lint",
      policy,
      "--write-baseline",
      join(dir, "b.json"),
      "--output",
      join(dir, "r.txt"),
    ]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: give --write-baseline FILE or --output FILE, not both/);
    expect(readdirSync(dir)).toEqual(["wide.json"]);
  });

  it("writes nothing when the run fails before a report", async () => {
    const dir = fresh();
    const target = join(dir, "report.txt");
    const r = await run(["lint", join(dir, "missing.json"), "--output", target]);
    expect(r.exitCode).toBe(2);
    expect(existsSync(target)).toBe(false);
  });

  it("init: --output names the starter's file", async () => {
    const dir = fresh();
    const target = join(dir, "platform.yaml");
    expect(await run(["init", "--output", target, "--scenario", "pipeline"])).toEqual({
      exitCode: 0,
      stderr: `wrote ${target} (pipeline); next: leash generate ${target}`,
    });
    expect(readFileSync(target, "utf8")).toMatch(/^# yaml-language-server: \$schema=/);
    expect(await run(["init", "--output", "-", "--scenario", "pipeline"])).toEqual({
      exitCode: 0,
      stdout: readFileSync(target, "utf8").replace(/\n$/, ""),
    });
  });
});
