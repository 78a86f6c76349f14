import { describe, expect, it } from "vitest";
import { generateAws } from "../../src/clouds/aws/generate/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { titled } from "../support/rows.js";
import { specText } from "../support/spec-text.js";

/**
 * Inputs that fuzzing found to end in `leash: internal error` (exit 70),
 * from the YAML loader, the validator or the generator: each is now a
 * diagnostic at its place in the spec. Positions were checked by hand.
 */

/** Lines 1-6 of every row: a valid `version`, `name` and `targets` (SPEC_HEADER). */
const spec = specText;

type Expected = [code: string, pointer: string, line: number, column: number];

interface Row {
  given: string;
  yaml: string;
  expected: Expected[];
}

const ROWS: Row[] = [
  {
    given: "an alias bomb (10 aliases of 10 aliases of 10 aliases...)",
    yaml: spec(
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    ),
    expected: [["yaml/too-many-aliases", "", 8, 8]],
  },
  {
    given: "an alias to no anchor",
    yaml: spec("workloads:", "  t: *train"),
    expected: [["yaml/unresolved-alias", "", 8, 6]],
  },
  {
    // Not a crash but as bad: the tag was dropped and the value read as if it were not there.
    given: "an unknown YAML tag",
    yaml: spec("workloads:", "  t: {kind: !custom notebook}"),
    expected: [["yaml/unknown-tag", "", 8, 13]],
  },
  {
    given: "a mapping with a `toString` key where a word is expected",
    yaml: spec("workloads:", "  t: {kind: notebook, network: {toString: 1}}"),
    expected: [["spec/invalid-value", "/workloads/t/network", 8, 32]],
  },
  {
    given: "a resource type that is a mapping with a `toString` key",
    yaml: spec("resources:", "  r: {type: {toString: 1}}", "workloads:", "  t: {kind: notebook}"),
    expected: [["spec/unknown-resource-type", "/resources/r/type", 8, 13]],
  },
  {
    given: "a need's `as:` that is a mapping",
    yaml: spec(
      "resources: {j: {type: sagemaker-training-job, name: j-*}}",
      "workloads:",
      "  p: {kind: pipeline, needs: [{start: j, as: {toString: 1}}]}",
      "  t: {kind: training-job}",
    ),
    expected: [["spec/invalid-need", "/workloads/p/needs/0/as", 9, 46]],
  },
  {
    given: "a control character in a resource name",
    yaml: spec(
      "resources:",
      '  r: {type: ecr-repository, name: "train\\u0007"}',
      "workloads:",
      "  t: {kind: notebook, needs: [{pull: r}]}",
    ),
    expected: [["spec/invalid-name", "/resources/r/name", 8, 35]],
  },
  {
    given: "a control character in an S3 key prefix",
    yaml: spec(
      "resources:",
      '  r: {type: s3-prefix, uri: "s3://acme-data/a\\tb/"}',
      "workloads:",
      "  t: {kind: notebook, needs: [{read: r}]}",
    ),
    expected: [["spec/invalid-name", "/resources/r/uri", 8, 29]],
  },
  {
    given: "white space in `platform.tagKey`",
    yaml: spec('platform: {tagKey: "cost center"}', "workloads:", "  t: {kind: notebook}"),
    expected: [["spec/invalid-name", "/platform/tagKey", 7, 20]],
  },
  {
    given: "a policy variable in an S3 key prefix",
    yaml: spec(
      "resources:",
      '  r: {type: s3-prefix, uri: "s3://acme-data/${aws:username}/"}',
      "workloads:",
      "  t: {kind: notebook, needs: [{read: r}]}",
    ),
    expected: [["spec/invalid-name", "/resources/r/uri", 8, 29]],
  },
  {
    given: "a policy variable in a log group name",
    yaml: spec(
      "resources:",
      '  r: {type: log-group, name: "/jobs/${aws:username}"}',
      "workloads:",
      "  t: {kind: notebook, needs: [{log: r}]}",
    ),
    expected: [["spec/invalid-name", "/resources/r/name", 8, 30]],
  },
  {
    given: "a policy variable in a GitHub branch (the trust policy's `sub`)",
    yaml: spec(
      "workloads:",
      '  t: {kind: ci-stage, identity: {github: {repo: a/b, branch: "main${aws:username}"}}}',
    ),
    expected: [["spec/invalid-name", "/workloads/t/identity/github/branch", 8, 62]],
  },
  {
    given: "a need listed twice",
    yaml: spec(
      "resources: {d: {type: s3-prefix, uri: s3://acme-data/x/}, o: {type: s3-prefix, uri: s3://acme-data/o/}}",
      "workloads:",
      "  t:",
      "    kind: training-job",
      "    needs:",
      "      - read: d",
      "      - write: o",
      "      - read: d",
    ),
    expected: [["spec/duplicate-need", "/workloads/t/needs/2", 14, 9]],
  },
];

describe("bad specs are diagnostics, never internal errors", () => {
  it.each(titled(ROWS, (r) => `given ${r.given}, reports exactly these`))(
    "%s",
    (_, { yaml, expected }) => {
      const { spec: loaded, diagnostics } = loadSpec(yaml, "leash.yaml");
      expect(loaded).toBeUndefined();
      expect(
        diagnostics.map((d) => [d.code, d.location?.pointer, d.location?.line, d.location?.column]),
      ).toEqual(expected);
      expect(diagnostics.every((d) => d.help && d.location?.file === "leash.yaml")).toBe(true);
    },
  );
});

describe("what the spec may have forgotten", () => {
  const training = (...needs: string[]) =>
    spec(
      "resources:",
      "  d: {type: s3-prefix, uri: s3://acme-data/x/}",
      "  o: {type: s3-prefix, uri: s3://acme-models/x/}",
      "workloads:",
      "  t:",
      "    kind: training-job",
      "    needs:",
      ...needs.map((n) => `      - ${n}`),
    );

  it("warns, at its needs, about a training job that reads but writes no output", () => {
    const { spec: loaded, diagnostics } = loadSpec(training("read: d"), "leash.yaml");
    expect(loaded).toBeDefined();
    expect(
      diagnostics.map((d) => [d.code, d.severity, d.location?.pointer, d.location?.line]),
    ).toEqual([["spec/missing-output", "warning", "/workloads/t/needs", 14]]);
    expect(diagnostics[0]!.message).toContain("`OutputDataConfig`");
  });

  it("says nothing once the job writes its output to S3", () => {
    expect(loadSpec(training("read: d", "write: o"), "leash.yaml").diagnostics).toEqual([]);
  });
});

describe("an s3-prefix at the bucket root", () => {
  it.each(["list", "read"])("%s: validates and generates with a clean self-check", (verb) => {
    const { spec: loaded } = loadSpec(
      spec(
        "resources: {all: {type: s3-prefix, uri: s3://acme-data/}}",
        "workloads:",
        `  t: {kind: notebook, needs: [{${verb}: all}]}`,
      ),
      "leash.yaml",
    );
    const { generation, diagnostics } = generateAws(loaded!);
    expect(diagnostics).toEqual([]);
    expect(generation?.selfCheck.ok).toBe(true);
  });
});
