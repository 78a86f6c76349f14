import { describe, expect, it } from "vitest";
import { generateAws } from "../../src/clouds/aws/generate/index.js";
import { loadSpec, SCENARIOS, STARTERS } from "../../src/spec/index.js";

/** `leash init` writes these: each must validate and generate a role set that proves itself. */
describe.each(SCENARIOS)("the %s starter", (scenario) => {
  const loaded = loadSpec(STARTERS[scenario], `${scenario}.yaml`);
  const generated = loaded.spec ? generateAws(loaded.spec) : undefined;

  it("validates with no diagnostics", () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.spec).toBeDefined();
  });

  it("generates with a clean self-check and no error diagnostics", () => {
    expect(generated?.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(generated?.generation?.selfCheck.ok).toBe(true);
    expect(generated?.generation?.roles.length).toBe(Object.keys(loaded.spec!.workloads).length);
  });
});

describe("starters", () => {
  it("cover every scenario `leash init` offers", () => {
    expect(SCENARIOS).toEqual(["training", "pipeline", "inference", "multi-tenant"]);
  });
});
