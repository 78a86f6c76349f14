import { describe, expect, it } from "vitest";
import { conformanceFiles } from "./support/conformance-files.js";
import { gcpDecision } from "./support/gcp-case.js";

/**
 * The GCP evaluation conformance corpus (conformance/gcp/evaluate/**.yaml):
 * data-only cases in the `simulate --cloud gcp --cases` line shape, each
 * citing the Google Cloud documentation it comes from.
 */
interface ConformanceCase {
  name: string;
  source?: string;
  input: unknown;
  want: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Unknown";
}
const files = conformanceFiles<ConformanceCase>("gcp");

describe("GCP evaluation conformance corpus", () => {
  it("has at least 100 cases, every one with a Google Cloud source", () => {
    const total = files.reduce((n, f) => n + f.data.cases.length, 0);
    expect(total).toBeGreaterThanOrEqual(100);
    for (const f of files) {
      for (const c of f.data.cases)
        expect(c.source ?? f.data.source, `${f.path}: ${c.name}`).toMatch(
          /cloud\.google\.com|github\.com\/google/,
        );
    }
  });
});

for (const f of files) {
  describe(f.path, () => {
    it.each(f.data.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      expect(gcpDecision(c.input)).toBe(c.want);
    });
  });
}
