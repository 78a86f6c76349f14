import { z } from "zod";
import { JobName, Literal, Name } from "./resource-names-schema.js";

/**
 * Cloud-neutral resources (docs/spec.md, "Resources in several clouds"): a
 * resource says what it is once and where it lives in each cloud it exists
 * in, with one locator per cloud (`aws:`, `gcp:`). Object-store prefixes are
 * located by URI scheme instead (`s3://`, `gs://`). Each neutral type stands
 * for one AWS shorthand of the first version (`object-prefix` for
 * `s3-prefix`...), whose checks and generation rows it shares.
 */

const team = { team: Name.optional().describe("the team that owns this resource") };

/** A GCP project id (cloud.google.com/resource-manager/docs/creating-managing-projects). */
export const GcpProjectId = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    "a project id: 6 to 30 lower case letters, digits and `-`, starting with a letter",
  );

/** A GCP location: a region (`us-central1`), a multi-region (`us`) or `global`. */
const GcpLocation = z
  .string()
  .regex(/^[a-z]+(-[a-z]+[0-9]+)?$/, "a location such as us-central1, europe-west4 or us");

const project = { project: GcpProjectId.optional().describe("defaults to targets.gcp.project") };

const S3_PREFIX = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/([^*?]*\/)?)?$/;
const GS_PREFIX = /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/([^*?]*\/)?)?$/;

const ObjectUri = z
  .string()
  .refine(
    (u) => S3_PREFIX.test(u) || GS_PREFIX.test(u),
    "write `s3://bucket/prefix/` or `gs://bucket/prefix/`, ending in `/`",
  );

function locators<T extends string, A extends z.ZodRawShape, G extends z.ZodRawShape>(
  type: T,
  aws: A,
  gcp: G,
) {
  return z
    .strictObject({
      type: z.literal(type),
      aws: z.strictObject(aws).optional(),
      gcp: z.strictObject(gcp).optional(),
      ...team,
    })
    .refine((r) => r.aws !== undefined || r.gcp !== undefined, {
      message: "say where the resource lives: an `aws:` or a `gcp:` block, or both",
    });
}

export const NeutralResourceSchemas = {
  "object-prefix": z
    .strictObject({
      type: z.literal("object-prefix"),
      uri: z
        .union([ObjectUri, z.array(ObjectUri).min(1).max(2)])
        .describe("one prefix URI per cloud: s3://bucket/prefix/, gs://bucket/prefix/"),
      ...team,
    })
    .refine(
      (r) =>
        !Array.isArray(r.uri) || new Set(r.uri.map((u) => u.slice(0, 5))).size === r.uri.length,
      { message: "give at most one URI per cloud: one `s3://` and one `gs://`", path: ["uri"] },
    ),
  "container-repository": locators(
    "container-repository",
    { name: Literal.describe("ECR repository") },
    {
      repository: Literal.describe("Artifact Registry repository id"),
      location: GcpLocation.optional().describe("defaults to targets.gcp.region"),
      ...project,
    },
  ),
  "training-job": locators(
    "training-job",
    { name: JobName.describe("SageMaker training job name or prefix") },
    { region: GcpLocation.optional().describe("Vertex AI region; defaults to targets.gcp.region") },
  ),
  "processing-job": locators(
    "processing-job",
    { name: JobName },
    { region: GcpLocation.optional() },
  ),
  "model-endpoint": locators(
    "model-endpoint",
    { name: Literal, model: Literal.optional(), config: Literal.optional() },
    {
      endpoint: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "the Vertex AI endpoint id"),
      region: GcpLocation.optional(),
      ...project,
    },
  ),
  "model-registry": locators(
    "model-registry",
    { name: Literal.describe("SageMaker model package group") },
    { region: GcpLocation.optional().describe("Vertex AI Model Registry region") },
  ),
  "feature-store": locators(
    "feature-store",
    { name: Literal.describe("SageMaker feature group") },
    {
      featureOnlineStore: Literal.describe("Vertex AI Feature Store online store id"),
      region: GcpLocation.optional(),
      ...project,
    },
  ),
  "encryption-key": locators(
    "encryption-key",
    {
      arn: z
        .string()
        .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, "a KMS key ARN"),
    },
    {
      keyRing: Literal,
      key: Literal,
      location: GcpLocation.optional(),
      ...project,
    },
  ),
  "log-destination": locators(
    "log-destination",
    { name: Literal.describe("CloudWatch Logs log group") },
    { ...project },
  ),
  "foundation-model": locators(
    "foundation-model",
    { model: Literal.describe("Bedrock model id") },
    {
      model: z
        .string()
        .regex(
          /^publishers\/[a-z0-9-]+\/models\/[a-z0-9._@-]+$/,
          "a publisher model: publishers/google/models/gemini-2.5-flash",
        ),
      region: GcpLocation.optional(),
    },
  ),
  function: locators(
    "function",
    { name: Literal.describe("Lambda function") },
    {
      service: Literal.describe("Cloud Run service (Cloud Run functions included)"),
      region: GcpLocation.optional(),
      ...project,
    },
  ),
} as const;

/** A `secret` in its neutral form (the AWS shorthand writes `name:` instead). */
export const NeutralSecretLocators = {
  aws: z.strictObject({ name: Literal }).optional(),
  gcp: z
    .strictObject({ secret: Literal.describe("Secret Manager secret id"), ...project })
    .optional(),
};

export type NeutralType = keyof typeof NeutralResourceSchemas;
