import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findConfigUpward } from "../../src/cli/lint/config-lookup.js";
import { leashProcess } from "../support/cli-process.js";
import { writeWidePolicy } from "../support/wide-policy.js";

/**
 * A repository whose leash.config.yaml sits at its root, linted from a
 * subfolder: repo/infra/iam/{wide.json, legacy/old.json}.
 */
function repository(config: string) {
  const repo = mkdtempSync(join(tmpdir(), "leash-config-up-"));
  const iam = join(repo, "infra", "iam");
  mkdirSync(join(iam, "legacy"), { recursive: true });
  writeWidePolicy(iam);
  writeWidePolicy(join(iam, "legacy"), "old.json");
  writeFileSync(join(repo, "leash.config.yaml"), config);
  return { repo, iam };
}

const json = (stdout: string) =>
  JSON.parse(stdout) as { findings: { ruleId: string; location: { file: string } }[] };

describe("leash.config.yaml lookup", () => {
  it("finds the nearest config in the working folder or above", () => {
    const { repo, iam } = repository("failOn: high\n");
    expect(findConfigUpward(iam)).toBe(join(repo, "leash.config.yaml"));
    expect(findConfigUpward(repo)).toBe(join(repo, "leash.config.yaml"));
    const nested = join(iam, "legacy");
    writeFileSync(join(nested, "leash.config.yaml"), "failOn: low\n");
    expect(findConfigUpward(nested)).toBe(join(nested, "leash.config.yaml"));
  });

  it("applies a config found above the working folder", () => {
    const { iam } = repository("rules:\n  aws/star-resource: off\n");
    const r = leashProcess(["lint", ".", "--format", "json"], { cwd: iam });
    expect(r.status, r.stderr).toBe(1);
    expect(new Set(json(r.stdout).findings.map((f) => f.ruleId))).toEqual(
      new Set(["aws/data-exfiltration"]),
    );
  });

  it("matches ignore patterns against paths relative to the config's folder", () => {
    const { iam } = repository("ignore:\n  - infra/iam/legacy/**\n");
    const r = leashProcess(["lint", ".", "--format", "json"], { cwd: iam });
    expect(r.status, r.stderr).toBe(1);
    expect(new Set(json(r.stdout).findings.map((f) => f.location.file))).toEqual(
      new Set(["wide.json"]),
    );
  });

  it("reads the config's baseline from the config's folder", () => {
    const { repo, iam } = repository("baseline: leash-baseline.json\n");
    const written = leashProcess(
      ["lint", ".", "--write-baseline", join(repo, "leash-baseline.json")],
      {
        cwd: iam,
      },
    );
    expect(written.status, written.stderr).toBe(0);
    const r = leashProcess(["lint", "."], { cwd: iam });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("4 findings accepted by the baseline");
  });

  it("--config names the file, and its patterns are relative to it too", () => {
    const { repo, iam } = repository("rules:\n  aws/data-exfiltration: off\n");
    const other = join(repo, "ci");
    mkdirSync(other);
    writeFileSync(join(other, "lint.yaml"), "ignore:\n  - ../infra/iam/legacy/**\n");
    const r = leashProcess(
      ["lint", ".", "--format", "json", "--config", join(other, "lint.yaml")],
      {
        cwd: iam,
      },
    );
    expect(json(r.stdout).findings.map((f) => [f.ruleId, f.location.file])).toEqual([
      ["aws/data-exfiltration", "wide.json"],
      ["aws/star-resource", "wide.json"],
    ]);
  });
});
