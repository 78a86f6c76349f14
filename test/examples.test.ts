import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateAws } from "../src/clouds/aws/generate/index.js";
import {
  renderAwsJson,
  renderCloudFormation,
  renderGithubWorkflows,
  renderTerraform,
} from "../src/outputs/index.js";
import { loadSpec } from "../src/spec/index.js";

/**
 * Every example's generated output equals its committed expected output
 * (regenerate with `npm run examples` and review the diff).
 */
const root = join(import.meta.dirname, "..", "examples");
const EXAMPLES = [
  "sagemaker-training",
  "github-mlops-pipeline",
  "inference-api",
  "multi-tenant-platform",
];

describe.each(EXAMPLES)("examples/%s", (name) => {
  const dir = join(root, name);
  const { spec, diagnostics } = loadSpec(
    readFileSync(join(dir, "leash.yaml"), "utf8"),
    "leash.yaml",
  );
  const result = spec ? generateAws(spec) : undefined;
  const g = result?.generation;
  const expected = (file: string) => readFileSync(join(dir, "expected", file), "utf8");

  it("has a README and a valid spec whose self-check passes", () => {
    expect(existsSync(join(dir, "README.md"))).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(result?.diagnostics).toEqual([]);
    expect(g?.selfCheck.ok).toBe(true);
  });

  it.each([
    ["aws.json", () => renderAwsJson(g!)],
    ["main.tf", () => renderTerraform(g!)],
    ["template.yaml", () => renderCloudFormation(g!)],
  ])("generates %s exactly as committed", (file, render) => {
    expect(render()).toBe(expected(file));
  });

  it("generates the committed GitHub Actions snippets", () => {
    const workflows = renderGithubWorkflows(g!);
    const committed = existsSync(join(dir, "expected", "github"))
      ? readdirSync(join(dir, "expected", "github")).sort()
      : [];
    expect(workflows.map((w) => w.file.replace(/^github\//, "")).sort()).toEqual(committed);
    for (const w of workflows) expect(w.content).toBe(expected(w.file));
  });
});
