import { describe, expect, it } from "vitest";
import { generateAws } from "../../src/clouds/aws/generate/index.js";
import { renderAwsJson } from "../../src/outputs/index.js";
import { loadSpec } from "../../src/spec/index.js";

/** Resources in several clouds (docs/spec.md): neutral types with per-cloud locators. */
const HEAD = `version: 1
name: acme
targets:
  aws: {account: "111122223333", region: us-east-1}
`;

function codes(text: string): string[] {
  return loadSpec(HEAD + text, "leash.yaml").diagnostics.map((d) => d.code);
}

describe("cloud-neutral resources", () => {
  it("generate the same AWS output as the AWS shorthands they stand for", () => {
    const needs = `workloads:
  train:
    kind: training-job
    needs:
      - read: data
      - write: models
      - pull: image
      - log: logs
    encryption: {kmsKey: key}
  serve:
    kind: serving-endpoint
    needs:
      - read: models
`;
    const shorthand = `resources:
  data: {type: s3-prefix, uri: "s3://acme-data/fraud/"}
  models: {type: s3-prefix, uri: "s3://acme-models/fraud/"}
  image: {type: ecr-repository, name: fraud}
  logs: {type: log-group, name: /aws/sagemaker/TrainingJobs}
  key: {type: kms-key, arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
${needs}`;
    const neutral = `resources:
  data: {type: object-prefix, uri: ["s3://acme-data/fraud/", "gs://acme-data/fraud/"]}
  models: {type: object-prefix, uri: "s3://acme-models/fraud/"}
  image: {type: container-repository, aws: {name: fraud}, gcp: {repository: fraud}}
  logs: {type: log-destination, aws: {name: /aws/sagemaker/TrainingJobs}}
  key:
    type: encryption-key
    aws: {arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
${needs}`;
    const render = (text: string) => {
      const { spec, diagnostics } = loadSpec(HEAD + text, "leash.yaml");
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      return renderAwsJson(generateAws(spec!).generation!);
    };
    expect(render(neutral)).toBe(render(shorthand));
  });

  it("refuse two URIs of one cloud, a resource located nowhere, and a secret written both ways", () => {
    expect(
      codes(`resources:
  data: {type: object-prefix, uri: ["s3://a-bucket/x/", "s3://b-bucket/x/"]}
workloads: {}
`),
    ).toContain("spec/custom");
    expect(
      codes(`resources:
  image: {type: container-repository}
workloads: {}
`),
    ).toContain("spec/custom");
    expect(
      codes(`resources:
  s: {type: secret, name: api-key, gcp: {secret: api-key}}
workloads: {}
`),
    ).toContain("spec/custom");
  });

  it("take the verbs of the kind they stand for", () => {
    expect(
      codes(`resources:
  data: {type: object-prefix, uri: "gs://acme-data/"}
workloads:
  w:
    kind: ci-stage
    identity: {github: {repo: acme/app, branch: main}}
    needs:
      - push: data
`),
    ).toEqual(["spec/verb-not-applicable"]);
  });

  it("check the names in their locators: an S3 bucket rule, a GCS bucket rule, printable text", () => {
    expect(
      codes(`resources:
  data: {type: object-prefix, uri: ["s3://acme-data/x/", "gs://google-data/x/"]}
workloads: {}
`),
    ).toEqual(["spec/invalid-name"]);
    expect(
      codes(`resources:
  image: {type: container-repository, aws: {name: "Fraud"}}
workloads: {}
`),
    ).toEqual(["spec/invalid-name"]);
  });

  it("are refused by the AWS generator, at the need, when they do not live in AWS", () => {
    const { spec } = loadSpec(
      `${HEAD}resources:
  data: {type: object-prefix, uri: "gs://acme-data/"}
workloads:
  train:
    kind: training-job
    needs:
      - read: data
`,
      "leash.yaml",
    );
    const r = generateAws(spec!);
    expect(r.generation).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({
      code: "generate/not-in-cloud",
      location: { pointer: "/workloads/train/needs/0/read" },
    });
  });
});
