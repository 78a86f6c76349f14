import { describe, expect, it } from "vitest";
import { runCase, runInvalidCase } from "./support/aws-case.js";
import { conformanceFiles } from "./support/conformance-files.js";

/**
 * The AWS evaluation conformance corpus (conformance/aws/evaluate/**.yaml):
 * data-only cases, each citing the AWS documentation it comes from.
 */
interface ConformanceCase {
  name: string;
  source?: string;
  input: unknown;
  /** `Invalid`: the request asks a question AWS never would; the engine refuses it with `wantCode`. */
  want: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Invalid";
  wantCode?: string;
  wantDeniedBy?: string[];
  wantBlockedBy?: string;
}
const files = conformanceFiles<ConformanceCase>("aws");
const total = files.reduce((n, f) => n + f.data.cases.length, 0);

describe("AWS evaluation conformance corpus", () => {
  it("has at least 300 cases, every one with a source", () => {
    expect(total).toBeGreaterThanOrEqual(300);
    for (const f of files) {
      for (const c of f.data.cases)
        expect(c.source ?? f.data.source, `${f.path}: ${c.name}`).toMatch(/\S/);
    }
  });
});

for (const f of files) {
  describe(f.path, () => {
    it.each(f.data.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      if (c.want === "Invalid") {
        const codes = runInvalidCase(c.input as Parameters<typeof runInvalidCase>[0], f.path);
        expect(codes).toEqual({ reader: [c.wantCode], engine: [c.wantCode] });
        return;
      }
      const { decision, explanation } = runCase(c.input, f.path);
      expect(decision).toBe(c.want);
      if (c.wantDeniedBy)
        expect([...explanation.deniedBy].sort()).toEqual([...c.wantDeniedBy].sort());
      if (c.wantBlockedBy) expect(explanation.blockedBy).toBe(c.wantBlockedBy);
    });
  });
}
