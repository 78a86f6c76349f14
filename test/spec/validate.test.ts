import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/index.js";
import { titled } from "../support/rows.js";
import { SPEC_HEADER } from "../support/spec-text.js";

/**
 * Diagnostics of bad specs: code, JSON pointer, 1-based line and column of
 * the offending key or value, and the suggestion where there is one.
 * Positions were computed by hand from the texts below.
 */

/** Lines 1-6 of most rows: a valid `version`, `name` and `targets`. */
const HEADER = SPEC_HEADER;

/** A spec text from its lines. */
const text = (...lines: string[]) => `${lines.join("\n")}\n`;
/** The header, then these lines from line 7 on. */
const spec = (...lines: string[]) => text(...HEADER, ...lines);

/** `[code, pointer, line, column]`, and the `help` text when it is a suggestion. */
type Expected = [code: string, pointer: string, line: number, column: number, help?: string];

interface Row {
  given: string;
  yaml: string;
  expected: Expected[];
}

const ROWS: Row[] = [
  {
    given: "a tab used as indentation",
    yaml: text("version: 1", "\tname: demo"),
    expected: [["yaml/syntax", "", 2, 1]],
  },
  {
    given: "a mapping nested in a plain value",
    yaml: text("version: 1", "name: demo: x"),
    expected: [["yaml/syntax", "", 2, 7]],
  },
  {
    given: "a duplicate key (the second one is reported)",
    yaml: text("version: 1", "name: a", "name: b"),
    expected: [["spec/duplicate-key", "", 3, 1]],
  },
  {
    given: "a misspelt top-level key",
    yaml: spec("resorces: {}", "workloads:", "  train: {kind: training-job}"),
    expected: [["spec/unrecognized-keys", "/resorces", 7, 1, "did you mean `resources`?"]],
  },
  {
    given: "a misspelt workload key",
    yaml: spec("workloads:", "  train:", "    kind: training-job", "    neds: []"),
    expected: [["spec/unrecognized-keys", "/workloads/train/neds", 10, 5, "did you mean `needs`?"]],
  },
  {
    given: "a misspelt workload kind",
    yaml: spec("workloads:", "  train:", "    kind: trainng-job"),
    expected: [
      ["spec/invalid-value", "/workloads/train/kind", 9, 11, "did you mean `training-job`?"],
    ],
  },
  {
    given: "a misspelt resource type",
    yaml: spec(
      "resources:",
      "  artifacts:",
      "    type: s3-prefx",
      "    uri: s3://acme-artifacts/fraud/",
      "workloads:",
      "  train: {kind: training-job}",
    ),
    expected: [
      [
        "spec/unknown-resource-type",
        "/resources/artifacts/type",
        9,
        11,
        "did you mean `s3-prefix`?",
      ],
    ],
  },
  {
    given: "a misspelt verb",
    yaml: spec(
      "resources:",
      "  datasets: {type: s3-prefix, uri: s3://acme-data/fraud/}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    needs:",
      "      - raed: datasets",
    ),
    expected: [
      ["spec/unknown-verb", "/workloads/train/needs/0/raed", 13, 9, "did you mean `read`?"],
    ],
  },
  {
    given: "a need naming a misspelt resource",
    yaml: spec(
      "resources:",
      "  artifacts: {type: s3-prefix, uri: s3://acme-artifacts/fraud/}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    needs:",
      "      - write: artifacs",
    ),
    expected: [
      [
        "spec/unknown-resource",
        "/workloads/train/needs/0/write",
        13,
        16,
        "did you mean `artifacts`?",
      ],
    ],
  },
  {
    // Names are the author's text: `constructor` is no resource, not Object's own property
    // (it passed validation, and generate then crashed).
    given: "a need naming `constructor`, a name Object has as a property",
    yaml: spec(
      "resources:",
      "  artifacts: {type: s3-prefix, uri: s3://acme-artifacts/fraud/}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    team: constructor",
      "    needs:",
      "      - read: constructor",
    ),
    expected: [
      ["spec/unknown-team", "/workloads/train/team", 12, 11],
      ["spec/unknown-resource", "/workloads/train/needs/0/read", 14, 15],
    ],
  },
  {
    given: "a need naming a resource nothing is close to",
    yaml: spec(
      "resources:",
      "  artifacts: {type: s3-prefix, uri: s3://acme-artifacts/fraud/}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    needs:",
      "      - read: customer-records",
    ),
    expected: [
      [
        "spec/unknown-resource",
        "/workloads/train/needs/0/read",
        13,
        15,
        "declare it under `resources`",
      ],
    ],
  },
  {
    given: "a verb that does not apply to the resource's type",
    yaml: spec(
      "resources:",
      "  train-image: {type: ecr-repository, name: fraud-train}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    needs:",
      "      - pull: train-image",
      "      - read: train-image",
    ),
    expected: [
      [
        "spec/verb-not-applicable",
        "/workloads/train/needs/1/read",
        14,
        15,
        "a ecr-repository takes: pull, push",
      ],
    ],
  },
  {
    given: "`start` without `as:`",
    yaml: spec(
      "resources:",
      "  jobs: {type: sagemaker-training-job, name: fraud-*}",
      "workloads:",
      "  pipeline:",
      "    kind: ci-stage",
      "    identity: {github: {repo: acme/fraud-ml, branch: main}}",
      "    needs:",
      "      - start: jobs",
    ),
    expected: [["spec/missing-as", "/workloads/pipeline/needs/0", 14, 9]],
  },
  {
    given: "`deploy` without `as:`",
    yaml: spec(
      "resources:",
      "  endpoint: {type: sagemaker-endpoint, name: fraud-prod}",
      "workloads:",
      "  pipeline:",
      "    kind: ci-stage",
      "    identity: {github: {repo: acme/fraud-ml, environment: prod}}",
      "    needs:",
      "      - deploy: endpoint",
    ),
    expected: [["spec/missing-as", "/workloads/pipeline/needs/0", 14, 9]],
  },
  {
    given: "`as:` naming a misspelt workload",
    yaml: spec(
      "resources:",
      "  jobs: {type: sagemaker-training-job, name: fraud-*}",
      "workloads:",
      "  pipeline:",
      "    kind: ci-stage",
      "    identity: {github: {repo: acme/fraud-ml, branch: main}}",
      "    needs:",
      "      - start: jobs",
      "        as: trainig",
      "  training: {kind: training-job}",
    ),
    expected: [
      [
        "spec/unknown-workload",
        "/workloads/pipeline/needs/0/as",
        15,
        13,
        "did you mean `training`?",
      ],
    ],
  },
  {
    given: "`as:` naming a workload of the wrong kind",
    yaml: spec(
      "resources:",
      "  jobs: {type: sagemaker-training-job, name: fraud-*}",
      "workloads:",
      "  pipeline:",
      "    kind: ci-stage",
      "    identity: {github: {repo: acme/fraud-ml, branch: main}}",
      "    needs:",
      "      - start: jobs",
      "        as: serving",
      "  serving: {kind: serving-endpoint}",
    ),
    expected: [["spec/wrong-runs-as", "/workloads/pipeline/needs/0/as", 15, 13]],
  },
  {
    given: "`as:` on a verb that takes none",
    yaml: spec(
      "resources:",
      "  datasets: {type: s3-prefix, uri: s3://acme-data/fraud/}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    needs:",
      "      - read: datasets",
      "        as: train",
    ),
    expected: [["spec/unexpected-as", "/workloads/train/needs/0/as", 14, 13]],
  },
  {
    given: "an encryption key that is another type of resource",
    yaml: spec(
      "resources:",
      "  datasets: {type: s3-prefix, uri: s3://acme-data/fraud/}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    encryption:",
      "      kmsKey: datasets",
    ),
    expected: [
      [
        "spec/not-a-kms-key",
        "/workloads/train/encryption/kmsKey",
        13,
        15,
        "declare a `type: kms-key` resource",
      ],
    ],
  },
  {
    given: "a misspelt encryption key",
    yaml: spec(
      "resources:",
      "  volume-key:",
      "    type: kms-key",
      "    arn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    encryption: {kmsKey: volume-kye}",
    ),
    expected: [
      [
        "spec/not-a-kms-key",
        "/workloads/train/encryption/kmsKey",
        14,
        26,
        "did you mean `volume-key`?",
      ],
    ],
  },
  {
    given: "a workload and a resource of undeclared teams",
    yaml: spec(
      "resources:",
      "  datasets: {type: s3-prefix, uri: s3://acme-data/risk/, team: rsik}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    team: risc",
      "teams:",
      "  risk: {}",
    ),
    expected: [
      ["spec/unknown-team", "/resources/datasets/team", 8, 64, "did you mean `risk`?"],
      ["spec/unknown-team", "/workloads/train/team", 12, 11, "did you mean `risk`?"],
    ],
  },
  {
    given: "a GitHub identity with both a branch and an environment",
    yaml: spec(
      "workloads:",
      "  deploy:",
      "    kind: ci-stage",
      "    identity:",
      "      github: {repo: acme/fraud-ml, branch: main, environment: prod}",
    ),
    expected: [["spec/github-ref", "/workloads/deploy/identity/github", 11, 15]],
  },
  {
    given: "a GitHub identity with neither a branch nor an environment",
    yaml: spec(
      "workloads:",
      "  deploy:",
      "    kind: ci-stage",
      "    identity:",
      "      github:",
      "        repo: acme/fraud-ml",
    ),
    expected: [["spec/github-ref", "/workloads/deploy/identity/github", 12, 9]],
  },
  {
    given: "a ci-stage without an identity (pointing at its kind)",
    yaml: spec("workloads:", "  build:", "    description: builds images", "    kind: ci-stage"),
    expected: [["spec/missing-identity", "/workloads/build/kind", 10, 5]],
  },

  {
    given: "`network: vpc-only` without a `vpc`",
    yaml: spec("workloads:", "  train:", "    kind: training-job", "    network: vpc-only"),
    expected: [["spec/missing-vpc", "/workloads/train/network", 10, 14]],
  },
  {
    given: "a serving workload that would write data",
    yaml: spec(
      "resources:",
      "  artifacts: {type: s3-prefix, uri: s3://acme-artifacts/fraud/}",
      "workloads:",
      "  scorer:",
      "    kind: inference-function",
      "    needs:",
      "      - write: artifacts",
    ),
    expected: [["spec/serving-may-not", "/workloads/scorer/needs/0/write", 13, 16]],
  },
  {
    given: "network isolation on a kind that is not a SageMaker job",
    yaml: spec("workloads:", "  scorer:", "    kind: inference-function", "    network: isolated"),
    expected: [["spec/not-for-kind", "/workloads/scorer/network", 10, 14]],
  },
  {
    given: "a team-less workload where the platform requires team boundaries",
    yaml: spec(
      "platform:",
      "  guardrails: {regions: [us-east-1]}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "teams:",
      "  risk: {}",
    ),
    expected: [["spec/missing-team", "/workloads/train/kind", 11, 5]],
  },
  {
    given: "a role name (`demo-` and the workload) of 67 characters",
    yaml: spec(
      "workloads:",
      "  training-job-for-the-fraud-detection-model-of-the-risk-team-v2: {kind: training-job}",
    ),
    expected: [
      [
        "spec/name-too-long",
        "/workloads/training-job-for-the-fraud-detection-model-of-the-risk-team-v2",
        8,
        3,
      ],
    ],
  },
  {
    given: "an 11-digit account id",
    yaml: text(
      "version: 1",
      "name: demo",
      "targets:",
      "  aws:",
      '    account: "11112222333"',
      "    region: us-east-1",
      "workloads: {}",
    ),
    expected: [["spec/invalid-format", "/targets/aws/account", 5, 14]],
  },
  {
    given: "an unquoted account id (a number, not a string)",
    yaml: text(
      "version: 1",
      "name: demo",
      "targets:",
      "  aws:",
      "    account: 111122223333",
      "    region: us-east-1",
      "workloads: {}",
    ),
    expected: [["spec/invalid-type", "/targets/aws/account", 5, 14]],
  },
  {
    given: "a spec without workloads (pointing at the document)",
    yaml: spec("resources: {}"),
    expected: [["spec/missing-key", "/workloads", 1, 1]],
  },
  {
    given: "several problems, reported together in the order they appear",
    yaml: text(
      "version: 1",
      "name: demo",
      "targets:",
      "  aws:",
      '    account: "1234"',
      "    region: us-east-1",
      "resources:",
      "  datasets: {type: s3-prefix, uri: s3://acme-data/fraud/}",
      "  logs: {type: log-groop, name: /aws/sagemaker/TrainingJobs}",
      "workloads:",
      "  train:",
      "    needs:",
      "      - write: datasets",
      "      - read: dataset",
      "      - pul: datasets",
      "    kind: trainingjob",
      "    netwrk: isolated",
      "owner: ml-platform",
    ),
    expected: [
      ["spec/invalid-format", "/targets/aws/account", 5, 14],
      ["spec/unknown-resource-type", "/resources/logs/type", 9, 16, "did you mean `log-group`?"],
      [
        "spec/unknown-resource",
        "/workloads/train/needs/1/read",
        14,
        15,
        "did you mean `datasets`?",
      ],
      ["spec/unknown-verb", "/workloads/train/needs/2/pul", 15, 9, "did you mean `pull`?"],
      ["spec/invalid-value", "/workloads/train/kind", 16, 11, "did you mean `training-job`?"],
      ["spec/unrecognized-keys", "/workloads/train/netwrk", 17, 5, "did you mean `network`?"],
      ["spec/unrecognized-keys", "/owner", 18, 1],
    ],
  },
  // Regressions: problems that once produced no diagnostic, or only some of them.
  {
    given: "needs that are not a list",
    yaml: spec(
      "resources: {d: {type: s3-prefix, uri: s3://acme-data/x/}}",
      "workloads: {train: {kind: training-job, needs: {read: d}}}",
    ),
    expected: [["spec/invalid-type", "/workloads/train/needs", 8, 48]],
  },
  {
    given: "no resources key, a bad kind and a need naming an unknown resource",
    yaml: spec("workloads:", "  train:", "    kind: trainng-job", "    needs: [{read: datasets}]"),
    expected: [
      ["spec/invalid-value", "/workloads/train/kind", 9, 11, "did you mean `training-job`?"],
      ["spec/unknown-resource", "/workloads/train/needs/0/read", 10, 20],
    ],
  },
  {
    given: "an unknown team beside a schema error, reported together",
    yaml: spec(
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    team: nope",
      "    network: isolatd",
    ),
    expected: [
      ["spec/unknown-team", "/workloads/train/team", 10, 11],
      ["spec/invalid-value", "/workloads/train/network", 11, 14, "did you mean `isolated`?"],
    ],
  },
  {
    given: "a misspelt identity",
    yaml: spec(
      "workloads:",
      "  build:",
      "    kind: ci-stage",
      "    identity: {githb: {repo: a/b, branch: main}}",
    ),
    expected: [
      ["spec/invalid-union", "/workloads/build/identity/githb", 10, 16, "did you mean `github`?"],
    ],
  },
  {
    given: "a need naming a list of resources",
    yaml: spec(
      "resources: {d: {type: s3-prefix, uri: s3://acme-data/x/}}",
      "workloads:",
      "  train:",
      "    kind: training-job",
      "    needs:",
      "      - read: [d]",
    ),
    expected: [["spec/invalid-need", "/workloads/train/needs/0/read", 12, 15]],
  },
  {
    given: "a team starting jobs as another team's workload (its boundary would deny the PassRole)",
    yaml: spec(
      "resources: {jobs: {type: sagemaker-training-job, name: risk-*, team: risk}}",
      "workloads:",
      "  pipe:",
      "    kind: ci-stage",
      "    team: risk",
      "    identity: {github: {repo: a/b, branch: main}}",
      "    needs:",
      "      - start: jobs",
      "        as: train",
      "  train: {kind: training-job, team: growth}",
      "teams: {risk: {}, growth: {}}",
    ),
    expected: [["spec/cross-team-role", "/workloads/pipe/needs/0/as", 15, 13]],
  },
  {
    given: "an S3 prefix without its trailing slash (it would also grant fraud-secrets/)",
    yaml: spec(
      "resources:",
      "  d: {type: s3-prefix, uri: s3://acme-data/fraud}",
      "workloads: {train: {kind: training-job}}",
    ),
    expected: [["spec/invalid-format", "/resources/d/uri", 8, 29]],
  },
];

/** The diagnostics as rows: help only where the row gives one. */
function observed(yaml: string, expected: readonly Expected[]): Expected[] {
  const { spec: loaded, diagnostics } = loadSpec(yaml, "leash.yaml");
  expect(loaded, "no spec when there are errors").toBeUndefined();
  expect(
    diagnostics.every((d) => d.severity === "error" && d.location?.file === "leash.yaml"),
  ).toBe(true);
  return diagnostics.map((d, i) => {
    const l = d.location!;
    return expected[i]?.[4] === undefined
      ? [d.code, l.pointer, l.line, l.column]
      : [d.code, l.pointer, l.line, l.column, d.help];
  });
}

describe("spec validation diagnostics", () => {
  it.each(titled(ROWS, (r) => `given ${r.given}, reports exactly these`))(
    "%s",
    (_, { yaml, expected }) => {
      expect(observed(yaml, expected)).toEqual(expected);
    },
  );

  it.each([
    {
      given: "a pipeline starting isolated jobs as a training workload",
      yaml: spec(
        "resources:",
        "  jobs: {type: sagemaker-training-job, name: fraud-*}",
        "workloads:",
        "  pipeline:",
        "    kind: ci-stage",
        "    identity: {github: {repo: acme/fraud-ml, branch: main}}",
        "    needs:",
        "      - start: jobs",
        "        as: training",
        "  training: {kind: training-job, network: isolated}",
      ),
    },
    {
      // A stage run by AWS CodeBuild assumes its role as that service: a valid identity.
      given: "a ci-stage whose identity is a CI service",
      yaml: spec(
        "workloads:",
        "  build:",
        "    kind: ci-stage",
        "    identity: {service: codebuild.amazonaws.com}",
      ),
    },
    {
      given: "a role name of exactly 64 characters",
      yaml: spec(
        "workloads:",
        "  training-job-for-the-fraud-detection-model-of-the-risk-team: {kind: training-job}",
      ),
    },
  ])("accepts $given", ({ yaml }) => {
    expect(loadSpec(yaml, "leash.yaml").diagnostics).toEqual([]);
  });
});
