import { describe, expect, it } from "vitest";
import { KINDS, KNOWLEDGE } from "../../src/clouds/aws/generate/index.js";
import type { GrantTemplate } from "../../src/clouds/aws/generate/knowledge/types.js";
import {
  type AwsTarget,
  fill,
  resourceFacts,
} from "../../src/clouds/aws/generate/resource-facts.js";
import type { AwsResource, ResourceType } from "../../src/spec/index.js";
import { VERB_TARGETS, VERBS } from "../../src/spec/index.js";
import { catalog, keySupported, resourceVerdict } from "../support/catalog-checks.js";
import { titled } from "../support/rows.js";

/**
 * The knowledge base against the Service Authorization Reference: real
 * actions, resources in the ARN formats those actions accept, condition keys
 * those actions support, and exactly one row per verb and resource type.
 */
const TARGET: AwsTarget = { account: "111122223333", region: "us-east-1", partition: "aws" };

/** A realistic resource of every type, to fill the templates with. */
const SAMPLES: Record<ResourceType, AwsResource> = {
  "s3-prefix": { type: "s3-prefix", uri: "s3://acme-ml-datasets/fraud/v3/" },
  "ecr-repository": { type: "ecr-repository", name: "fraud-train" },
  "sagemaker-endpoint": { type: "sagemaker-endpoint", name: "fraud-prod" },
  "sagemaker-model-package-group": { type: "sagemaker-model-package-group", name: "fraud-models" },
  "sagemaker-feature-group": { type: "sagemaker-feature-group", name: "fraud-features" },
  "sagemaker-training-job": { type: "sagemaker-training-job", name: "fraud-*" },
  "sagemaker-processing-job": { type: "sagemaker-processing-job", name: "fraud-prep-*" },
  "kms-key": {
    type: "kms-key",
    arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  },
  "log-group": { type: "log-group", name: "/aws/sagemaker/TrainingJobs" },
  secret: { type: "secret", name: "fraud-api-key" },
  "bedrock-model": { type: "bedrock-model", model: "anthropic.claude-3-haiku-20240307-v1:0" },
  "lambda-function": { type: "lambda-function", name: "fraud-scorer" },
};

const factsFor = (type: ResourceType | undefined) => ({
  ...(type ? resourceFacts(SAMPLES[type], TARGET) : {}),
  ...TARGET,
  workload: "train",
});

interface Use {
  row: string;
  action: string;
  resource: string;
  keys: string[];
}

/** Every (action, filled resource) a grant makes, with its condition keys. */
function uses(row: string, grants: readonly GrantTemplate[], type?: ResourceType): Use[] {
  const facts = factsFor(type);
  return grants.flatMap((g) =>
    g.actions.flatMap((action) =>
      g.resources.map((r) => ({
        row,
        action,
        resource: fill(r, facts),
        keys: Object.values(g.conditions ?? {}).flatMap((block) => Object.keys(block)),
      })),
    ),
  );
}

const USES: Use[] = [
  ...KNOWLEDGE.flatMap((k) => uses(`${k.verb} ${k.type}`, k.grants, k.type)),
  ...Object.entries(KINDS).flatMap(([kind, p]) => uses(`kind ${kind}`, p.baseline)),
];

describe("the knowledge base", () => {
  it("has one row per verb and resource type the spec allows, and no other", () => {
    const rows = KNOWLEDGE.map((k) => `${k.verb} ${k.type}`);
    const allowed = VERBS.flatMap((v) => VERB_TARGETS[v].map((t) => `${v} ${t}`));
    expect([...rows].sort()).toEqual([...allowed].sort());
    expect(new Set(rows).size).toBe(rows.length);
  });

  it.each([
    ...KNOWLEDGE.map((k) => ({ row: `${k.verb} ${k.type}`, source: k.source })),
    ...Object.entries(KINDS).map(([kind, p]) => ({ row: `kind ${kind}`, source: p.source })),
  ])("$row cites an https source", ({ source }) => {
    expect(source).toMatch(/^https:\/\/\S+/);
  });

  it.each(USES)("$row: $action exists in the catalog", ({ action }) => {
    expect(catalog.action(action)?.fullName).toBe(action);
  });

  it.each(titled(USES, (u) => `${u.row}: ${u.action} on ${u.resource} is an ARN it accepts`))(
    "%s",
    (_, { action, resource }) => {
      expect(resourceVerdict(action, resource)).toBeDefined();
    },
  );

  it("grants `*` only to actions that take no resource ARN", () => {
    const star = USES.filter((u) => u.resource === "*").map((u) => u.action);
    expect([...new Set(star)].sort()).toEqual([
      "cloudwatch:PutMetricData",
      "ecr:GetAuthorizationToken",
    ]);
  });

  it.each(
    titled(
      USES.filter((u) => u.keys.length > 0),
      (u) => `${u.row}: ${u.action} supports ${u.keys.join(", ")}`,
    ),
  )("%s", (_, { action, keys }) => {
    expect(keys.filter((k) => !keySupported(action, k))).toEqual([]);
  });
});

describe("the knowledge test's own checks", () => {
  it.each([
    { action: "s3:GetObject", resource: "arn:aws:s3:::acme/fraud/*", expected: "object" },
    { action: "s3:ListBucket", resource: "arn:aws:s3:::acme", expected: "bucket" },
    { action: "s3:GetObject", resource: "arn:aws:s3:::acme", expected: undefined },
    // The catalog marks alternative resource types (access point object, object) both optional,
    // so `*` passes this rule for s3:GetObject: the pinned list of `*` grants above covers that.
    { action: "s3:GetObject", resource: "*", expected: "*" },
    { action: "ecr:BatchGetImage", resource: "*", expected: undefined },
    { action: "sagemaker:InvokeEndpoint", resource: "*", expected: undefined },
    { action: "ecr:GetAuthorizationToken", resource: "*", expected: "*" },
    {
      action: "secretsmanager:GetSecretValue",
      resource: "arn:aws:secretsmanager:us-east-1:111122223333:secret:api-??????",
      expected: "Secret",
    },
    {
      action: "sagemaker:InvokeEndpoint",
      resource: "arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/x",
      expected: undefined,
    },
  ])("$action on $resource is accepted as $expected", ({ action, resource, expected }) => {
    expect(resourceVerdict(action, resource)).toBe(expected);
  });

  it.each([
    { action: "s3:ListBucket", key: "s3:prefix", expected: true },
    { action: "kms:Decrypt", key: "kms:ViaService", expected: true },
    { action: "s3:GetObject", key: "aws:SourceIp", expected: true },
    { action: "s3:GetObject", key: "kms:ViaService", expected: false },
    { action: "s3:GetObject", key: "aws:NoSuchKey", expected: false },
  ])("$action supports $key: $expected", ({ action, key, expected }) => {
    expect(keySupported(action, key)).toBe(expected);
  });
});
