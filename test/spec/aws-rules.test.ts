import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/index.js";
import { titled } from "../support/rows.js";

/**
 * Regions and resource names checked against AWS's own rules, each at its
 * line and column, with the suggestion or the rule. Positions were computed
 * by hand from the texts below.
 */

/** Lines 1-5: a valid `version`, `name` and account; line 6 is the Region. */
const header = (region = "us-east-1", partition?: string) => [
  "version: 1",
  "name: demo",
  "targets:",
  "  aws:",
  '    account: "111122223333"',
  `    region: ${region}`,
  ...(partition ? [`    partition: ${partition}`] : []),
];

const text = (...lines: string[]) => `${lines.join("\n")}\n`;

/** One resource (line 8) that a notebook lists or pulls, so the spec is otherwise valid. */
const withResource = (resource: string, need = "read") =>
  text(
    ...header(),
    "resources:",
    `  r: ${resource}`,
    "workloads:",
    `  t: {kind: notebook, needs: [{${need}: r}]}`,
  );

/** A training job (line 11) whose volumes and outputs are encrypted with the key `k` (line 14). */
const encrypting = (arn: string) =>
  text(
    ...header(),
    "resources:",
    `  k: {type: kms-key, arn: '${arn}'}`,
    "  d: {type: s3-prefix, uri: 's3://acme-data/x/'}",
    "workloads:",
    "  t:",
    "    kind: training-job",
    "    needs: [{read: d}, {write: d}]",
    "    encryption: {kmsKey: k}",
  );

/** `[code, pointer, line, column, text the message or help contains]`. */
type Expected = [code: string, pointer: string, line: number, column: number, says: string];

interface Row {
  given: string;
  yaml: string;
  expected: Expected[];
}

const ROWS: Row[] = [
  {
    given: "a misspelt Region",
    yaml: text(...header("us-est-1"), "workloads: {t: {kind: notebook}}"),
    expected: [["spec/invalid-value", "/targets/aws/region", 6, 13, "did you mean `us-east-1`?"]],
  },
  {
    given: "a GovCloud Region in the aws partition",
    yaml: text(...header("us-gov-west-1"), "workloads: {t: {kind: notebook}}"),
    expected: [
      [
        "spec/region-not-in-partition",
        "/targets/aws/region",
        6,
        13,
        "set `targets.aws.partition: aws-us-gov`",
      ],
    ],
  },
  {
    given: "a commercial Region in the China partition",
    yaml: text(...header("eu-west-1", "aws-cn"), "workloads: {t: {kind: notebook}}"),
    expected: [["spec/region-not-in-partition", "/targets/aws/region", 6, 13, "not of `aws-cn`"]],
  },
  {
    given: "guardrail Regions that leave out the roles' own, one of them misspelt",
    yaml: text(
      ...header(),
      "platform: {guardrails: {regions: [eu-west-1, eu-wst-2]}}",
      "workloads: {t: {kind: notebook}}",
    ),
    expected: [
      [
        "spec/region-not-allowed",
        "/platform/guardrails/regions",
        7,
        34,
        "add `us-east-1` to `platform.guardrails.regions`",
      ],
      ["spec/invalid-value", "/platform/guardrails/regions/1", 7, 46, "did you mean `eu-west-2`?"],
    ],
  },
  {
    given: "a KMS key of another partition",
    yaml: withResource(
      "{type: kms-key, arn: 'arn:aws-cn:kms:cn-north-1:111122223333:key/k1'}",
      "decrypt",
    ),
    expected: [["spec/partition-mismatch", "/resources/r/arn", 8, 27, "the `aws-cn` partition"]],
  },
  {
    given: "a KMS key in a misspelt Region",
    yaml: withResource(
      "{type: kms-key, arn: 'arn:aws:kms:eu-wset-1:111122223333:key/k1'}",
      "decrypt",
    ),
    expected: [["spec/unknown-region", "/resources/r/arn", 8, 27, "did you mean `eu-west-1`?"]],
  },
  {
    given: "an EKS OIDC provider in a misspelt Region",
    yaml: text(
      ...header(),
      "workloads:",
      "  t:",
      "    kind: ci-stage",
      "    identity: {eks: {oidcProvider: oidc.eks.us-est-1.amazonaws.com/id/ABC, namespace: ml, serviceAccount: ci}}",
    ),
    expected: [
      [
        "spec/unknown-region",
        "/workloads/t/identity/eks/oidcProvider",
        10,
        36,
        "did you mean `us-east-1`?",
      ],
    ],
  },
  {
    given: "an S3 bucket name with two adjacent periods",
    yaml: withResource("{type: s3-prefix, uri: s3://acme..data/x/}"),
    expected: [["spec/invalid-name", "/resources/r/uri", 8, 29, "two adjacent periods"]],
  },
  {
    given: "an S3 bucket name formatted as an IP address",
    yaml: withResource("{type: s3-prefix, uri: s3://192.168.5.4/x/}"),
    expected: [
      [
        "spec/invalid-name",
        "/resources/r/uri",
        8,
        29,
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
      ],
    ],
  },
  {
    given: "an S3 bucket name with a reserved suffix",
    yaml: withResource("{type: s3-prefix, uri: s3://acme-data-s3alias/x/}"),
    expected: [["spec/invalid-name", "/resources/r/uri", 8, 29, "ends with `-s3alias`"]],
  },
  {
    given: "an ECR repository name in capitals",
    yaml: withResource("{type: ecr-repository, name: Fraud/Train}", "pull"),
    expected: [
      [
        "spec/invalid-name",
        "/resources/r/name",
        8,
        35,
        "is not an ECR repository name: it contains `F`",
      ],
    ],
  },
  {
    given: "an ECR repository name with a doubled separator",
    yaml: withResource("{type: ecr-repository, name: fraud--train}", "pull"),
    expected: [["spec/invalid-name", "/resources/r/name", 8, 35, "doubles a separator"]],
  },
  {
    given: "a SageMaker endpoint name with an underscore",
    yaml: withResource("{type: sagemaker-endpoint, name: fraud_prod}", "invoke"),
    expected: [
      [
        "spec/invalid-name",
        "/resources/r/name",
        8,
        39,
        "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html",
      ],
    ],
  },
  {
    given: "a SageMaker model package group name of 64 characters",
    yaml: withResource(`{type: sagemaker-model-package-group, name: ${"g".repeat(64)}}`, "read"),
    expected: [
      ["spec/invalid-name", "/resources/r/name", 8, 50, "64 characters long, more than 63"],
    ],
  },
  {
    given: "a feature group name ending in `_`",
    yaml: withResource("{type: sagemaker-feature-group, name: fraud_}", "read"),
    expected: [
      ["spec/invalid-name", "/resources/r/name", 8, 44, "does not begin and end with a letter"],
    ],
  },
  {
    given: "a log group name with a space",
    yaml: withResource("{type: log-group, name: /aws/sagemaker/my jobs}", "log"),
    expected: [["spec/invalid-name", "/resources/r/name", 8, 30, "it contains a space"]],
  },
  {
    given: "a log group name starting with aws/",
    yaml: withResource("{type: log-group, name: aws/jobs}", "log"),
    expected: [["spec/invalid-name", "/resources/r/name", 8, 30, "which CloudWatch Logs reserves"]],
  },
  {
    given: "a secret name with a space",
    yaml: withResource('{type: secret, name: "db password"}', "read"),
    expected: [["spec/invalid-name", "/resources/r/name", 8, 27, "Secrets Manager"]],
  },
  {
    given: "a Lambda function given as an ARN",
    yaml: withResource(
      "{type: lambda-function, name: 'arn:aws:lambda:us-east-1:111122223333:function:f'}",
      "invoke",
    ),
    expected: [["spec/invalid-name", "/resources/r/name", 8, 36, "it contains `:`"]],
  },
  {
    given: "a Bedrock model without its provider",
    yaml: withResource("{type: bedrock-model, model: claude-3-haiku}", "invoke"),
    expected: [["spec/invalid-name", "/resources/r/model", 8, 35, "`provider.model[:version]`"]],
  },
  {
    given: "a training job encrypting with a single-Region key of another Region",
    yaml: encrypting("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    expected: [
      [
        "spec/kms-key-region",
        "/workloads/t/encryption/kmsKey",
        14,
        26,
        "https://docs.aws.amazon.com/kms/latest/developerguide/overview.html",
      ],
    ],
  },
];

describe("AWS naming rules in the spec", () => {
  it.each([
    ["a key of the target's Region", "arn:aws:kms:us-east-1:111122223333:key/k1"],
    ["a multi-Region key of another Region", "arn:aws:kms:eu-west-1:111122223333:key/mrk-1a2b3c"],
  ])("accepts encryption with %s", (_, arn) => {
    const { spec, diagnostics } = loadSpec(encrypting(arn), "leash.yaml");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spec).toBeDefined();
  });

  it("accepts a need on a key of another Region: S3 decrypts with the bucket's own key", () => {
    const yaml = withResource(
      "{type: kms-key, arn: 'arn:aws:kms:eu-west-1:111122223333:key/k1'}",
      "decrypt",
    );
    expect(loadSpec(yaml, "leash.yaml").spec).toBeDefined();
  });

  it.each(titled(ROWS, (r) => `given ${r.given}, reports exactly these`))(
    "%s",
    (_, { yaml, expected }) => {
      const { spec, diagnostics } = loadSpec(yaml, "leash.yaml");
      expect(spec).toBeUndefined();
      expect(
        diagnostics.map((d, i) => {
          const l = d.location!;
          const says = expected[i]?.[4] ?? "";
          return [
            d.code,
            l.pointer,
            l.line,
            l.column,
            `${d.message} ${d.help}`.includes(says) ? says : `${d.message} / ${d.help}`,
          ];
        }),
      ).toEqual(expected);
    },
  );

  it.each([
    ["a training job prefix", "{type: sagemaker-training-job, name: fraud-*}", "start"],
    [
      "an ECR repository in a namespace",
      "{type: ecr-repository, name: project-a/train_v2}",
      "pull",
    ],
    [
      "a Bedrock model with a version",
      "{type: bedrock-model, model: 'anthropic.claude-3-haiku-20240307-v1:0'}",
      "invoke",
    ],
    [
      "an AWS service's own log group",
      "{type: log-group, name: /aws/sagemaker/TrainingJobs}",
      "log",
    ],
    ["a secret in a path", "{type: secret, name: ml/db-password}", "read"],
  ])("accepts %s", (_, resource, verb) => {
    const yaml =
      verb === "start"
        ? text(
            ...header(),
            "resources:",
            `  r: ${resource}`,
            "workloads:",
            "  p: {kind: pipeline, needs: [{start: r, as: t}]}",
            "  t: {kind: training-job}",
          )
        : withResource(resource, verb);
    expect(loadSpec(yaml, "leash.yaml").diagnostics).toEqual([]);
  });
});
