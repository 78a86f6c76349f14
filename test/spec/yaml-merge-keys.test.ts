import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/index.js";
import { specText as text } from "../support/spec-text.js";

/**
 * YAML merge keys (`<<: *anchor`, YAML 1.1, kept by most YAML tools): a
 * resource that repeats another's fields with one changed. They were read as
 * a key named `<<`, and the resource had "no `type`".
 */

/** The spec of these lines (from line 7), which must load without an error. */
function loads(...lines: string[]) {
  const { spec, diagnostics } = loadSpec(text(...lines), "leash.yaml");
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return spec!;
}

describe("YAML merge keys in a spec", () => {
  it("merges an anchored mapping, the keys written beside `<<` winning", () => {
    const spec = loads(
      "resources:",
      "  a: &bucket",
      "    type: s3-prefix",
      "    uri: s3://acme-data/a/",
      "  b:",
      "    <<: *bucket",
      "    uri: s3://acme-data/b/",
      "workloads:",
      "  t: {kind: notebook, needs: [{read: a}, {read: b}]}",
    );
    expect(spec.resources.b).toEqual({ type: "s3-prefix", uri: "s3://acme-data/b/" });
    expect(spec.resources.a).toEqual({ type: "s3-prefix", uri: "s3://acme-data/a/" });
  });

  it("merges a list of mappings, the first one's keys winning", () => {
    const spec = loads(
      "resources:",
      "  d: {type: s3-prefix, uri: s3://acme-data/d/}",
      "  e: {type: s3-prefix, uri: s3://acme-data/e/}",
      "workloads:",
      "  t: &job {kind: training-job, needs: [{read: d}, {write: d}]}",
      "  p: &isolated {kind: processing-job, network: isolated, needs: [{read: e}, {write: e}]}",
      "  u:",
      "    <<: [*isolated, *job]",
    );
    expect(spec.workloads.u).toMatchObject({
      kind: "processing-job",
      network: "isolated",
      needs: [{ read: "e" }, { write: "e" }],
    });
  });

  it("refuses a merge of something that is not a mapping, at the `<<`", () => {
    const { spec, diagnostics } = loadSpec(
      text("resources:", "  b:", "    <<: s3-prefix", "workloads: {}"),
      "leash.yaml",
    );
    expect(spec).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([
      ["yaml/invalid-merge", 9, 5],
    ]);
    expect(diagnostics[0]?.help).toMatch(/mapping/);
  });

  it("still refuses an alias bomb built of merges", () => {
    const merges = (name: string, from: string) =>
      `${name}: &${name} {${Array.from({ length: 10 }, (_, i) => `${name}${i}: {<<: *${from}}`).join(", ")}}`;
    const { spec, diagnostics } = loadSpec(
      text(
        "x:",
        "  a: &a {a1: 1, a2: 2}",
        `  ${merges("b", "a")}`,
        `  ${merges("c", "b")}`,
        `  ${merges("d", "c")}`,
        "workloads: {}",
      ),
      "leash.yaml",
    );
    expect(spec).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(["yaml/too-many-aliases"]);
  });
});
