import type { Diagnostic } from "../diagnostics/index.js";
import {
  BEDROCK_MODEL,
  ECR_REPOSITORY,
  LAMBDA_FUNCTION,
  LOG_GROUP,
  literalProblem,
  type NameRule,
  S3_BUCKET,
  S3_KEY_PREFIX,
  SAGEMAKER_ENDPOINT,
  SAGEMAKER_ENDPOINT_CONFIG,
  SAGEMAKER_FEATURE_GROUP,
  SAGEMAKER_MODEL,
  SAGEMAKER_MODEL_PACKAGE_GROUP,
  SAGEMAKER_PROCESSING_JOB,
  SAGEMAKER_TRAINING_JOB,
  SECRET,
  TAG_KEY,
  TAG_VALUE,
} from "./aws-names.js";
import { GCS_BUCKET } from "./gcp-names.js";
import { isObject } from "./is-object.js";
import type { LocatedYaml, Path } from "./located-yaml.js";
import { NEUTRAL_KIND } from "./resource-views.js";
import type { Spec } from "./schema.js";
import { specDiagnostic } from "./spec-diagnostic.js";

/** The rule each name field of each resource type follows. */
const RESOURCE_NAME_RULES: Record<string, Record<string, NameRule>> = {
  "ecr-repository": { name: ECR_REPOSITORY },
  "sagemaker-endpoint": {
    name: SAGEMAKER_ENDPOINT,
    model: SAGEMAKER_MODEL,
    config: SAGEMAKER_ENDPOINT_CONFIG,
  },
  "sagemaker-model-package-group": { name: SAGEMAKER_MODEL_PACKAGE_GROUP },
  "sagemaker-feature-group": { name: SAGEMAKER_FEATURE_GROUP },
  "sagemaker-training-job": { name: SAGEMAKER_TRAINING_JOB },
  "sagemaker-processing-job": { name: SAGEMAKER_PROCESSING_JOB },
  "log-group": { name: LOG_GROUP },
  secret: { name: SECRET },
  "bedrock-model": { model: BEDROCK_MODEL },
  "lambda-function": { name: LAMBDA_FUNCTION },
};

/**
 * Names the generator writes into ARNs and conditions, checked against the
 * service's own naming rule (and, for all, against control characters and
 * policy variables), each at its place in the spec. Works on a spec that
 * failed the schema too: it looks only at fields that are strings.
 */
export function nameDiagnostics(spec: Spec, yaml: LocatedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (rule: NameRule | undefined, value: unknown, path: Path, shown = value) => {
    if (typeof value !== "string") return;
    const problem = literalProblem(value) ?? rule?.problem(value);
    if (problem === undefined) return;
    out.push(
      specDiagnostic(
        yaml,
        "invalid-name",
        `\`${JSON.stringify(shown).slice(1, -1)}\` is not ${rule?.what ?? "a valid name"}: ${problem}`,
        rule ? `${rule.rule} (${rule.source})` : "use printable text without `${`",
        path,
      ),
    );
  };
  for (const [name, r] of Object.entries(spec.resources as Record<string, unknown>)) {
    if (!isObject(r)) continue;
    const path: Path = ["resources", name];
    if (r.type === "s3-prefix" && typeof r.uri === "string") {
      const [, bucket = "", prefix = ""] = /^s3:\/\/([^/]*)\/?(.*)$/s.exec(r.uri) ?? [];
      const before = out.length;
      check(S3_BUCKET, bucket, [...path, "uri"]);
      if (out.length === before) check(S3_KEY_PREFIX, prefix, [...path, "uri"], r.uri);
    }
    if (r.type === "object-prefix")
      (Array.isArray(r.uri) ? r.uri : [r.uri]).forEach((uri, i) => {
        const at: Path = Array.isArray(r.uri) ? [...path, "uri", i] : [...path, "uri"];
        if (typeof uri !== "string") return;
        const [, scheme = "", bucket = "", prefix = ""] =
          /^(s3|gs):\/\/([^/]*)\/?(.*)$/s.exec(uri) ?? [];
        const before = out.length;
        check(scheme === "s3" ? S3_BUCKET : GCS_BUCKET, bucket, at, uri);
        if (out.length === before)
          check(scheme === "s3" ? S3_KEY_PREFIX : undefined, prefix, at, uri);
      });
    const rules =
      typeof r.type === "string" && Object.hasOwn(RESOURCE_NAME_RULES, r.type)
        ? RESOURCE_NAME_RULES[r.type]!
        : {};
    for (const [field, rule] of Object.entries(rules)) check(rule, r[field], [...path, field]);
    // A neutral type's `aws:` block holds the AWS shorthand's names; its `gcp:` block's names
    // go into resource names and conditions, so they too must be printable and free of `${`.
    const kind =
      typeof r.type === "string" && Object.hasOwn(NEUTRAL_KIND, r.type)
        ? NEUTRAL_KIND[r.type as keyof typeof NEUTRAL_KIND]
        : r.type === "secret"
          ? "secret"
          : undefined;
    if (kind && isObject(r.aws))
      for (const [field, rule] of Object.entries(RESOURCE_NAME_RULES[kind] ?? {}))
        check(rule, r.aws[field], [...path, "aws", field]);
    if (isObject(r.gcp))
      for (const [field, value] of Object.entries(r.gcp))
        check(undefined, value, [...path, "gcp", field]);
  }
  const tagKey = spec.platform?.tagKey;
  check(TAG_KEY, tagKey, ["platform", "tagKey"]);
  for (const [name, t] of Object.entries(spec.teams as Record<string, unknown>))
    if (isObject(t)) check(TAG_VALUE, t.tag, ["teams", name, "tag"]);
  for (const [name, w] of Object.entries(spec.workloads as Record<string, unknown>)) {
    const identity = isObject(w) ? w.identity : undefined;
    if (!isObject(identity)) continue;
    // These go into the trust policy's `sub` condition, letter for letter.
    for (const [kind, fields] of [
      ["github", ["branch", "environment"]],
      ["eks", ["namespace", "serviceAccount"]],
    ] as const) {
      const block = identity[kind];
      if (isObject(block))
        for (const f of fields)
          check(undefined, block[f], ["workloads", name, "identity", kind, f]);
    }
  }
  return out;
}
